import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { apiTokens, auditLog } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken, TOKEN_RECHECK_MS } from './api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: 'op' };

describe('API tokens', () => {
  it('prints a token once, stores only its hash, and authenticates it as a channel actor of its scope', async () => {
    const created = await createApiToken(cli, createApiTokenInput.parse({ name: '广东10010热线', channel: 'hotline', scope: '440000' }));
    expect(created.token).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
    const [row] = await getReader().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await authenticateApiToken(`Bearer ${created.token}`)).toMatchObject({ kind: 'channel', channel: 'hotline', provinceCode: '440000', tokenId: created.id });
    const hq = await createApiToken(cli, createApiTokenInput.parse({ name: 'HQ online', channel: 'online', scope: 'hq' }));
    expect(await authenticateApiToken(`Bearer ${hq.token}`)).toMatchObject({ provinceCode: null, channel: 'online' });
  });

  it('refuses missing, malformed, unknown and revoked tokens', async () => {
    const created = await createApiToken(cli, createApiTokenInput.parse({ name: 'x', channel: 'sms', scope: '110000' }));
    expect(await authenticateApiToken(null)).toBeNull();
    expect(await authenticateApiToken(created.token)).toBeNull();
    expect(await authenticateApiToken('Bearer chk_nope')).toBeNull();
    await revokeApiToken(cli, created.id);
    expect(await authenticateApiToken(`Bearer ${created.token}`)).toBeNull();
    await expect(revokeApiToken(cli, created.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('believes a valid token for at most a second: a revocation by another server or process counts from the next check', async () => {
    const created = await createApiToken(cli, createApiTokenInput.parse({ name: 'x', channel: 'sms', scope: '110000' }));
    const header = `Bearer ${created.token}`;
    const t0 = Date.now();
    expect(await authenticateApiToken(header, t0)).toMatchObject({ tokenId: created.id });
    // Revoked behind this server's back, as `npm run token -- revoke` does.
    await withTransaction((tx) => tx.update(apiTokens).set({ revokedAt: t0 }).where(eq(apiTokens.id, created.id)));
    expect(TOKEN_RECHECK_MS).toBeLessThanOrEqual(1000);
    expect(await authenticateApiToken(header, t0 + TOKEN_RECHECK_MS - 1)).toMatchObject({ tokenId: created.id });
    expect(await authenticateApiToken(header, t0 + TOKEN_RECHECK_MS)).toBeNull();
  });

  it('lets only admins and the command line manage tokens, audit-logged', async () => {
    await expect(createApiToken(operator, createApiTokenInput.parse({ name: 'x', channel: 'sms', scope: '440000' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listApiTokens(operator)).rejects.toMatchObject({ code: 'forbidden' });
    expect(() => createApiTokenInput.parse({ name: 'x', channel: 'web', scope: '440000' })).toThrow();
    await expect(createApiToken(cli, createApiTokenInput.parse({ name: 'x', channel: 'sms', scope: '999999' }))).rejects.toMatchObject({ code: 'unknown_province' });
    const actions = (await getReader().select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toContain('api_token.create');
    expect(actions).toContain('api_token.revoke');
  });
});
