import { describe, expect, it } from 'vitest';
import { amountRefusal, balanceRefusal, parseBillingInstant, parseLedgerCsv, sameLedgerEntry } from './ledger-entries';
import { shanghaiInstant } from './time';

const NOW = shanghaiInstant(2026, 12, 7, 18, 0);
const HEADER = 'external_ref,kind,mobile,amount,occurred_at,note';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');

describe('parseBillingInstant', () => {
  it('reads the Beijing wall clock with or without seconds, and ISO 8601 with an offset', () => {
    expect(parseBillingInstant('2026-12-01 09:30')).toBe(shanghaiInstant(2026, 12, 1, 9, 30));
    expect(parseBillingInstant('2026-12-01T09:30:15')).toBe(shanghaiInstant(2026, 12, 1, 9, 30) + 15_000);
    expect(parseBillingInstant('2026-12-01T01:30:00Z')).toBe(shanghaiInstant(2026, 12, 1, 9, 30));
    expect(parseBillingInstant('2026-12-01T09:30:00+08:00')).toBe(shanghaiInstant(2026, 12, 1, 9, 30));
  });

  it('refuses what is not a time: a date alone, 31 February, a 61st second, free text', () => {
    for (const bad of ['2026-12-01', '2026-02-31 10:00', '2026-12-01 10:00:61', 'yesterday', '1764552600000', '']) expect(parseBillingInstant(bad), bad).toBeNull();
  });
});

describe('amountRefusal and balanceRefusal', () => {
  it('takes whole non-zero amounts, negative ones only for adjustments', () => {
    expect(amountRefusal('points_accrual', 500)).toBeNull();
    expect(amountRefusal('prepaid_adjustment', -2000)).toBeNull();
    expect(amountRefusal('points_adjustment', -1)).toBeNull();
    for (const [kind, amount] of [['points_accrual', -5], ['prepaid_topup', -100], ['points_adjustment', 0], ['prepaid_topup', 1.5], ['points_accrual', 2_000_000_000]] as const) {
      expect(amountRefusal(kind, amount), `${kind} ${amount}`).toBe('invalid_amount');
    }
  });

  it('refuses what would take a balance below zero, down to exactly zero passes', () => {
    expect(balanceRefusal(300, -300)).toBeNull();
    expect(balanceRefusal(300, -301)).toEqual({ code: 'balance_below_zero', params: { balance: 300, amount: -301 } });
  });
});

describe('sameLedgerEntry', () => {
  const entry = { externalRef: 'BL-1', kind: 'prepaid_topup' as const, customerId: 7, amount: 5000, occurredAt: NOW - 1000, note: '营业厅充值' };
  it('is a repeat only when everything billing sent is the same', () => {
    expect(sameLedgerEntry(entry, { ...entry })).toBe(true);
    for (const other of [{ amount: 5001 }, { customerId: 8 }, { occurredAt: NOW }, { note: null }, { kind: 'prepaid_adjustment' as const }]) {
      expect(sameLedgerEntry(entry, { ...entry, ...other }), JSON.stringify(other)).toBe(false);
    }
  });
});

describe('parseLedgerCsv', () => {
  it('normalizes a valid file with the English or the Chinese header, kinds in either language', () => {
    const english = parseLedgerCsv(csv('JF202612010001,points_accrual,+86 186 0200 1111,1200,2026-12-01 09:30,12月消费积分', 'JF202612010002,预付费充值,13002001111,5000,2026-12-01T02:00:00Z,'), NOW);
    expect(english).toEqual({
      rows: [
        { row: 2, externalRef: 'JF202612010001', kind: 'points_accrual', mobile: '18602001111', amount: 1200, occurredAt: shanghaiInstant(2026, 12, 1, 9, 30), note: '12月消费积分' },
        { row: 3, externalRef: 'JF202612010002', kind: 'prepaid_topup', mobile: '13002001111', amount: 5000, occurredAt: shanghaiInstant(2026, 12, 1, 10, 0), note: null },
      ],
      errors: [],
      totalRows: 2,
    });
    const chinese = parseLedgerCsv('\uFEFF计费流水号,类型,手机号码,数量,发生时间,备注\r\nJF1,积分调整,18602001111,-300,2026-12-02 10:00,冲正\r\n', NOW);
    expect(chinese.rows).toMatchObject([{ kind: 'points_adjustment', amount: -300, note: '冲正' }]);
  });

  it('reports every bad cell of a row with its column and keeps the row out', () => {
    const result = parseLedgerCsv(csv('JF 1,bonus,123,1.5,2026-13-01 10:00,"a\nb"'), NOW);
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.column, e.reason])).toEqual([
      ['external_ref', 'invalid_external_ref'],
      ['kind', 'unknown_kind'],
      ['mobile', 'invalid_mobile'],
      ['amount', 'invalid_amount'],
      ['occurred_at', 'invalid_occurred_at'],
      ['note', 'invalid_note'],
    ]);
  });

  it('refuses a negative accrual, an entry in the future, a reference repeated in the file, a short row', () => {
    const result = parseLedgerCsv(
      csv(
        'JF1,points_accrual,18602001111,-10,2026-12-01 09:30,',
        'JF2,prepaid_topup,18602001111,100,2026-12-08 09:30,',
        'JF3,prepaid_topup,18602001111,100,2026-12-01 09:30,',
        'JF3,prepaid_topup,18602001111,100,2026-12-01 09:30,',
        'JF4,prepaid_topup,18602001111',
      ),
      NOW,
    );
    expect(result.rows.map((r) => r.externalRef)).toEqual(['JF3']);
    expect(result.errors).toEqual([
      { row: 2, column: 'amount', reason: 'invalid_amount' },
      { row: 3, column: 'occurred_at', reason: 'invalid_occurred_at' },
      { row: 5, column: 'external_ref', reason: 'duplicate_external_ref', params: { firstRow: 4 } },
      { row: 6, column: '', reason: 'wrong_column_count', params: { expected: 6, found: 3 } },
    ]);
  });

  it('refuses a customer file, an empty file and a file that is not UTF-8 as a whole', () => {
    expect(parseLedgerCsv('mobile,name,segment,province,status\n18602001111,陈思远,postpaid,440000,', NOW).fileError).toBe('wrong_header');
    expect(parseLedgerCsv(`${HEADER}\r\n`, NOW).fileError).toBe('empty_file');
    expect(parseLedgerCsv(csv('JF1,points_accrual,18602001111,10,2026-12-01 09:30,\uFFFD'), NOW).fileError).toBe('not_utf8');
  });
});
