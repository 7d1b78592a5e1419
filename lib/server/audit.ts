import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { preparedPerConnection } from './prepared';

/** Who wrote: an actor (staff, or a channel's system through its token), or the command line of the machine the app runs on. */
export type Writer = Actor | { kind: 'system'; via: 'cli' };

/** Appends an audit entry inside the caller's transaction. Members' own actions are not audited; staff and channel writes are. */
export async function audit(
  tx: Tx,
  writer: Writer,
  entry: { action: string; entityType: string; entityId?: string | number | null; before?: unknown; after?: unknown },
): Promise<void> {
  if (writer.kind === 'member') return;
  await insertFor(tx).execute({
    staffId: writer.kind === 'staff' ? writer.staffId : null,
    apiTokenId: writer.kind === 'channel' ? writer.tokenId : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    createdAt: Date.now(),
  });
}

const p = sql.placeholder;
const insertFor = preparedPerConnection((tx: Tx) =>
  tx
    .insert(auditLog)
    .values({
      staffId: p('staffId'),
      apiTokenId: p('apiTokenId'),
      action: p('action'),
      entityType: p('entityType'),
      entityId: p('entityId'),
      before: p('before'),
      after: p('after'),
      createdAt: p('createdAt'),
    })
    .prepare(),
);
