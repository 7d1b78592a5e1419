import type { APIRequestContext } from '@playwright/test';
import { createToken } from './api';
import { withE2eDatabase } from './db';
import { DAY_MS, nowToMinute, publishEvent } from './events';
import { expect, signInAs, test } from './fixtures';

const CONTENDERS = 2000;
const SEATS = 100;
const CONCURRENCY = 64;

/** Runs `work` over the items with a fixed number of requests in flight, like as many clients. */
async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

const mobileOf = (i: number) => `1852026${String(i).padStart(4, '0')}`;

test.describe('a registration storm on the production server', () => {
  test.setTimeout(300_000);

  test(`${CONTENDERS} concurrent registrations for ${SEATS} seats: exactly ${SEATS} confirmed, nobody charged twice`, async ({ page, browser, baseURL, playwright }) => {
    // Contenders arrive the way customers do: imported at the hall, then enrolled by a channel system.
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    const csv = ['mobile,name,segment,province,status,points', ...Array.from({ length: CONTENDERS }, (_, i) => `${mobileOf(i)},压测会员${i},postpaid,440000,active,1000`)].join('\n');
    await page.getByLabel('CSV 文件').setInputFiles({ name: 'storm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByRole('main').getByRole('status', { name: '导入结果' })).toContainText(`新增 ${CONTENDERS} 行`);
    const ids = withE2eDatabase(
      (db) => db.prepare(`select id from customers where mobile between ? and ? order by mobile`).all(mobileOf(0), mobileOf(CONTENDERS - 1)) as { id: number }[],
    ).map((r) => r.id);
    expect(ids).toHaveLength(CONTENDERS);

    const token = createToken('e2e storm');
    const api: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const enrolled = await inParallel(ids, async (id) => (await api.post(`/api/v1/customers/${id}/memberships`, { data: { clubCode: 'music' } })).status());
    expect(enrolled.every((s) => s === 201)).toBe(true);

    const start = nowToMinute() + 20 * DAY_MS;
    const eventId = await publishEvent(browser, baseURL, {
      title: `E2E压测专场 ${Date.now()}`,
      capacity: SEATS,
      pricePoints: 100,
      startsAt: start,
      endsAt: start + 2 * 60 * 60_000,
      regOpensAt: nowToMinute() - 60_000,
      regClosesAt: start - DAY_MS,
    });

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
