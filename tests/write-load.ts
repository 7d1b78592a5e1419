/**
 * A steady write load through the app's own code, run as a child process by db/backup.test.ts:
 * members register for an event and cancel again (a registration, a points charge and its refund
 * each round), one after another, until the parent says stop or kills it. Each committed
 * registration's id is sent to the parent once its transaction has committed.
 * Input (WRITE_LOAD, JSON): { customerIds, eventId, now }; DATABASE_URL names the database.
 */
import { cancelRegistration, registerForEvent } from '@/lib/server/registrations';

interface Load {
  customerIds: number[];
  eventId: number;
  now: number;
}

const { customerIds, eventId, now } = JSON.parse(process.env.WRITE_LOAD ?? '') as Load;
let stopping = false;
process.on('message', (message) => {
  if (message === 'stop') stopping = true;
});

async function run(): Promise<void> {
  for (let round = 0; !stopping; round += 1) {
    const customerId = customerIds[round % customerIds.length]!;
    const actor = { kind: 'member', role: 'member', customerId, provinceCode: '440000', name: `load ${customerId}` } as const;
    const registered = await registerForEvent(actor, { customerId, eventId, waitlist: true, idempotencyKey: `load-${process.pid}-${round}` }, now);
    process.send!({ registrationId: registered.registrationId });
    await cancelRegistration(actor, { registrationId: registered.registrationId, idempotencyKey: `load-cancel-${process.pid}-${round}` }, now);
  }
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
