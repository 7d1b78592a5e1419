import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { customers, pointsLedger, prepaidLedger } from '@/db/schema';
import { canReadCustomer, type Actor } from '@/lib/domain/access';
import { forbidden, notFound } from '@/lib/domain/errors';

const LEDGER_PAGE = 100;

/** Balances and the latest ledger rows of one customer, for whoever may read that customer. */
export async function getCustomerBalances(actor: Actor, customerId: number) {
  const db = getReader();
  const [customer] = await db
    .select({
      id: customers.id,
      provinceCode: customers.provinceCode,
      segment: customers.segment,
      pointsBalance: customers.pointsBalance,
      prepaidBalanceFen: customers.prepaidBalanceFen,
    })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw notFound();
  if (!canReadCustomer(actor, customer)) throw forbidden();
  const columns = { id: pointsLedger.id, reason: pointsLedger.reason, note: pointsLedger.note, createdAt: pointsLedger.createdAt };
  const points = await db
    .select({ ...columns, delta: pointsLedger.delta })
    .from(pointsLedger)
    .where(eq(pointsLedger.customerId, customerId))
    .orderBy(desc(pointsLedger.createdAt), desc(pointsLedger.id))
    .limit(LEDGER_PAGE);
  const prepaid =
    customer.segment === 'prepaid'
      ? await db
          .select({ id: prepaidLedger.id, reason: prepaidLedger.reason, note: prepaidLedger.note, createdAt: prepaidLedger.createdAt, delta: prepaidLedger.deltaFen })
          .from(prepaidLedger)
          .where(eq(prepaidLedger.customerId, customerId))
          .orderBy(desc(prepaidLedger.createdAt), desc(prepaidLedger.id))
          .limit(LEDGER_PAGE)
      : null;
  return { customer, points, prepaid };
}
