import { describe, expect, it } from 'vitest';
import { shanghaiInstant } from './time';
import { countWarrantyRepairs, defaultWarrantyEnd, handsetDatesRefusal, imeiCheckDigit, imeiRefusal, inWarranty, isCalendarDate, isValidImei, normalizeImei, repairTerms } from './warranty';

describe('IMEI', () => {
  it('accepts 15 digits ending in the Luhn digit of the first 14', () => {
    // The example of 3GPP TS 23.003 annex B, and the check digit worked by hand: 4 9 0 1 5 4 2 0 3 2 3 7 5 1 -> 8.
    expect(imeiCheckDigit('49015420323751')).toBe(8);
    for (const imei of ['490154203237518', '352099001761481', '358756041234563', '863580012345671']) expect(isValidImei(imei), imei).toBe(true);
  });

  it('refuses a wrong check digit, two swapped digits, a wrong length and letters', () => {
    expect(isValidImei('490154203237519')).toBe(false);
    expect(isValidImei('490154203273518')).toBe(false);
    expect(isValidImei('35209900176148')).toBe(false);
    expect(isValidImei('3520990017614810')).toBe(false);
    expect(isValidImei('35209900176148A')).toBe(false);
    expect(isValidImei('')).toBe(false);
  });

  it('tells a typo (a wrong check digit) from what is no IMEI at all', () => {
    expect(imeiRefusal('352099001761481')).toBeNull();
    expect(imeiRefusal('352099001761482')).toBe('imei_check_digit');
    expect(imeiRefusal('35209900176148')).toBe('invalid_imei');
    expect(imeiRefusal('35209900176148X')).toBe('invalid_imei');
  });

  it('reads an IMEI as printed on the box, with spaces and hyphens', () => {
    expect(normalizeImei(' 35-209900-176148-1 ')).toBe('352099001761481');
    expect(isValidImei(normalizeImei('35 209900 176148 1'))).toBe(true);
  });

  it('has a check digit that changes with every single-digit change', () => {
    const body = '86358001234567';
    const digit = imeiCheckDigit(body);
    for (let i = 0; i < body.length; i++) {
      const changed = body.slice(0, i) + String((Number(body[i]) + 1) % 10) + body.slice(i + 1);
      expect(isValidImei(changed + digit), changed).toBe(false);
    }
  });
});

describe('warranty dates', () => {
  it('runs one year from purchase by default; 29 February ends on 28 February', () => {
    expect(defaultWarrantyEnd('2026-03-15')).toBe('2027-03-15');
    expect(defaultWarrantyEnd('2024-02-29')).toBe('2025-02-28');
    expect(defaultWarrantyEnd('2026-12-31', 2)).toBe('2028-12-31');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
  });

  it('covers the day of purchase to the last day in Beijing time, both included', () => {
    const handset = { purchasedOn: '2026-03-15', warrantyEndsOn: '2027-03-15' };
    expect(inWarranty(handset, shanghaiInstant(2027, 3, 15, 23, 59))).toBe(true);
    // 16 March 00:30 in Beijing is still 15 March in UTC: the Beijing day decides.
    expect(inWarranty(handset, shanghaiInstant(2027, 3, 16, 0, 30))).toBe(false);
    expect(inWarranty(handset, shanghaiInstant(2026, 3, 15, 9))).toBe(true);
    expect(inWarranty(handset, shanghaiInstant(2026, 3, 14, 23))).toBe(false);
  });

  it('refuses a purchase in the future and a warranty ending before the purchase', () => {
    const now = shanghaiInstant(2026, 6, 1, 10);
    expect(handsetDatesRefusal({ purchasedOn: '2026-06-01', warrantyEndsOn: '2027-06-01' }, now)).toBeNull();
    expect(handsetDatesRefusal({ purchasedOn: '2026-06-02', warrantyEndsOn: '2027-06-02' }, now)).toEqual({ code: 'warranty_purchase_in_future' });
    expect(handsetDatesRefusal({ purchasedOn: '2026-05-01', warrantyEndsOn: '2026-04-30' }, now)).toEqual({ code: 'warranty_ends_before_purchase' });
  });
});

describe('repair terms', () => {
  const handset = { purchasedOn: '2025-08-01', warrantyEndsOn: '2026-08-01' };
  const during = shanghaiInstant(2026, 7, 31, 15);
  const after = shanghaiInstant(2026, 8, 2, 9);

  it('are free under warranty, and refuse a fee there', () => {
    expect(repairTerms(handset, during, null)).toEqual({ ok: true, inWarranty: true, feeFen: 0 });
    expect(repairTerms(handset, during, 0)).toEqual({ ok: true, inWarranty: true, feeFen: 0 });
    expect(repairTerms(handset, during, 5000)).toEqual({ ok: false, refusal: { code: 'warranty_repair_is_free' } });
  });

  it('make a paid repair out of warranty, whose fee must be given', () => {
    expect(repairTerms(handset, after, null)).toEqual({ ok: false, refusal: { code: 'warranty_expired_fee_required' } });
    expect(repairTerms(handset, after, 12000)).toEqual({ ok: true, inWarranty: false, feeFen: 12000 });
    expect(repairTerms(handset, after, 0)).toEqual({ ok: true, inWarranty: false, feeFen: 0 });
  });

  it('refuse a repair dated before the purchase', () => {
    expect(repairTerms(handset, shanghaiInstant(2025, 7, 31, 9), null)).toEqual({ ok: false, refusal: { code: 'warranty_purchase_in_future' } });
  });
});

describe('warranty repair counts', () => {
  const facts = [
    { month: '2026-10', servingProvince: '110000', sellingProvince: '440000' },
    { month: '2026-10', servingProvince: '110000', sellingProvince: '110000' },
    { month: '2026-11', servingProvince: '440000', sellingProvince: '440000' },
    { month: '2026-11', servingProvince: '310000', sellingProvince: '440000' },
  ];

  it('count a repair in another province for both: served there, and sold here served elsewhere', () => {
    const all = countWarrantyRepairs(facts, null);
    expect(all).toMatchObject({ repairs: 4, crossProvince: 2 });
    expect(all.byProvince).toEqual([
      { province: '110000', servedHere: 2, servedHereSoldElsewhere: 1, soldHereServedElsewhere: 0 },
      { province: '310000', servedHere: 1, servedHereSoldElsewhere: 1, soldHereServedElsewhere: 0 },
      { province: '440000', servedHere: 1, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 2 },
    ]);
    // Every cross-province repair is counted once on each side.
    const sum = (key: 'servedHereSoldElsewhere' | 'soldHereServedElsewhere') => all.byProvince.reduce((s, p) => s + p[key], 0);
    expect(sum('servedHereSoldElsewhere')).toBe(all.crossProvince);
    expect(sum('soldHereServedElsewhere')).toBe(all.crossProvince);
  });

  it('keep a province to its own rows, by month', () => {
    const gd = countWarrantyRepairs(facts, '440000');
    expect(gd).toMatchObject({ repairs: 3, crossProvince: 2 });
    expect(gd.byProvince).toEqual([{ province: '440000', servedHere: 1, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 2 }]);
    expect(gd.byMonth).toEqual([
      { month: '2026-10', province: '440000', servedHere: 0, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 1 },
      { month: '2026-11', province: '440000', servedHere: 1, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 1 },
    ]);
    expect(countWarrantyRepairs(facts, '120000')).toEqual({ repairs: 0, crossProvince: 0, byProvince: [], byMonth: [] });
  });
});
