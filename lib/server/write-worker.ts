/**
 * The entry of the write worker (see write-thread.ts): `npm start` bundles it to
 * .next/write-worker.mjs. It answers each named operation with its value, its refusal (a
 * DomainError, rebuilt on the other side) or an unexpected error.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError } from '@/lib/domain/errors';
import { log } from './log';
import { deliverHere } from './outbox';
import { registrationsOnThisThread } from './registrations';
import type { WorkerReply, WorkerRequest } from './write-thread';

const operations = { ...registrationsOnThisThread, deliver: deliverHere };
type Operation = keyof typeof operations;

async function answer({ id, op, args }: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id, value: await (operations[op as Operation] as (...a: unknown[]) => Promise<unknown>)(...args) };
  } catch (error) {
    if (error instanceof DomainError) return { id, refusal: { code: error.code, category: error.category, params: error.params, fields: error.fields } };
    log.error({ err: error, op }, 'write worker operation failed');
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

// Answers go back in batches, one per turn of the event loop (a group commit's answers together):
// each message wakes the main thread, which costs it more than the message itself.
const replies: WorkerReply[] = [];
function reply(answered: WorkerReply) {
  if (replies.push(answered) === 1) setImmediate(() => parentPort!.postMessage(replies.splice(0)));
}

parentPort!.on('message', (requests: WorkerRequest[]) => {
  for (const request of requests) void answer(request).then(reply);
});
