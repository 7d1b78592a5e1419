import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Db } from '@/db/client';
import { apiTokens, provinces } from '@/db/schema';
import type { ChannelActor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import type { CreateApiTokenInput } from '@/lib/validation/api-tokens';
import { audit, type Writer } from './audit';
import { log } from './log';
import { preparedPerConnection } from './prepared';

const PREFIX = 'chk_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function mayManageTokens(writer: Writer): boolean {
  return writer.kind === 'system' || (writer.kind === 'staff' && writer.role === 'admin');
}

/**
 * Creates a bearer token for a channel's system, bound to a province or HQ. The token is returned
 * once and only its hash is stored.
 */
export async function createApiToken(writer: Writer, input: CreateApiTokenInput) {
  if (!mayManageTokens(writer)) throw forbidden();
  const token = PREFIX + randomBytes(32).toString('base64url');
  return withTransaction(async (tx) => {
    if (input.scope) {
      const [p] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, input.scope));
      if (!p) throw new DomainError('unknown_province', 'invalid_input', {}, { scope: 'unknown_province' });
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        channel: input.channel,
        provinceCode: input.scope,
        tokenHash: hashToken(token),
        createdByStaffId: writer.kind === 'staff' ? writer.staffId : null,
      })
      .returning({ id: apiTokens.id, name: apiTokens.name, channel: apiTokens.channel, provinceCode: apiTokens.provinceCode });
    await audit(tx, writer, { action: 'api_token.create', entityType: 'api_token', entityId: row!.id, after: row, provinceCode: row!.provinceCode });
    return { ...row!, token };
  });
}

export async function revokeApiToken(writer: Writer, tokenId: number, now = Date.now()) {
  if (!mayManageTokens(writer)) throw forbidden();
  return withTransaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name, provinceCode: apiTokens.provinceCode });
    if (!row) throw notFound();
    await audit(tx, writer, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId, after: { revokedAt: now }, provinceCode: row.provinceCode });
    return row;
  }).finally(() => knownTokens.clear());
}

export async function listApiTokens(writer: Writer) {
  if (!mayManageTokens(writer)) throw forbidden();
  return getReader()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      channel: apiTokens.channel,
      provinceCode: apiTokens.provinceCode,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

const prepareLookup = (db: Db) =>
  db
    .select({ id: apiTokens.id, name: apiTokens.name, channel: apiTokens.channel, provinceCode: apiTokens.provinceCode, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare();

const lookupFor = preparedPerConnection(prepareLookup);
const lastUsedWritten = new Map<number, number>();

/** How often last_used_at is written: every request would add a write to the hot path. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * How long a token found valid is believed without asking the database again. A read after other
 * connections wrote starts from a cold page cache (~0.1 ms), a tenth of what the channel API's
 * busiest request costs in all. A revocation in this server takes effect at once (the cache is
 * emptied); one made by another process (another app server, `npm run token -- revoke`) within
 * this time: at most two lookups per token and second per server. Half a second, so that with
 * a request's own time a revocation is honoured everywhere within the second promised (the cluster
 * tests measure it).
 */
export const TOKEN_RECHECK_MS = 500;

type TokenRow = Awaited<ReturnType<ReturnType<typeof prepareLookup>['execute']>>[number];
// On globalThis: Next may load this module in several bundles, and a revocation must empty the
// cache that every route reads.
const shared = globalThis as typeof globalThis & { __clubHubKnownTokens?: Map<string, { row: TokenRow; checkedAt: number }> };
const knownTokens = (shared.__clubHubKnownTokens ??= new Map());

async function findToken(hash: string, now: number): Promise<TokenRow | undefined> {
  const known = knownTokens.get(hash);
  if (known && now - known.checkedAt < TOKEN_RECHECK_MS && now >= known.checkedAt) return known.row;
  const [row] = await lookupFor(getReader()).execute({ hash });
  if (row) knownTokens.set(hash, { row, checkedAt: now });
  else knownTokens.delete(hash);
  return row;
}

/** The channel actor behind an `Authorization: Bearer …` header, or null for a missing, unknown or revoked token. */
export async function authenticateApiToken(authorization: string | null, now = Date.now()): Promise<ChannelActor | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token?.startsWith(PREFIX)) return null;
  const row = await findToken(hashToken(token), now);
  if (!row) return null;
  if (now - (lastUsedWritten.get(row.id) ?? row.lastUsedAt ?? 0) >= LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now);
    // Bookkeeping: the answer does not wait for it (a write may wait for a lock another process holds).
    withTransaction(async (tx) => {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }).catch((error: unknown) => log.warn({ err: error, tokenId: row.id }, 'token use not recorded'));
  }
  return { kind: 'channel', role: 'channel', tokenId: row.id, channel: row.channel as ChannelActor['channel'], provinceCode: row.provinceCode, name: row.name };
}
