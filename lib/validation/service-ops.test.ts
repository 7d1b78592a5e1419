import { describe, expect, it } from 'vitest';
import { DAY, shanghaiInstant } from '@/lib/domain/time';
import {
  beijingDay,
  bookingCancelInput,
  bookingQueueSearch,
  bookingStepInput,
  dayStartOf,
  lendLoanerInput,
  loanerInput,
  serviceProvinceOf,
  serviceSettingsInput,
  shiftDay,
  slotInput,
  trialProgrammeInput,
} from './service-ops';

const codesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('Beijing days', () => {
  it('reads the day of an instant in Beijing time, not UTC', () => {
    // 2027-03-05 17:30 UTC is already 6 March in Beijing.
    expect(beijingDay(Date.UTC(2027, 2, 5, 17, 30))).toBe('2027-03-06');
    expect(beijingDay(Date.UTC(2027, 2, 5, 15, 59))).toBe('2027-03-05');
  });

  it('starts a day at Beijing midnight and rejects malformed or impossible days', () => {
    expect(dayStartOf('2027-03-06')).toBe(shanghaiInstant(2027, 3, 6));
    expect(dayStartOf('2027-02-31')).toBeNull();
    expect(dayStartOf('2027-3-6')).toBeNull();
    expect(dayStartOf('')).toBeNull();
  });

  it('steps across month and year ends', () => {
    expect(shiftDay('2027-02-28', 1)).toBe('2027-03-01');
    expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
    expect(() => shiftDay('nope', 1)).toThrow(RangeError);
  });
});

describe('serviceProvinceOf', () => {
  const known = ['440000', '110000'];

  it('keeps an operator on their own province whatever the URL says', () => {
    expect(serviceProvinceOf('440000', '110000', known)).toBe('440000');
  });

  it('gives HQ the province it chose, and none (a picker) when it chose none or an unknown one', () => {
    expect(serviceProvinceOf(null, '110000', known)).toBe('110000');
    expect(serviceProvinceOf(null, undefined, known)).toBeNull();
    expect(serviceProvinceOf(null, '999999', known)).toBeNull();
  });
});

describe('bookingQueueSearch', () => {
  it('drops a malformed day or hall instead of failing the page', () => {
    expect(bookingQueueSearch.parse({ day: '2027-02-30', hall: '天河营业厅', province: 'x' })).toEqual({});
    expect(bookingQueueSearch.parse({ day: '2027-03-06', hall: '12' })).toEqual({ day: '2027-03-06', hall: 12 });
  });
});

describe('booking forms', () => {
  it('asks for notes when completing, not when confirming', () => {
    expect(bookingStepInput.parse({ bookingId: '7', to: 'confirmed' })).toEqual({ bookingId: 7, to: 'confirmed', notes: undefined });
    expect(codesOf(bookingStepInput.safeParse({ bookingId: '7', to: 'done', notes: '  ' }))).toEqual({ notes: 'field_required' });
    expect(bookingStepInput.parse({ bookingId: '7', to: 'done', notes: ' 清洗完成 ' })).toMatchObject({ notes: '清洗完成' });
    expect(bookingStepInput.safeParse({ bookingId: '7', to: 'cancelled' }).success).toBe(false);
  });

  it('requires a reason to cancel', () => {
    expect(codesOf(bookingCancelInput.safeParse({ bookingId: '7', reason: ' ' }))).toEqual({ reason: 'reason_required' });
    expect(codesOf(bookingCancelInput.safeParse({ bookingId: '7' }))).toEqual({ reason: 'reason_required' });
  });

  it('lends a loaner until the end of the chosen Beijing day', () => {
    const input = lendLoanerInput.parse({ bookingId: '3', loanerId: '5', dueDate: '2027-03-13' });
    expect(input).toEqual({ bookingId: 3, loanerId: 5, dueAt: shanghaiInstant(2027, 3, 14) - 60_000 });
    expect(codesOf(lendLoanerInput.safeParse({ bookingId: '3', loanerId: '', dueDate: '2027-03-13' }))).toEqual({ loanerId: 'field_required' });
    expect(codesOf(lendLoanerInput.safeParse({ bookingId: '3', loanerId: '5', dueDate: '13/03/2027' }))).toEqual({ dueDate: 'invalid_time' });
  });
});

describe('slotInput', () => {
  const base = { serviceId: '4', hallId: '12', area: '', date: '2027-03-06', startTime: '14:00', endTime: '16:00', opensAt: '2027-03-01T09:00', capacity: '3' };

  it('places the times on the day in Beijing time', () => {
    expect(slotInput.parse(base)).toEqual({
      serviceId: 4,
      hallId: 12,
      area: null,
      areaEn: null,
      opensAt: shanghaiInstant(2027, 3, 1, 9),
      capacity: 3,
      startsAt: shanghaiInstant(2027, 3, 6, 14),
      endsAt: shanghaiInstant(2027, 3, 6, 16),
    });
    expect(slotInput.parse(base).endsAt - slotInput.parse(base).startsAt).toBe(2 * 60 * 60 * 1000);
  });

  it('takes a hall or an area (the server knows which the service needs)', () => {
    expect(slotInput.parse({ ...base, hallId: '', area: ' 广州市天河区 ', areaEn: ' Tianhe district ' })).toMatchObject({ hallId: undefined, area: '广州市天河区', areaEn: 'Tianhe district' });
  });

  it('names the field of each mistake', () => {
    expect(codesOf(slotInput.safeParse({ ...base, hallId: 'x', startTime: '25:00', capacity: '0', opensAt: '' }))).toEqual({
      hallId: 'hall_required',
      startTime: 'invalid_time',
      capacity: 'capacity_too_small',
      opensAt: 'invalid_time',
    });
    expect(codesOf(slotInput.safeParse({ ...base, date: '2027-02-30' }))).toEqual({ date: 'invalid_time' });
  });
});

describe('service, trial and loaner forms', () => {
  it('reads the checkbox group and the active switch', () => {
    const base = { serviceId: '1', descriptionZh: '说明', eligibleSegments: ['postpaid_vip'], vipPriorityHours: '24', pricePoints: '0' };
    expect(serviceSettingsInput.parse({ ...base, active: 'on' })).toMatchObject({ active: true, descriptionEn: null, eligibleSegments: ['postpaid_vip'] });
    expect(serviceSettingsInput.parse(base).active).toBe(false);
    expect(codesOf(serviceSettingsInput.safeParse({ ...base, eligibleSegments: [], pricePoints: '-1' }))).toEqual({ eligibleSegments: 'segments_required', pricePoints: 'invalid_price' });
  });

  it('reads a trial programme’s windows in Beijing time', () => {
    const input = trialProgrammeInput.parse({ serviceId: '1', titleZh: '试用', units: '5', vipOpensAt: '2027-03-01T09:00', opensAt: '2027-03-02T09:00', closesAt: '2027-03-09T09:00', loanDays: '14' });
    expect(input.opensAt - input.vipOpensAt).toBe(DAY);
    expect(input.titleEn).toBeNull();
  });

  it('wants a 15-digit IMEI and the phone’s condition', () => {
    const base = { hallId: '3', model: '华为 U8800', imei: '867530010000011', condition: '良好' };
    expect(loanerInput.parse(base)).toEqual({ ...base, hallId: 3 });
    expect(codesOf(loanerInput.safeParse({ ...base, hallId: '', imei: '86753001000001', condition: '' }))).toEqual({ hallId: 'hall_required', imei: 'invalid_imei', condition: 'field_required' });
  });
});
