import 'server-only';
import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';

export const INBOX_PAGE_SIZE = 20;

/** The inbox is the signed-in member's own: staff and channels read messages on the customer record, if at all. */
function ownCustomerId(actor: Actor): number {
  if (actor.kind !== 'member') throw forbidden();
  return actor.customerId;
}

const inAppOf = (customerId: number) => and(eq(outbox.customerId, customerId), eq(outbox.channel, 'inapp'));

/** One page of the member's in-app messages, newest first, with the total for paging. */
export async function listInbox(actor: Actor, page: number) {
  const customerId = ownCustomerId(actor);
  const db = getReader();
  const offset = (Math.max(1, Math.trunc(page)) - 1) * INBOX_PAGE_SIZE;
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: outbox.id, template: outbox.template, params: outbox.params, body: outbox.body, createdAt: outbox.createdAt, readAt: outbox.readAt })
      .from(outbox)
      .where(inAppOf(customerId))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(INBOX_PAGE_SIZE)
      .offset(offset),
    db.select({ n: sql<number>`count(*)` }).from(outbox).where(inAppOf(customerId)),
  ]);
  return { total: total?.n ?? 0, rows };
}

/** How many of the member's in-app messages are still unread. */
export async function unreadCount(actor: Actor): Promise<number> {
  const customerId = ownCustomerId(actor);
  const [row] = await getReader()
    .select({ n: sql<number>`count(*)` })
    .from(outbox)
    .where(and(inAppOf(customerId), isNull(outbox.readAt)));
  return row?.n ?? 0;
}

/** The member's newest unread in-app message, the one "mark all read" reaches up to; null when all are read. */
export async function newestUnreadId(actor: Actor): Promise<number | null> {
  const customerId = ownCustomerId(actor);
  const [row] = await getReader()
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(inAppOf(customerId), isNull(outbox.readAt)))
    .orderBy(desc(outbox.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Marks every unread in-app message of the member read, up to the newest one there was when they
 * asked (on whichever page they were): a message that arrives while the page is open stays unread.
 * Returns how many were marked.
 */
export async function markAllRead(actor: Actor, throughId?: number, now = Date.now()): Promise<number> {
  const customerId = ownCustomerId(actor);
  return withTransaction(async (tx) => {
    const marked = await tx
      .update(outbox)
      .set({ readAt: now })
      .where(and(inAppOf(customerId), isNull(outbox.readAt), throughId === undefined ? undefined : lte(outbox.id, throughId)))
      .returning({ id: outbox.id });
    return marked.length;
  });
}

/**
 * Marks the messages a page showed read, and only those: opening the first page must not mark
 * read the older messages on the next pages, which the member has not seen yet.
 */
export async function markShownRead(actor: Actor, ids: readonly number[], now = Date.now()): Promise<number> {
  const customerId = ownCustomerId(actor);
  if (ids.length === 0) return 0;
  return withTransaction(async (tx) => {
    const marked = await tx
      .update(outbox)
      .set({ readAt: now })
      .where(and(inAppOf(customerId), isNull(outbox.readAt), inArray(outbox.id, [...ids])))
      .returning({ id: outbox.id });
    return marked.length;
  });
}
