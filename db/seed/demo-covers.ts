import fs from 'node:fs';
import path from 'node:path';
import type { Tx } from '../client';
import { clubCovers, images } from '../schema';
import { readCoverImage } from '@/lib/domain/cover-images';
import { CLUB_CODES } from '@/lib/domain/types';

/** The demo clubs' covers, drawn by scripts/draw-demo-covers.mjs. */
const COVERS_DIR = path.join(import.meta.dirname, 'covers');

/**
 * Gives every club of the demo provinces its cover, as if their operators had uploaded them: the
 * same four pictures, each stored once, checked like any upload.
 */
export async function seedDemoCovers(tx: Tx, now: number, provinces: readonly string[], operatorOf: (province: string) => number | null): Promise<void> {
  for (const club of CLUB_CODES) {
    const bytes = fs.readFileSync(path.join(COVERS_DIR, `${club}.jpg`));
    const cover = readCoverImage(bytes);
    if ('refused' in cover) throw new Error(`seed: the ${club} cover is refused (${cover.refused})`);
    const [image] = await tx
      .insert(images)
      .values({ ...cover, bytes, uploadedByStaffId: null, createdAt: now })
      .returning({ id: images.id });
    for (const provinceCode of provinces) {
      await tx.insert(clubCovers).values({ clubCode: club, provinceCode, imageId: image!.id, updatedByStaffId: operatorOf(provinceCode), updatedAt: now });
    }
  }
}
