import type { APIRequestContext } from '@playwright/test';
import { createToken } from './api';
import { E2E_DATABASE, withE2eDatabase } from './db';
import { expect, test } from './fixtures';
import { inParallel, prepareStorm } from './storm';

const CONTENDERS = 2000;
const SEATS = 100;

test.describe('a registration storm on the production server', () => {
  test.setTimeout(300_000);

  test(`${CONTENDERS} concurrent registrations for ${SEATS} seats: exactly ${SEATS} confirmed, nobody charged twice`, async ({ browser, baseURL, playwright }) => {
    const token = createToken('e2e storm');
    const api: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const { ids, eventId } = await prepareStorm({ browser, baseURL: baseURL!, database: E2E_DATABASE, api, contenders: CONTENDERS, seats: SEATS, mobilePrefix: '1852026', label: '压测' });

    const register = (id: number) =>
      api.post('/api/v1/registrations', { headers: { 'idempotency-key': `storm-${eventId}-${id}` }, data: { customerId: id, eventId, waitlist: true } });
    const answers = await inParallel(ids, async (id) => {
      const response = await register(id);
      return { status: response.status(), body: (await response.json()) as { status: string; registrationId: number } };
    });
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.body.status === 'confirmed')).toHaveLength(SEATS);
    expect(answers.filter((a) => a.body.status === 'waitlisted')).toHaveLength(CONTENDERS - SEATS);

    // Replays with the same keys answer the first result again and change nothing.
    const replays = await inParallel(ids.slice(0, 200), async (id) => (await (await register(id)).json()) as { registrationId: number });
    expect(replays.map((r) => r.registrationId)).toEqual(answers.slice(0, 200).map((a) => a.body.registrationId));

    const outcome = withE2eDatabase((db) => ({
      confirmed: (db.prepare(`select count(*) n from registrations where event_id = ? and status = 'confirmed'`).get(eventId) as { n: number }).n,
      waitlisted: (db.prepare(`select count(*) n from registrations where event_id = ? and status = 'waitlisted'`).get(eventId) as { n: number }).n,
      twice: (db.prepare(`select count(*) n from (select customer_id from registrations where event_id = ? group by customer_id having count(*) > 1)`).get(eventId) as { n: number }).n,
      charges: (db.prepare(`select count(*) n, coalesce(sum(-delta), 0) points from points_ledger where reason = 'registration' and ref_id in (select id from registrations where event_id = ?)`).get(eventId) as { n: number; points: number }),
      off: (
        db
          .prepare(
            `select count(*) n from customers c where points_balance < 0
               or points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
               or prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)`,
          )
          .get() as { n: number }
      ).n,
    }));
    expect(outcome).toEqual({ confirmed: SEATS, waitlisted: CONTENDERS - SEATS, twice: 0, charges: { n: SEATS, points: SEATS * 100 }, off: 0 });
    await api.dispose();
  });
});
