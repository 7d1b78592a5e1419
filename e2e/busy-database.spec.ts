import Database from 'better-sqlite3';
import { createToken } from './api';
import { E2E_DATABASE, withE2eDatabase } from './db';
import { openNow, publishEvent } from './events';
import { expect, OTHER_ACCOUNTS, signInAs, test } from './fixtures';

/** The server's bounded wait for another process's write lock (SQLITE_BUSY_TIMEOUT_MS, default). */
const BUSY_WAIT_MS = 5000;

/**
 * Takes the database's write lock from this process, as a backup tool or `sqlite3` in a shell
 * would, and keeps it until the returned release is called.
 */
function holdWriteLock(): () => void {
  const other = new Database(E2E_DATABASE);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('COMMIT');
    other.close();
  };
}

test.describe('a database locked by another process for longer than the server waits', () => {
  test.setTimeout(60_000);

  test('the server keeps answering, refuses writes as busy in words and in problem+json, and the same requests succeed afterwards', async ({ page, browser, baseURL, playwright }) => {
    const title = `E2E忙碌 ${Date.now()}`;
    const eventId = await publishEvent(browser, baseURL, openNow(title, 5));
    const token = createToken('e2e busy');
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const customerId = withE2eDatabase((db) => (db.prepare('select id from customers where mobile = ?').get(OTHER_ACCOUNTS.prepaidMember.login) as { id: number }).id);
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto(`/events/${eventId}`);
    const registerByApi = () =>
      api.post('/api/v1/registrations', { headers: { 'idempotency-key': `e2e-busy-${eventId}` }, data: { customerId, eventId } });

    const release = holdWriteLock();
    try {
      const started = Date.now();
      const [apiAnswer] = await Promise.all([
        registerByApi(),
        (async () => {
          await page.getByRole('button', { name: '报名', exact: true }).click();
          await expect(page.getByTestId('register-message')).toHaveText('系统繁忙，本次操作未保存，请稍后再试。', { timeout: BUSY_WAIT_MS + 5000 });
        })(),
        (async () => {
          // Reads are answered at once meanwhile: no request waits for the write lock.
          const before = Date.now();
          expect((await api.get('/api/v1/health')).ok()).toBe(true);
          expect((await api.get('/api/v1/events')).ok()).toBe(true);
          expect(Date.now() - before).toBeLessThan(1000);
        })(),
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_WAIT_MS - 100);
      expect(apiAnswer.status()).toBe(503);
      expect(apiAnswer.headers()['content-type']).toBe('application/problem+json');
      expect(Number(apiAnswer.headers()['retry-after'])).toBeGreaterThan(0);
      expect(await apiAnswer.json()).toMatchObject({ status: 503, code: 'database_busy' });
    } finally {
      release();
    }

    expect(withE2eDatabase((db) => db.prepare(`select count(*) n from registrations where event_id = ?`).get(eventId))).toEqual({ n: 0 });
    // The same key is not stuck "in progress": it registers now, once.
    const accepted = await registerByApi();
    expect(accepted.status()).toBe(201);
    const again = await registerByApi();
    expect((await again.json()).registrationId).toBe((await accepted.json()).registrationId);
    expect(withE2eDatabase((db) => db.prepare(`select count(*) n from registrations where event_id = ?`).get(eventId))).toEqual({ n: 1 });
    await api.dispose();
  });
});
