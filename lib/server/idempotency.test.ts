import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { runIdempotent } from './idempotency';

withTempDatabase();

const actor: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '440000', name: '陈思远' };

describe('runIdempotent', () => {
  it('answers 409 to a repeat under way in another copy of this module (Next evaluates it once per bundle)', async () => {
    vi.resetModules();
    const copy = await import('./idempotency');
    expect(copy.runIdempotent).not.toBe(runIdempotent);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = runIdempotent(actor, 'same-key-0001', { op: 'x' }, async () => {
      await gate;
      return 'first';
    });
    await expect(copy.runIdempotent(actor, 'same-key-0001', { op: 'x' }, async () => 'second')).rejects.toMatchObject({ code: 'request_in_progress', status: 409 });
    release();
    expect(await first).toBe('first');
    expect(await copy.runIdempotent(actor, 'same-key-0001', { op: 'x' }, async () => 'second')).toBe('first');
  });
});
