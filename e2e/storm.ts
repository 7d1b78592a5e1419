import type { APIRequestContext, Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { DAY_MS, nowToMinute, publishEvent } from './events';
import { expect, signInAs } from './fixtures';

/** Requests in flight at once during a storm, as from as many clients. */
const CONCURRENCY = 64;

/**
 * Runs `work` over the items with CONCURRENCY requests in flight, until all are done or
 * `stopped()`; answers each item's result in its place (undefined for an item never started).
 */
export async function inParallel<T, R>(items: T[], work: (item: T, index: number) => Promise<R>, stopped = () => false): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length && !stopped()) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

export interface StormSetup {
  browser: Browser;
  baseURL: string;
  /** The server's database file, to read the imported customers' ids. */
  database: string;
  /** The channel API with a Guangdong token, which enrolls the contenders. */
  api: APIRequestContext;
  contenders: number;
  seats: number;
  /** Seven digits that start every contender's mobile number (the last four count them). */
  mobilePrefix: string;
  /** The contenders' names and the event's title say what they were made for. */
  label: string;
}

/**
 * The contenders of a storm, arriving the way customers do: imported at the hall by the operator,
 * then enrolled in the music club by a channel system; and the points event they storm.
 */
export async function prepareStorm(o: StormSetup): Promise<{ ids: number[]; eventId: number }> {
  const mobileOf = (i: number) => `${o.mobilePrefix}${String(i).padStart(4, '0')}`;
  const context = await o.browser.newContext({ baseURL: o.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInAs(page, 'operator');
  await page.goto('/ops/import');
  const csv = ['mobile,name,segment,province,status', ...Array.from({ length: o.contenders }, (_, i) => `${mobileOf(i)},${o.label}会员${i},postpaid,440000,active`)].join('\n');
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'storm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByRole('main').getByRole('status', { name: '导入结果' })).toContainText(`新增 ${o.contenders} 行`);
  // Their points come from billing, as ledger entries.
  const run = Date.now();
  const ledger = ['external_ref,kind,mobile,amount,occurred_at,note', ...Array.from({ length: o.contenders }, (_, i) => `STORM-${run}-${i},points_accrual,${mobileOf(i)},1000,${new Date(run - 60_000).toISOString()},`)].join('\n');
  await page.getByLabel('计费流水文件（CSV）').setInputFiles({ name: 'storm-points.csv', mimeType: 'text/csv', buffer: Buffer.from(ledger) });
  await page.getByRole('button', { name: '导入流水', exact: true }).click();
  await expect(page.getByRole('main').getByRole('status', { name: '导入结果' })).toContainText(`入账 ${o.contenders} 笔`);
  await context.close();

  const db = new Database(o.database, { readonly: true });
  let ids: number[];
  try {
    ids = (db.prepare('select id from customers where mobile between ? and ? order by mobile').all(mobileOf(0), mobileOf(o.contenders - 1)) as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
  expect(ids).toHaveLength(o.contenders);
  const enrolled = await inParallel(ids, async (id) => (await o.api.post(`/api/v1/customers/${id}/memberships`, { data: { clubCode: 'music' } })).status());
  expect(enrolled.filter((s) => s === 201)).toHaveLength(o.contenders);

  const start = nowToMinute() + 20 * DAY_MS;
  const eventId = await publishEvent(o.browser, o.baseURL, {
    title: `E2E${o.label}专场 ${Date.now()}`,
    capacity: o.seats,
    pricePoints: 100,
    startsAt: start,
    endsAt: start + 2 * 60 * 60_000,
    regOpensAt: nowToMinute() - 60_000,
    regClosesAt: start - DAY_MS,
  });
  return { ids, eventId };
}
