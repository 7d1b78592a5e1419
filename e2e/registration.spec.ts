import type { Page } from '@playwright/test';
import { withE2eDatabase } from './db';
import { DAY_MS, MINUTE_MS, beijingDayAndTime, nowToMinute, openNow, pageAs, publishEvent } from './events';
import { expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Every test publishes its own event (a unique title) through the operators' form, and reads
// balances before and after, so it depends neither on other spec files nor on what they left.

const uniqueTitle = (what: string) => `E2E${what} ${Date.now()}`;

async function pointsBalance(page: Page): Promise<number> {
  await page.goto('/points');
  const text = await page.getByTestId('points-balance').textContent();
  return Number(text!.replace(/\D/g, ''));
}

/** The member's ticket for one event on /tickets, wherever it is listed. */
const ticketFor = (page: Page, title: string) => page.getByTestId('ticket').filter({ hasText: title });

async function cancelOnTickets(page: Page, title: string) {
  await page.goto('/tickets');
  const ticket = ticketFor(page, title);
  await ticket.getByRole('button', { name: '取消报名' }).click();
  await expect(ticket.getByTestId('cancel-confirmation')).toBeVisible();
  await ticket.getByRole('button', { name: '确认取消' }).click();
  await expect(page.getByTestId('cancel-banner')).toContainText(`已取消报名「${title}」`);
}

test.describe('members register for events', () => {
  test('a member registers for a points event, sees the points taken and the ticket, then cancels for a full refund @smoke', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('积分报名');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 5, 300));
    // A postpaid member: prepaid customers pay no points (附表1), segment-policy.spec's subject.
    await signInAs(page, OTHER_ACCOUNTS.postpaidMember);
    const before = await pointsBalance(page);

    await page.goto(`/events/${eventId}`);
    await expect(page.getByTestId('register-payment')).toContainText('300积分');
    // Spending is confirmed on a summary first: what, from which balance, the balance after, the refund rule.
    await page.getByRole('button', { name: '报名', exact: true }).click();
    const sheet = page.getByTestId('register-confirmation');
    await expect(sheet).toContainText('300积分');
    await expect(sheet).toContainText('积分余额');
    await expect(sheet).toContainText(`${(before - 300).toLocaleString('zh-CN')}积分`);
    await expect(sheet).toContainText('全额退还');
    await sheet.getByRole('button', { name: '确认报名' }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');
    await expect(page.getByTestId('registration-cancel-until')).toContainText('前取消');
    await expect(page.getByTestId('registration-ticket-link')).toHaveAttribute('href', /^\/tickets\/\d+$/);
    expect(await pointsBalance(page)).toBe(before - 300);
    // The ledger line names the event and leads to it.
    const line = page.getByTestId('points-ledger').getByTestId('ledger-line').first();
    await expect(line).toContainText('活动报名');
    await expect(line).toContainText('−300积分');
    await expect(line.getByRole('link', { name: title })).toHaveAttribute('href', `/events/${eventId}`);

    await page.goto('/tickets');
    const ticket = ticketFor(page, title);
    await expect(ticket.getByTestId('ticket-status')).toHaveText('已报名');
    await expect(ticket.getByTestId('ticket-paid')).toHaveText('已付300积分');
    await expect(ticket.getByTestId('ticket-code')).toHaveText(/^[2-9A-HJKMNP-Z]{6}$/);
    await expect(ticket.getByRole('link', { name: title })).toHaveAttribute('href', `/events/${eventId}`);

    await cancelOnTickets(page, title);
    await expect(page.getByTestId('cancel-banner')).toContainText('已付300积分，已全额退还');
    await expect(page.getByTestId('past-tickets').getByTestId('ticket').filter({ hasText: title }).getByTestId('ticket-status')).toHaveText('已取消（主动取消）');
    expect(await pointsBalance(page)).toBe(before);
  });

  test('a full event offers the waiting list, and the first waiting member is promoted when a seat frees up', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('候补');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 1));

    const first = await pageAs(browser, baseURL, OTHER_ACCOUNTS.prepaidMember);
    try {
      await first.goto(`/events/${eventId}`);
      await first.getByRole('button', { name: '报名', exact: true }).click();
      await expect(first.getByTestId('registration-status')).toHaveText('您已报名此活动。');

      await signInAs(page, 'member');
      await page.goto(`/events/${eventId}`);
      await expect(page.getByTestId('event-seats')).toHaveText('已满，可候补');
      await expect(page.getByRole('button', { name: '报名', exact: true })).toHaveCount(0);
      await page.getByRole('button', { name: '加入候补名单' }).click();
      await expect(page.getByTestId('registration-status')).toContainText('候补名单第1位');
      await page.goto('/tickets');
      await expect(ticketFor(page, title).getByTestId('ticket-status')).toHaveText('候补第1位');
      await expect(ticketFor(page, title).getByTestId('ticket-code')).toHaveCount(0);

      await cancelOnTickets(first, title);
    } finally {
      await first.context().close();
    }

    await page.reload();
    await expect(ticketFor(page, title).getByTestId('ticket-status')).toHaveText('已报名');
    await expect(ticketFor(page, title).getByTestId('ticket-code')).toBeVisible();
  });

  test('during the VIP priority window a VIP registers, and another member is told before any tap when general registration opens', async ({ page, browser, baseURL }) => {
    test.slow();
    const now = nowToMinute();
    const title = uniqueTitle('VIP优先');
    const startsAt = now + 12 * DAY_MS;
    const regOpensAt = now + DAY_MS;
    const eventId = await publishEvent(browser, baseURL, {
      title,
      capacity: 5,
      startsAt,
      endsAt: startsAt + 120 * MINUTE_MS,
      vipOpensAt: now - DAY_MS,
      regOpensAt,
      regClosesAt: startsAt - DAY_MS,
    });

    await signInAs(page, 'member');
    await page.goto(`/events/${eventId}`);
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');

    const other = await pageAs(browser, baseURL, OTHER_ACCOUNTS.prepaidMember);
    try {
      await other.goto(`/events/${eventId}`);
      // Said before any tap: VIPs have priority now, this member may register from regOpensAt,
      // and the button cannot be pressed (the server refuses it as well: registrations.test.ts).
      const opens = beijingDayAndTime(regOpensAt);
      const window = other.getByTestId('register-window');
      await expect(window).toHaveAttribute('data-state', 'vip_only');
      await expect(window).toContainText('VIP');
      await expect(window).toContainText(opens.day);
      await expect(window).toContainText(opens.time);
      await expect(other.getByTestId('register-disabled')).toBeDisabled();
      // The event's card in the list says the same.
      await other.goto('/events');
      const card = other.getByTestId(`event-${eventId}`).getByTestId('registration-state');
      await expect(card).toHaveAttribute('data-state', 'vip_only');
      await expect(card).toContainText(opens.time);
      await other.goto('/tickets');
      await expect(ticketFor(other, title)).toHaveCount(0);
    } finally {
      await other.context().close();
    }
  });
});

test.describe('operators register customers on their behalf', () => {
  test('an operator registers a customer by hotline from the customer record, and cancels it again', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('代客户报名');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 5));
    const { id: customerId } = withE2eDatabase((db) => db.prepare(`select id from customers where mobile = ?`).get(OTHER_ACCOUNTS.prepaidMember.login) as { id: number });

    await signInAs(page, 'operator');
    await page.goto(`/ops/customers/${customerId}`);
    const form = page.getByRole('form', { name: '代客户报名' });
    await form.getByLabel('活动', { exact: true }).selectOption(String(eventId));
    await form.getByLabel('报名渠道', { exact: true }).selectOption({ label: '10010热线' });
    await form.getByRole('button', { name: '代为报名' }).click();
    await expect(page.getByTestId('staff-register-message-ok')).toHaveText('已为客户报名。');

    const row = page.getByTestId('customer-registration').filter({ hasText: title });
    await expect(row.getByTestId('ticket-status')).toHaveText('已报名');
    await expect(row).toContainText('10010热线');
    const stored = withE2eDatabase((db) => db.prepare(`select status, channel from registrations where event_id = ? and customer_id = ?`).get(eventId, customerId));
    expect(stored).toEqual({ status: 'confirmed', channel: 'hotline' });

    await row.getByRole('button', { name: '取消报名' }).click();
    await row.getByRole('button', { name: '确认取消' }).click();
    await expect(row.getByTestId('ticket-status')).toHaveText('已取消（主动取消）');
  });
});

test.describe('tickets and messages on a phone @phone', () => {
  test('the tickets and messages pages fit 390 px, and the confirmation is in the inbox in both languages', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('手机报名');
    const titleEn = `Phone registration ${title.replace(/\D/g, '')}`;
    const eventId = await publishEvent(browser, baseURL, { ...openNow(title, 5), titleEn });
    const fits = async () => expect(await overflowX(page)).toBeLessThanOrEqual(0);

    await signInAs(page, 'member');
    await page.goto(`/events/${eventId}`);
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');
    await fits();

    await page.goto('/tickets');
    await expect(ticketFor(page, title).getByTestId('ticket-status')).toHaveText('已报名');
    await expect(page.getByTestId('tab-bar').getByTestId('unread-badge')).toContainText(/条未读消息/);
    await fits();

    await page.goto('/messages');
    const message = page.getByTestId('inbox-message').filter({ hasText: title });
    await expect(message).toHaveCount(1);
    await expect(message).toContainText(`您已成功报名「${title}」`);
    // The message leads to what it is about.
    await expect(message.getByTestId('inbox-link')).toHaveAttribute('href', '/tickets');
    await fits();

    await page.getByRole('button', { name: 'English', exact: true }).click();
    const inEnglish = page.getByTestId('inbox-message').filter({ hasText: titleEn });
    await expect(inEnglish).toContainText(`You are registered for “${titleEn}”`);
    await expect(inEnglish).not.toContainText(title);
    await expect(inEnglish.getByTestId('inbox-link')).toHaveText('See your ticket');
    await fits();
  });
});
