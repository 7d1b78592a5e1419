import 'server-only';
import { and, eq, inArray, isNull, lt, lte } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { complaints, complaintSteps } from '@/db/schema';
import { CLOSED_UNCONFIRMED } from '@/lib/domain/complaint-rules';

const BATCH = 1000;

/**
 * Marks each complaint still unanswered past its deadline as escalated, once (the job of the
 * scheduler): it then heads its province's queue with its lateness and shows in HQ's views, the
 * admins' overview and the compliance page (admins are HQ; there is no provincial admin). The
 * conditional update makes a second run, or another server's, mark nothing again.
 */
export async function escalateOverdueComplaints(now = Date.now()): Promise<number> {
  const due = await getReader()
    .select({ id: complaints.id })
    .from(complaints)
    .where(and(inArray(complaints.status, ['open', 'in_progress']), lt(complaints.deadlineAt, now), isNull(complaints.escalatedAt)))
    .limit(BATCH);
  if (due.length === 0) return 0;
  return withTransaction(async (tx) => {
    const marked = await tx
      .update(complaints)
      .set({ escalatedAt: now })
      .where(and(inArray(complaints.id, due.map((d) => d.id)), inArray(complaints.status, ['open', 'in_progress']), isNull(complaints.escalatedAt)))
      .returning({ id: complaints.id });
    if (marked.length > 0) await tx.insert(complaintSteps).values(marked.map((m) => ({ complaintId: m.id, step: 'escalated' as const, at: now })));
    return marked.length;
  });
}

/** Closes each answer the customer left without a word past the days given (HQ setting, set on the answer). */
export async function closeUnconfirmedComplaints(now = Date.now()): Promise<number> {
  return withTransaction(async (tx) => {
    const closed = await tx
      .update(complaints)
      .set({ status: 'closed', closedAt: now })
      .where(and(eq(complaints.status, 'answered'), lte(complaints.confirmBy, now)))
      .returning({ id: complaints.id });
    if (closed.length > 0) await tx.insert(complaintSteps).values(closed.map((c) => ({ complaintId: c.id, step: 'closed' as const, note: CLOSED_UNCONFIRMED, at: now })));
    return closed.length;
  });
}
