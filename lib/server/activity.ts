import 'server-only';
import type { Tx } from '@/db/client';
import { activities } from '@/db/schema';
import type { ActivityKind, Channel, ClubCode } from '@/lib/domain/types';

export interface ActivityFact {
  customerId: number;
  kind: ActivityKind;
  occurredAt: number;
  clubCode?: ClubCode | null;
  eventId?: number | null;
  refType?: string | null;
  refId?: number | null;
  channel?: Channel | null;
  staffId?: number | null;
  data?: Record<string, unknown> | null;
}

/** Writes one fact to the customer's activity record, inside the transaction that made it true. */
export async function recordActivity(tx: Tx, fact: ActivityFact): Promise<void> {
  await tx.insert(activities).values(fact);
}
