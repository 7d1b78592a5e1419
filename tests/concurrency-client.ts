/**
 * One of the processes of tests/concurrency.test.ts: registers its members for one event through
 * the app's use-cases, at the same time as the others, with the keys a client would send.
 *
 * - Each member registers once (key `storm-register-<customer>`, joining the waiting list when
 *   full); every tenth sends the same request twice at once, and every fifth again afterwards.
 * - Every seventh member cancels (key `storm-cancel-<customer>`, sent twice), while members
 *   half a list further on register: most cancel a seat of a full event, promoting the next waiting.
 * - Some members of the next process are registered again under their own keys, as a client
 *   retrying through another server would: before, during or after the first.
 * - A refusal as busy is retried with the same key, as the API tells clients to.
 *
 * Input (CONCURRENCY_CLIENT, JSON): { eventId, customerIds, foreignIds, now, inFlight };
 * DATABASE_URL names the database. It says `ready` once loaded and connected, starts on `go`,
 * and sends back every answer it got, then exits.
 */
import { closeDatabase, getReader } from '@/db/client';
import { customers } from '@/db/schema';
import { DomainError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/domain/access';
import { cancelRegistration, registerForEvent, type RegistrationResult } from '@/lib/server/registrations';

interface Input {
  eventId: number;
  customerIds: number[];
  foreignIds: number[];
  now: number;
  inFlight: number;
}

export interface Answer {
  key: string;
  customerId: number;
  /** The use-case's value, or the refusal's code. */
  value?: unknown;
  refusal?: string;
}

export interface ClientReport {
  answers: Answer[];
  busyRetries: number;
  failures: string[];
}

const input = JSON.parse(process.env.CONCURRENCY_CLIENT ?? '') as Input;
const report: ClientReport = { answers: [], busyRetries: 0, failures: [] };

const member = (customerId: number): Actor => ({ kind: 'member', role: 'member', customerId, provinceCode: '440000', name: `storm ${customerId}` });

async function answer<T>(key: string, customerId: number, call: () => Promise<T>): Promise<T | undefined> {
  for (;;) {
    try {
      const value = await call();
      report.answers.push({ key, customerId, value });
      return value;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'database_busy') {
        report.busyRetries += 1;
        continue;
      }
      if (error instanceof DomainError) {
        report.answers.push({ key, customerId, refusal: error.code });
        return undefined;
      }
      report.failures.push(`${key}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }
}

const register = (customerId: number) => {
  const key = `storm-register-${customerId}`;
  return answer(key, customerId, () => registerForEvent(member(customerId), { customerId, eventId: input.eventId, waitlist: true, idempotencyKey: key }, input.now));
};

const registered = new Map<number, RegistrationResult>();

async function registerMember(customerId: number, index: number): Promise<void> {
  const first = index % 10 === 0 ? (await Promise.all([register(customerId), register(customerId)]))[0] : await register(customerId);
  if (first) registered.set(customerId, first);
  if (index % 5 === 0) await register(customerId);
}

async function cancelMember(customerId: number): Promise<void> {
  const registration = registered.get(customerId);
  if (!registration) return;
  const key = `storm-cancel-${customerId}`;
  const cancel = () => cancelRegistration(member(customerId), { registrationId: registration.registrationId, idempotencyKey: key }, input.now);
  await answer(key, customerId, cancel);
  await answer(key, customerId, cancel);
}

async function run(): Promise<void> {
  const work: (() => Promise<unknown>)[] = [];
  const half = Math.floor(input.customerIds.length / 2);
  input.customerIds.forEach((id, index) => {
    work.push(() => registerMember(id, index));
    // A member of the next process, every 25th, registered again under their key.
    if (index % 25 === 12 && input.foreignIds[index] !== undefined) work.push(() => register(input.foreignIds[index]!));
    // Members of the first half cancel while the second half registers, those of the second after.
    if (index >= half && (index - half) % 7 === 3) work.push(() => cancelMember(input.customerIds[index - half]!));
  });
  input.customerIds.forEach((id, index) => index >= half && (index - half) % 7 === 3 && work.push(() => cancelMember(id)));
  let next = 0;
  await Promise.all(
    Array.from({ length: input.inFlight }, async () => {
      while (next < work.length) await work[next++]!();
    }),
  );
}

async function main(): Promise<void> {
  await getReader().select({ id: customers.id }).from(customers).limit(1);
  await new Promise<void>((resolve) => {
    process.on('message', (message) => message === 'go' && resolve());
    process.send!('ready');
  });
  await run();
  await new Promise<void>((resolve) => process.send!(report, () => resolve()));
  await closeDatabase();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
