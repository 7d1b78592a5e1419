import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { databaseBusy, getReader } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { withTempDatabase } from '@/tests/temp-database';
import { keyScope, runIdempotent } from './idempotency';

withTempDatabase();

const actor: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '440000', name: '陈思远' };
const storedKey = async (key: string) =>
  (await getReader().select({ response: idempotencyKeys.response }).from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, keyScope(actor)), eq(idempotencyKeys.key, key))))[0];

describe('runIdempotent', () => {
  it('makes a repeat that arrives while the first still runs, in another copy of this module (Next evaluates it once per bundle), wait and answer what the first did', async () => {
    vi.resetModules();
    const copy = await import('./idempotency');
    expect(copy.runIdempotent).not.toBe(runIdempotent);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = runIdempotent(actor, 'same-key-0001', { op: 'x' }, async () => {
      started();
      await gate;
      return 'first';
    });
    await running;
    const secondWork = vi.fn(async () => 'second');
    const second = copy.runIdempotent(actor, 'same-key-0001', { op: 'x' }, secondWork);
    // Long enough for the repeat to reach the database and wait there (on PostgreSQL, for the first's uncommitted key).
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await first).toBe('first');
    expect(await second).toBe('first');
    expect(secondWork).not.toHaveBeenCalled();
  });

  it('stores a refusal with its key, undoing what the work wrote before it, and replays it without running again', async () => {
    const refuse = async (tx: Parameters<Parameters<typeof runIdempotent>[3]>[0]) => {
      await tx.insert(idempotencyKeys).values({ scope: keyScope(actor), key: 'written-then-undone', requestHash: 'x', response: {} });
      throw new DomainError('already_registered', 'conflict', { registrationId: 2 });
    };
    await expect(runIdempotent(actor, 'refused-key-01', { op: 'x' }, refuse)).rejects.toMatchObject({ code: 'already_registered', status: 409 });
    expect(await storedKey('written-then-undone')).toBeUndefined();
    expect((await storedKey('refused-key-01'))?.response).toEqual({ ok: false, code: 'already_registered', category: 'conflict', params: { registrationId: 2 } });
    const again = vi.fn(async () => 'ran');
    await expect(runIdempotent(actor, 'refused-key-01', { op: 'x' }, again)).rejects.toMatchObject({ code: 'already_registered', params: { registrationId: 2 } });
    expect(again).not.toHaveBeenCalled();
    await expect(runIdempotent(actor, 'refused-key-01', { op: 'y' }, again)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('keeps no key after an unexpected failure or a busy database, so that the same key can succeed', async () => {
    await expect(runIdempotent(actor, 'failing-key-01', { op: 'x' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(runIdempotent(actor, 'busy-key-0001', { op: 'x' }, async () => Promise.reject(databaseBusy()))).rejects.toMatchObject({ code: 'database_busy' });
    expect(await storedKey('failing-key-01')).toBeUndefined();
    expect(await storedKey('busy-key-0001')).toBeUndefined();
    expect(await runIdempotent(actor, 'failing-key-01', { op: 'x' }, async () => 'fine')).toBe('fine');
    expect(await runIdempotent(actor, 'busy-key-0001', { op: 'x' }, async () => 'fine')).toBe('fine');
    expect((await storedKey('busy-key-0001'))?.response).toEqual({ ok: true, value: 'fine' });
  });

  it('keeps no key after a refusal that time or state may lift, so that a retry with the same key is served', async () => {
    const notYet = async () => Promise.reject(new DomainError('registration_not_open', 'invalid_input', { opensAt: 1 }));
    await expect(runIdempotent(actor, 'not-open-key-01', { op: 'x' }, notYet)).rejects.toMatchObject({ code: 'registration_not_open', params: { opensAt: 1 } });
    expect(await storedKey('not-open-key-01')).toBeUndefined();
    expect(await runIdempotent(actor, 'not-open-key-01', { op: 'x' }, async () => 'served')).toBe('served');
    expect(await runIdempotent(actor, 'not-open-key-01', { op: 'x' }, async () => 'again')).toBe('served');
  });
});
