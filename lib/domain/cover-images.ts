import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import type { CoverImageType } from './types';

/** The largest cover accepted: plenty for a phone-width photo, small enough to keep in the database. */
export const MAX_COVER_BYTES = 2 * 1024 * 1024;
/** Wider or taller than this is not a cover but a poster; browsers would still decode all of it. */
export const MAX_COVER_SIDE = 6000;

/**
 * The format of a picture from its first bytes (its magic number), never from its name or the
 * type a browser claims: JPEG (FF D8 FF), PNG (the 8-byte signature), WebP (RIFF....WEBP).
 */
export function sniffCoverType(bytes: Uint8Array): CoverImageType | null {
  const starts = (offset: number, signature: readonly number[]) => signature.every((b, i) => bytes[offset + i] === b);
  if (starts(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(0, [0x52, 0x49, 0x46, 0x46]) && starts(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

const SIZE_TYPES: Record<string, CoverImageType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export type CoverImage = { contentType: CoverImageType; width: number; height: number; byteSize: number; sha256: string };

/**
 * A file as a cover, or the code of why it is refused: empty, over MAX_COVER_BYTES, not a JPEG,
 * PNG or WebP by its bytes, or a header whose format or dimensions cannot be read (a file renamed,
 * cut short, or another format behind a borrowed signature).
 */
export function readCoverImage(bytes: Uint8Array): CoverImage | { refused: 'cover_empty' | 'cover_too_large' | 'cover_type' | 'cover_unreadable' } {
  if (bytes.byteLength === 0) return { refused: 'cover_empty' };
  if (bytes.byteLength > MAX_COVER_BYTES) return { refused: 'cover_too_large' };
  const contentType = sniffCoverType(bytes);
  if (!contentType) return { refused: 'cover_type' };
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return { refused: 'cover_unreadable' };
  }
  const { width, height } = size;
  if (SIZE_TYPES[size.type ?? ''] !== contentType || !(width > 0 && height > 0) || width > MAX_COVER_SIDE || height > MAX_COVER_SIDE) {
    return { refused: 'cover_unreadable' };
  }
  return { contentType, width, height, byteSize: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A cover's address: its content hash, so that it can be cached for good. */
export function coverUrl(sha256: string): string {
  return `/images/${sha256}`;
}

/** What a cover's address names: 64 lowercase hex digits, nothing else. */
export const COVER_HASH = /^[0-9a-f]{64}$/;
