import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BILLING_SETTLE_MS, billingCycle, billingCycleOf, billingFile, isBillingCycleClosed, shiftBillingCycle, type BillingLine } from './billing';
import { shanghaiInstant } from './time';

describe('billing cycles', () => {
  it('are calendar months in Beijing time by default', () => {
    const cycle = billingCycleOf(shanghaiInstant(2026, 11, 15, 10), 1);
    expect(cycle).toEqual({ id: '2026-11', start: Date.UTC(2026, 9, 31, 16), end: Date.UTC(2026, 10, 30, 16) });
    // 1 December 07:59 in UTC is already past midnight in Beijing: the next cycle.
    expect(billingCycleOf(Date.UTC(2026, 10, 30, 16), 1).id).toBe('2026-12');
    expect(billingCycleOf(Date.UTC(2026, 10, 30, 16) - 1, 1).id).toBe('2026-11');
  });

  it('start on another day when HQ says so, the cycle named after the month it starts in', () => {
    expect(billingCycleOf(shanghaiInstant(2026, 11, 15), 15).id).toBe('2026-11');
    expect(billingCycleOf(shanghaiInstant(2026, 11, 14, 23, 59), 15).id).toBe('2026-10');
    expect(billingCycleOf(shanghaiInstant(2027, 1, 3), 20).id).toBe('2026-12');
    const cycle = billingCycle('2026-12', 20)!;
    expect(cycle.start).toBe(shanghaiInstant(2026, 12, 20));
    expect(cycle.end).toBe(shanghaiInstant(2027, 1, 20));
  });

  it('follow one another without gap or overlap, across a year', () => {
    let cycle = billingCycle('2026-10', 28)!;
    for (let i = 0; i < 14; i++) {
      const next = shiftBillingCycle(cycle, 1, 28);
      expect(next.start).toBe(cycle.end);
      expect(billingCycleOf(cycle.end - 1, 28).id).toBe(cycle.id);
      expect(billingCycleOf(cycle.end, 28).id).toBe(next.id);
      cycle = next;
    }
    expect(cycle.id).toBe('2027-12');
    expect(shiftBillingCycle(billingCycle('2027-01', 1)!, -2, 1).id).toBe('2026-11');
  });

  it('refuse an id that is not a month', () => {
    for (const id of ['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '']) expect(billingCycle(id, 1), id).toBeNull();
  });

  it('close once their end has passed by the settling time', () => {
    const cycle = billingCycle('2026-11', 1)!;
    expect(isBillingCycleClosed(cycle, cycle.start)).toBe(false);
    expect(isBillingCycleClosed(cycle, cycle.end)).toBe(false);
    expect(isBillingCycleClosed(cycle, cycle.end + BILLING_SETTLE_MS - 1)).toBe(false);
    expect(isBillingCycleClosed(cycle, cycle.end + BILLING_SETTLE_MS)).toBe(true);
  });
});

describe('the billing file', () => {
  const lines: BillingLine[] = [
    { id: 12, mobile: '13900000003', provinceCode: '110000', amountFen: -5000, reversesId: 7, description: '活动报名费退还', createdAt: Date.UTC(2026, 10, 3, 2) },
    { id: 7, mobile: '18600000001', provinceCode: '440000', amountFen: 5000, reversesId: null, description: '活动报名费 #3, "VIP"', createdAt: Date.UTC(2026, 10, 2, 1) },
    { id: 9, mobile: '18600000002', provinceCode: '440000', amountFen: 1990, reversesId: null, description: '=HYPERLINK("x")', createdAt: Date.UTC(2026, 10, 2, 3) },
  ];
  const header = { cycle: '2026-11', scope: 'ALL', createdAt: Date.UTC(2026, 11, 1, 0, 5), final: true };

  it('has a header, one detail record per line in id order and a trailer with count and sum', () => {
    const text = billingFile(header, lines);
    expect(text.startsWith('"H",1,"2026-11","ALL","2026-12-01T00:05:00.000Z","FINAL"\r\n')).toBe(true);
    expect(text.endsWith('"T",3,1990\r\n')).toBe(true);
    const records = parse(text, { relax_column_count: true }) as string[][];
    expect(records.map((r) => r[0])).toEqual(['H', 'D', 'D', 'D', 'T']);
    const details = records.filter((r) => r[0] === 'D');
    expect(details.map((r) => r[1])).toEqual(['7', '9', '12']);
    expect(details[2]).toEqual(['D', '12', '13900000003', '110000', '-5000', 'REVERSAL', '7', '活动报名费退还', '2026-11-03T02:00:00.000Z']);
    expect(details[0]![5]).toBe('CHARGE');
    expect(details[0]![6]).toBe('');
    expect(details[0]![7]).toBe('活动报名费 #3, "VIP"');
    const sum = details.reduce((s, r) => s + Number(r[4]), 0);
    expect(records.at(-1)).toEqual(['T', String(details.length), String(sum)]);
  });

  it('quotes the mobile number as text, defuses a formula and leaves amounts as numbers', () => {
    const text = billingFile(header, lines);
    expect(text).toContain(',"18600000001",');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(',-5000,');
  });

  it('marks an open cycle as a preview and writes an empty one with a zero trailer', () => {
    const text = billingFile({ ...header, scope: '440000', final: false }, []);
    expect(text).toBe('"H",1,"2026-11","440000","2026-12-01T00:05:00.000Z","PREVIEW"\r\n"T",0,0\r\n');
  });

  it('is the same text for the same lines in any order', () => {
    expect(billingFile(header, [...lines].reverse())).toBe(billingFile(header, lines));
  });
});
