import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signHallCode } from '@/lib/domain/hall-codes';
import { queryE2e } from './db';

/**
 * The path the printed code of the first Guangdong hall (天河) leads to, signed with the key the
 * server derives (lib/server/secrets.ts) from its secret: given on PostgreSQL (playwright.config.ts),
 * kept under .data/ by scripts/start.mjs on SQLite.
 */
export async function tianheCodePath(): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET ?? (/^postgres/.test(process.env.E2E_DATABASE_URL ?? '') ? 'club-hub e2e secret on postgres' : fs.readFileSync(path.join(process.cwd(), '.data', 'auth-secret'), 'utf8').trim());
  const [hall] = await queryE2e<{ id: number }>(`select id from halls where province_code = '440000' order by id limit 1`);
  const key = createHmac('sha256', secret).update('hall').digest('base64url');
  return `/visit?code=${encodeURIComponent(signHallCode(hall!.id, key))}`;
}
