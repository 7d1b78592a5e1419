import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { customers, sessions } from '@/db/schema';
import { HOUR } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { actorOfSession } from './guard';
import { hashPassword } from './passwords';
import { runScheduledWork } from './scheduler';
import { isSessionOpen, openSession, purgeExpiredSessions, revokeSession, SESSION_MAX_AGE_MS } from './session-store';
import { createStaff } from './staff';

withTempDatabase();

let operator = '';
let member = '';

beforeAll(async () => {
  const op = await createStaff({ kind: 'system', via: 'cli' }, { username: 'gd.door', password: 'plum-harbor-lantern-42', role: 'operator', provinceCode: '440000' });
  operator = `staff:${op.id}`;
  const passwordHash = await hashPassword('member password');
  const [c] = await withTransaction((tx) =>
    tx.insert(customers).values({ mobile: '18602009999', name: '陈会员', segment: 'postpaid', provinceCode: '440000', passwordHash }).returning({ id: customers.id }),
  );
  member = `member:${c!.id}`;
});

describe('sessions', () => {
  it('lets an open session through, for staff and members alike', async () => {
    const staffSession = await openSession(operator);
    expect(await actorOfSession({ principal: operator, sessionId: staffSession })).toMatchObject({ kind: 'staff', role: 'operator', provinceCode: '440000' });
    const memberSession = await openSession(member);
    expect(await actorOfSession({ principal: member, sessionId: memberSession })).toMatchObject({ kind: 'member', name: '陈会员' });
  });

  it('refuses a cookie without a session id, with an unknown one, or with the session of someone else', async () => {
    const own = await openSession(member);
    expect(await actorOfSession(null)).toBeNull();
    // A cookie made before sessions were kept on the server has no id.
    expect(await actorOfSession({ principal: operator })).toBeNull();
    expect(await actorOfSession({ principal: operator, sessionId: 'made-up' })).toBeNull();
    expect(await actorOfSession({ principal: operator, sessionId: own })).toBeNull();
  });

  it('keeps only a hash of the session id', async () => {
    const id = await openSession(operator);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await getReader().select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.tokenHash === id || s.tokenHash.includes(id))).toBe(false);
  });

  it('ends one session on sign-out and leaves the others of the account open; ending it twice changes nothing', async () => {
    const [phone, laptop] = [await openSession(operator), await openSession(operator)];
    await revokeSession(phone);
    expect(await actorOfSession({ principal: operator, sessionId: phone })).toBeNull();
    expect(await actorOfSession({ principal: operator, sessionId: laptop })).not.toBeNull();
    const [{ revokedAt }] = (await getReader().select({ revokedAt: sessions.revokedAt }).from(sessions).where(sql`${sessions.revokedAt} is not null`)) as [{ revokedAt: number }];
    await revokeSession(phone, revokedAt + 1000);
    const after = await getReader().select({ revokedAt: sessions.revokedAt }).from(sessions).where(sql`${sessions.revokedAt} is not null`);
    expect(after).toEqual([{ revokedAt }]);
  });

  it('ends a session twelve hours after the sign-in, however busy it was', async () => {
    const now = Date.now();
    const id = await openSession(operator, now);
    expect(await isSessionOpen(id, operator, now + SESSION_MAX_AGE_MS - 1)).toBe(true);
    expect(await isSessionOpen(id, operator, now + SESSION_MAX_AGE_MS)).toBe(false);
    expect(await actorOfSession({ principal: operator, sessionId: id }, now + 12 * HOUR + 1)).toBeNull();
  });

  it('finds a session by its unique index: one indexed read per request', async () => {
    const lookup = sql`select principal, expires_at, revoked_at from sessions where token_hash = 'x'`;
    // Each engine's own plan: PostgreSQL's planner scans a table this small whole unless told the
    // scan costs too much, which still leaves it a whole scan when no index can serve the lookup.
    const plan =
      DIALECT === 'postgres'
        ? (
            await withTransaction(async (tx) => {
              await tx.run(sql`set local enable_seqscan = off`);
              return tx.all<{ 'QUERY PLAN': string }>(sql`explain ${lookup}`);
            })
          ).map((p) => p['QUERY PLAN'])
        : (await getReader().all<{ detail: string }>(sql`explain query plan ${lookup}`)).map((p) => p.detail);
    expect(plan.join(' ')).toMatch(DIALECT === 'postgres' ? /Index Scan using "?sessions_tokenHash_unique"?/ : /USING INDEX sessions_tokenHash_unique/);
  });

  it('purges expired sessions, revoked or not, and keeps the others', async () => {
    const now = Date.now();
    const expired = await openSession(member, now - 13 * HOUR);
    const expiredRevoked = await openSession(member, now - 13 * HOUR);
    await revokeSession(expiredRevoked, now - 12.5 * HOUR);
    const open = await openSession(member, now);
    const before = await getReader().$count(sessions);
    expect(await purgeExpiredSessions(now)).toBe(2);
    expect(await getReader().$count(sessions)).toBe(before - 2);
    expect(await isSessionOpen(open, member, now)).toBe(true);
    expect(await isSessionOpen(expired, member, now - 13 * HOUR + 1)).toBe(false);
    expect(await purgeExpiredSessions(now)).toBe(0);
  });

  it('is purged by the scheduler', async () => {
    const now = Date.now();
    await openSession(member, now - 13 * HOUR);
    const expired = () => getReader().$count(sessions, sql`${sessions.expiresAt} < ${now}`);
    expect(await expired()).toBe(1);
    await runScheduledWork(now);
    expect(await expired()).toBe(0);
  });

  it('ends with the account: a closed customer has no session', async () => {
    const id = await openSession(member);
    await withTransaction(async (tx) => {
      await tx.update(customers).set({ status: 'closed' }).where(eq(customers.id, Number(member.split(':')[1])));
    });
    expect(await actorOfSession({ principal: member, sessionId: id })).toBeNull();
  });
});
