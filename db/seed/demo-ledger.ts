import { inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { customerImports, customers, pointsLedger, prepaidLedger } from '../schema';
import { BILLING_REF_TYPE, LEDGER_OF_KIND, type LedgerEntryKind } from '@/lib/domain/ledger-entries';
import { DAY, HOUR, MINUTE, toShanghaiLocal } from '@/lib/domain/time';
import { beijingDay, inOpeningHours } from './seed-time';

interface SeedEntry {
  mobile: string;
  kind: LedgerEntryKind;
  amount: number;
  /** When it happened in billing, from the seed's now. */
  at: (now: number) => number;
  note: string;
}

/**
 * A small ledger file from the billing system (计费系统) that the Guangdong operator imported
 * yesterday: the monthly points accrual run at night, a prepaid top-up at a hall, a points
 * exchange. Only what the segment policy allows: the prepaid member gets top-ups, not points.
 */
const ENTRIES: SeedEntry[] = [
  { mobile: '18602001234', kind: 'points_accrual', amount: 1860, at: (now) => beijingDay(now, -6) + 2 * HOUR + 15 * MINUTE, note: '上月消费积分' },
  { mobile: '18602005566', kind: 'points_accrual', amount: 740, at: (now) => beijingDay(now, -6) + 2 * HOUR + 15 * MINUTE, note: '上月消费积分' },
  { mobile: '13002005678', kind: 'prepaid_topup', amount: 5000, at: (now) => inOpeningHours(now - 4 * DAY), note: '营业厅充值50元' },
  { mobile: '18602001234', kind: 'points_adjustment', amount: -200, at: (now) => inOpeningHours(now - 3 * DAY), note: '积分兑换话费冲减' },
  { mobile: '13002005678', kind: 'prepaid_topup', amount: 3000, at: (now) => inOpeningHours(now - 2 * DAY) + 40 * MINUTE, note: '充值卡充值30元' },
];

/** The billing system's reference: its prefix, the day in Beijing and a running number. */
const reference = (at: number, seq: number) => `JF${toShanghaiLocal(at).slice(0, 10).replaceAll('-', '')}${String(seq).padStart(6, '0')}`;

export async function seedDemoLedger(tx: Tx, now: number, operatorId: number | null): Promise<void> {
  if (operatorId === null) return;
  const importedAt = inOpeningHours(now - DAY);
  const ids = new Map(
    (await tx.select({ id: customers.id, mobile: customers.mobile }).from(customers).where(inArray(customers.mobile, ENTRIES.map((e) => e.mobile)))).map((c) => [c.mobile, c.id]),
  );
  let applied = 0;
  for (const [i, entry] of ENTRIES.entries()) {
    const customerId = ids.get(entry.mobile);
    if (customerId === undefined) continue;
    const occurredAt = entry.at(now);
    const { ledger, reason } = LEDGER_OF_KIND[entry.kind];
    const values = { customerId, reason, refType: BILLING_REF_TYPE, note: entry.note, externalRef: reference(occurredAt, 3001 + i), occurredAt, createdByStaffId: operatorId, createdAt: importedAt };
    if (ledger === 'points') await tx.insert(pointsLedger).values({ ...values, delta: entry.amount });
    else await tx.insert(prepaidLedger).values({ ...values, deltaFen: entry.amount });
    applied++;
  }
  const fileName = `计费流水-${toShanghaiLocal(importedAt).slice(0, 10)}.csv`;
  await tx.insert(customerImports).values({ kind: 'ledger', staffId: operatorId, fileName, totalRows: ENTRIES.length, createdCount: applied, updatedCount: 0, unchangedCount: 0, errorCount: 0, errors: [], createdAt: importedAt });
}
