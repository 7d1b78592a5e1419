import fs from 'node:fs';
import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { withE2eDatabase } from './db';
import { DAY_MS, MINUTE_MS, nowToMinute, openNow, pageAs, publishEvent } from './events';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Every test publishes its own event (a unique title) through the operators' form and registers
// members through the event page, so it depends neither on other spec files nor on what they left.

const HOUR_MS = 60 * MINUTE_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

const uniqueTitle = (what: string) => `E2E${what} ${Date.now()}`;

function customerIdOf(mobile: string): number {
  return withE2eDatabase((db) => (db.prepare('select id from customers where mobile = ?').get(mobile) as { id: number }).id);
}

/**
 * Test-only: moves an event into the past by shifting every one of its instants back. The server
 * reads the real clock and cannot be told another time, so "after the event has ended" is reached
 * by moving the event, not the clock.
 */
function shiftEventBack(eventId: number, byMs: number) {
  withE2eDatabase((db) =>
    db
      .prepare(
        'update events set reg_opens_at = reg_opens_at - ?, reg_closes_at = reg_closes_at - ?, vip_opens_at = vip_opens_at - ?, starts_at = starts_at - ?, ends_at = ends_at - ? where id = ?',
      )
      .run(byMs, byMs, byMs, byMs, byMs, eventId),
  );
}

async function registerOnEventPage(page: Page, eventId: number) {
  await page.goto(`/events/${eventId}`);
  await page.getByRole('button', { name: '报名', exact: true }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');
}

/** Opens the e-ticket of an event from /tickets and returns the short code the tickets list shows. */
async function openETicket(page: Page, title: string): Promise<string> {
  await page.goto('/tickets');
  const ticket = page.getByTestId('ticket').filter({ hasText: title });
  const shortCode = (await ticket.getByTestId('ticket-code').textContent())!.trim();
  await ticket.getByRole('link', { name: '出示电子票' }).click();
  await expect(page).toHaveURL(/\/tickets\/\d+$/);
  return shortCode;
}

test.describe('attendance: e-tickets, closing, feedback, callbacks', () => {
  test('an event is held and closed: QR ticket, check-in, no-shows, corrections, feedback, the plan, a VIP callback and the attendance sheet', async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    const now = nowToMinute();
    const title = uniqueTitle('签到结束');
    // Starting within three hours, so that its doors are open now.
    const startsAt = now + 2 * HOUR_MS;
    const eventId = await publishEvent(browser, baseURL, { title, capacity: 10, startsAt, endsAt: startsAt + 2 * HOUR_MS, regOpensAt: now - HOUR_MS, regClosesAt: startsAt - 30 * MINUTE_MS });

    await signInAs(page, 'member');
    const opened: Page[] = [];
    const openAs = async (who: Parameters<typeof pageAs>[2]) => {
      const other = await pageAs(browser, baseURL, who);
      opened.push(other);
      return other;
    };
    try {
      const li = await openAs(OTHER_ACCOUNTS.prepaidMember);
      await registerOnEventPage(page, eventId);
      await registerOnEventPage(li, eventId);

      const shortCode = await openETicket(page, title);
      await expect(page.getByRole('img', { name: `「${title}」电子票二维码` })).toBeVisible();
      await expect(page.getByTestId('ticket-short-code')).toHaveText(shortCode);
      await expect(page.getByTestId('ticket-holder')).toHaveText(ACCOUNTS.member.name);

      // 陈思远 is checked in by short code through the door devices' route; 李晓梅 never comes. The
      // operator signs in right before: a request context left idle for about the server's
      // keep-alive time can reuse a connection the server is closing, and fail with ECONNRESET.
      const operator = await openAs('operator');
      // As the door page sends it: JSON from the app's own origin (other origins are refused).
      const scan = await operator.request.post(`/ops/checkin/${eventId}/scans`, {
        headers: { origin: new URL(baseURL!).origin },
        data: { scans: [{ nonce: `e2e-${crypto.randomUUID()}`, scannedAt: Date.now(), code: shortCode }] },
      });
      expect(scan.ok()).toBe(true);
      expect(((await scan.json()) as { results: { outcome: string }[] }).results[0]!.outcome).toBe('checked_in');

      await operator.goto(`/ops/events/${eventId}`);
      await expect(operator.getByRole('button', { name: '结束活动' })).toBeDisabled();
      await expect(operator.getByTestId('close-not-yet')).toContainText('之后才能结束活动');

      shiftEventBack(eventId, DAY_MS);
      const heldAt = startsAt - DAY_MS;
      await operator.reload();
      await operator.getByRole('button', { name: '结束活动' }).click();
      await expect(operator.getByTestId('close-confirmation')).toContainText('未签到的1人将记为未到场');
      await operator.getByRole('button', { name: '确认结束活动' }).click();
      await expect(operator.getByTestId('close-message-ok')).toHaveText('活动已结束：1人到场，1人未到场。');
      await expect(operator.getByTestId('event-status')).toHaveText('已结束');
      const row = (name: string) => operator.getByTestId('attendance-row').filter({ hasText: name });
      await expect(row('陈思远').getByTestId('attendance-status')).toHaveText('已到场');
      await expect(row('李晓梅').getByTestId('attendance-status')).toHaveText('未到场');

      const [download] = await Promise.all([operator.waitForEvent('download'), operator.getByRole('link', { name: '下载签到表（CSV）' }).click()]);
      expect(download.suggestedFilename()).toBe(`attendance-${eventId}.csv`);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain('\r\n');
      expect(csv).toContain('陈思远');
      expect(csv).toContain('李晓梅');

      const chenId = customerIdOf(ACCOUNTS.member.login);
      const liId = customerIdOf(OTHER_ACCOUNTS.prepaidMember.login);
      await operator.goto(`/ops/customers/${chenId}`);
      await expect(operator.getByTestId('timeline')).toContainText(`参加活动「${title}」`);
      await operator.goto(`/ops/customers/${liId}`);
      await expect(operator.getByTestId('timeline')).toContainText(`未到场「${title}」`);

      // A mistaken no-show is corrected and put back, each time with a record.
      await operator.goto(`/ops/events/${eventId}`);
      await row('李晓梅').getByRole('button', { name: '改为已到' }).click();
      await expect(row('李晓梅').getByTestId('attendance-status')).toHaveText('已到场');
      await row('李晓梅').getByRole('button', { name: '改为未到' }).click();
      await expect(row('李晓梅').getByTestId('attendance-status')).toHaveText('未到场');

      const comment = `音响效果很好，下次还来 ${Date.now()}`;
      await page.goto(`/events/${eventId}`);
      await page.getByRole('radio', { name: '5星' }).check();
      await page.getByLabel(/^意见/).fill(comment);
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect(page.getByTestId('feedback-message-ok')).toHaveText('评价已保存，谢谢！');
      await page.reload();
      await expect(page.getByRole('radio', { name: '5星' })).toBeChecked();
      await expect(page.getByLabel(/^意见/)).toHaveValue(comment);
      await expect(page.getByRole('button', { name: '更新评价' })).toBeVisible();

      // Who did not come is not asked.
      await li.goto(`/events/${eventId}`);
      await expect(li.getByRole('heading', { name: title })).toBeVisible();
      await expect(li.getByRole('button', { name: '提交评价' })).toHaveCount(0);

      await operator.goto(`/ops/events/${eventId}`);
      await expect(operator.getByTestId('feedback-average')).toHaveText('5.0');
      await expect(operator.getByTestId('feedback-count')).toHaveText('1');
      await expect(operator.getByTestId('feedback-comment')).toContainText(comment);

      // The plan lists the events of a Beijing year; around New Year the shifted event is last year's.
      const year = new Date(heldAt + BEIJING_OFFSET_MS).getUTCFullYear();
      await operator.goto(`/ops/plan?year=${year}`);
      await expect(operator.getByTestId('plan-club-music').getByRole('listitem').filter({ hasText: title })).toContainText('已举办');

      const opinion = `希望多办几场 ${Date.now()}`;
      await operator.goto('/ops/callbacks');
      // The task about the event (its link): 陈思远's other tasks show the event too, in her recent activity.
      const task = operator.getByTestId('callback-task').filter({ has: operator.getByRole('link', { name: title, exact: true }) });
      await expect(task).toContainText('陈思远');
      await expect(task.getByRole('link', { name: '查看客户资料' })).toHaveAttribute('href', `/ops/customers/${chenId}`);
      await task.getByRole('radio', { name: '已联系上' }).check();
      await task.getByLabel(/^会员意见/).fill(opinion);
      await task.getByRole('button', { name: '记录回访' }).click();
      await expect(operator.getByTestId('callback-recorded')).toHaveText('已记录对陈思远的回访：已联系上。');
      await expect(operator.getByTestId('callback-task').filter({ has: operator.getByRole('link', { name: title, exact: true }) })).toHaveCount(0);
      await operator.getByRole('link', { name: '已完成' }).click();
      await expect(operator.getByTestId('callback-done').filter({ hasText: title })).toContainText(opinion);
      await operator.goto(`/ops/customers/${chenId}`);
      await expect(operator.getByTestId('timeline')).toContainText(`VIP回访「${title}」`);
    } finally {
      for (const other of opened) await other.context().close();
    }
  });

  test('@phone the e-ticket fits a phone screen, and its QR code scans to a signed ticket code', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('电子票');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 5));
    await signInAs(page, 'member');
    await registerOnEventPage(page, eventId);
    const shortCode = await openETicket(page, title);

    const qr = page.getByRole('img', { name: `「${title}」电子票二维码` });
    await expect(qr).toBeVisible();
    await expect(page.getByTestId('ticket-short-code')).toHaveText(shortCode);
    const box = (await qr.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);

    const shot = PNG.sync.read(await qr.screenshot());
    const read = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
    expect(read?.data).toMatch(/^T1\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
  });
});
