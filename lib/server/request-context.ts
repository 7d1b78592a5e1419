import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@/lib/domain/access';

/** What the server knows about the request being served, for its log lines. */
export interface RequestContext {
  readonly requestId: string;
  /** Who acts, once the guard or the API's token check has found out: `member:12`, `staff:3`, `token:5`. */
  actor?: string;
  /**
   * The request must see the writes just made (it writes, or follows a write by the same browser):
   * its heavy reads go to the primary, not to a replica that may lag (lib/server/read-after-write.ts).
   */
  readonly readAfterWrite?: boolean;
}

// The custom server and Next's bundles each load their own copy of this module: the storage lives
// on globalThis so that they share one.
const KEY = Symbol.for('club-hub.request-context');
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** How an actor is named in the logs: a kind and an id, never a name or a number. */
export function actorLogId(actor: Actor): string {
  if (actor.kind === 'member') return `member:${actor.customerId}`;
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  return `token:${actor.tokenId}`;
}

/** Notes who acts in this request (for its access log line) and hands the actor back. */
export function recordActor<A extends Actor | null>(actor: A): A {
  const context = storage.getStore();
  if (context && actor) context.actor = actorLogId(actor);
  return actor;
}
