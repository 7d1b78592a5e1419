import { describe, expect, it } from 'vitest';
import { HOUR } from './time';
import { sharedRegistrationState } from './shared-event';

const regOpensAt = 100 * HOUR;
const event = { status: 'published' as const, regOpensAt, regClosesAt: regOpensAt + 48 * HOUR, vipOpensAt: regOpensAt - 24 * HOUR, seatsLeft: 3 };

describe('sharedRegistrationState', () => {
  it('says when registration opens, naming the VIP window before it', () => {
    expect(sharedRegistrationState(event, regOpensAt - 30 * HOUR)).toEqual({ kind: 'not_open', opensAt: regOpensAt, vipOpensAt: regOpensAt - 24 * HOUR });
    expect(sharedRegistrationState({ ...event, vipOpensAt: null }, regOpensAt - HOUR)).toEqual({ kind: 'not_open', opensAt: regOpensAt, vipOpensAt: null });
  });

  it('reads the VIP window as VIP-only until general registration opens', () => {
    expect(sharedRegistrationState(event, regOpensAt - HOUR)).toEqual({ kind: 'vip_only', opensAt: regOpensAt });
  });

  it('is open until it closes, and says when only the waiting list is left', () => {
    expect(sharedRegistrationState(event, regOpensAt)).toEqual({ kind: 'open', closesAt: event.regClosesAt, full: false, vipPriority: false });
    expect(sharedRegistrationState({ ...event, seatsLeft: 0 }, regOpensAt + HOUR)).toMatchObject({ kind: 'open', full: true });
    expect(sharedRegistrationState(event, event.regClosesAt)).toEqual({ kind: 'closed' });
  });

  it('has ended for an event cancelled or held', () => {
    expect(sharedRegistrationState({ ...event, status: 'cancelled' }, regOpensAt)).toEqual({ kind: 'ended' });
    expect(sharedRegistrationState({ ...event, status: 'completed' }, regOpensAt)).toEqual({ kind: 'ended' });
  });
});
