import { describe, expect, it } from 'vitest';
import { shanghaiInstant } from '@/lib/domain/time';
import { deskBookingInput, deskLoanInput, deskTrialInput } from './services';

const codesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the desk’s forms for a customer', () => {
  it('book a slot through the channel named, with the page view’s key', () => {
    expect(deskBookingInput.parse({ customerId: '7', slotId: '311', channel: 'hotline', address: ' 体育西路101号 ', idempotencyKey: 'k-1' })).toEqual({
      customerId: 7,
      slotId: 311,
      channel: 'hotline',
      address: '体育西路101号',
      idempotencyKey: 'k-1',
    });
    expect(codesOf(deskBookingInput.safeParse({ customerId: '7', slotId: '', channel: 'web', idempotencyKey: 'k-1' }))).toEqual({ slotId: 'slot_required', channel: 'channel_required' });
    expect(codesOf(deskBookingInput.safeParse({ customerId: '7', slotId: '311', channel: 'hall' }))).toEqual({ idempotencyKey: 'invalid_input' });
  });

  it('apply for a trial, refusing a form without one chosen', () => {
    expect(deskTrialInput.parse({ customerId: '7', programmeId: '21', channel: 'hall', idempotencyKey: 'k-2' })).toEqual({ customerId: 7, programmeId: 21, channel: 'hall', idempotencyKey: 'k-2' });
    expect(codesOf(deskTrialInput.safeParse({ customerId: '7', programmeId: '', channel: 'hall', idempotencyKey: 'k-2' }))).toEqual({ programmeId: 'programme_required' });
  });

  it('lend a loaner until the end of the chosen Beijing day, against a repair chosen', () => {
    expect(deskLoanInput.parse({ customerId: '7', bookingId: '2048', loanerId: '9', dueDate: '2027-03-08', channel: 'hotline', idempotencyKey: 'k-3' })).toEqual({
      customerId: 7,
      bookingId: 2048,
      loanerId: 9,
      dueAt: shanghaiInstant(2027, 3, 9) - 60_000,
      channel: 'hotline',
      idempotencyKey: 'k-3',
    });
    expect(codesOf(deskLoanInput.safeParse({ customerId: '7', bookingId: '', loanerId: '9', dueDate: '8/3/2027', channel: 'hotline', idempotencyKey: 'k-3' }))).toEqual({
      bookingId: 'repair_required',
      dueDate: 'invalid_time',
    });
  });
});
