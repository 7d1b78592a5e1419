import { describe, expect, it } from 'vitest';
import { isReplayedRefusal, NOT_REPLAYED_CODES } from './idempotent-replay';

describe('isReplayedRefusal', () => {
  it('does not store refusals that time or state can lift, so the same key is served later', () => {
    for (const code of NOT_REPLAYED_CODES) expect(isReplayedRefusal({ code, category: 'conflict' })).toBe(false);
    expect(isReplayedRefusal({ code: 'registration_not_open', category: 'invalid_input' })).toBe(false);
    expect(isReplayedRefusal({ code: 'event_full', category: 'conflict' })).toBe(false);
  });

  it('does not store a busy database or a rate limit, whatever their code', () => {
    expect(isReplayedRefusal({ code: 'database_busy', category: 'unavailable' })).toBe(false);
    expect(isReplayedRefusal({ code: 'rate_limited', category: 'rate_limited' })).toBe(false);
  });

  it('replays refusals that will never change for the same request', () => {
    for (const [code, category] of [
      ['invalid_input', 'invalid_input'],
      ['not_found', 'not_found'],
      ['forbidden', 'forbidden'],
      ['registration_closed', 'invalid_input'],
      ['already_registered', 'conflict'],
      ['segment_not_eligible', 'invalid_input'],
      ['ledger_entry_conflict', 'conflict'],
    ] as const) {
      expect(isReplayedRefusal({ code, category })).toBe(true);
    }
  });
});
