import type { Page } from '@playwright/test';
import { withE2eDatabase } from './db';
import { MINUTE_MS, nowToMinute, pageAs, publishEvent, type NewEvent } from './events';
import { ACCOUNTS, attachScreenshot, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

const BJ_MEMBER_MOBILE = OTHER_ACCOUNTS.bjMember.login;

/** In-app messages for a member, as the notification use-case stores them (delivered by being stored). */
function seedUnreadMessages(mobile: string, count: number, label: string): void {
  withE2eDatabase((db) => {
    const { id } = db.prepare(`select id from customers where mobile = ?`).get(mobile) as { id: number };
    const insert = db.prepare(
      `insert into outbox (customer_id, mobile, channel, template, params, body, status, attempts, created_at, sent_at) values (?, ?, 'inapp', 'registration_confirmed', ?, ?, 'sent', 0, ?, ?)`,
    );
    const now = Date.now();
    for (let i = 1; i <= count; i++) {
      const event = `${label}${i}`;
      insert.run(id, mobile, JSON.stringify({ event, time: '3月6日 14:00' }), `您已成功报名「${event}」（3月6日 14:00），凭电子票入场。`, now + i, now + i);
    }
  });
}

/** The member's unread in-app messages, counted in the database. */
const unreadInDatabase = (mobile: string) =>
  withE2eDatabase(
    (db) => (db.prepare(`select count(*) as n from outbox o join customers c on c.id = o.customer_id where c.mobile = ? and o.channel = 'inapp' and o.read_at is null`).get(mobile) as { n: number }).n,
  );

async function useEnglish(page: Page, baseURL: string | undefined): Promise<void> {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
}

/** A music event of Guangdong open for registration now, starting in a few minutes: the soonest in the club. */
function startingSoon(title: string, titleEn?: string): NewEvent {
  const now = nowToMinute();
  const startsAt = now + 10 * MINUTE_MS;
  return { title, titleEn, capacity: 20, startsAt, endsAt: startsAt + 120 * MINUTE_MS, regOpensAt: now - 60 * MINUTE_MS, regClosesAt: startsAt };
}

test.describe('messages: unread count and mark all read', () => {
  test('the desktop strip says how many messages are unread, and reading them clears it', async ({ page }) => {
    seedUnreadMessages(BJ_MEMBER_MOBILE, 3, '桌面未读');
    await signInAs(page, OTHER_ACCOUNTS.bjMember);
    await page.goto('/clubs');
    const nav = page.getByRole('navigation', { name: '主导航' });
    const unread = unreadInDatabase(BJ_MEMBER_MOBILE);
    // The number is for the eye; screen readers hear the sentence as part of the link's name.
    const link = nav.getByRole('link', { name: new RegExp(`^消息\\s*${unread}条未读消息$`) });
    await expect(link).toBeVisible();
    await expect(link.getByTestId('nav-unread-badge').locator('[aria-hidden]')).toHaveText(String(unread));

    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('消息');
    await expect.poll(() => unreadInDatabase(BJ_MEMBER_MOBILE)).toBe(0);
    await page.reload();
    await expect(nav.getByRole('link', { name: '消息', exact: true })).toBeVisible();
    await expect(nav.getByTestId('nav-unread-badge')).toHaveCount(0);
  });

  test('a page of the inbox marks only what it shows; "mark all read" from page 2 marks every page @phone', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.bjMember);
    await page.goto('/messages');
    const markAll = page.getByRole('button', { name: '全部标为已读' });
    if (await markAll.isVisible()) await markAll.click();
    await expect.poll(() => unreadInDatabase(BJ_MEMBER_MOBILE)).toBe(0);

    // 22 new messages: 20 on the first page, the two oldest of them on the second.
    seedUnreadMessages(BJ_MEMBER_MOBILE, 22, '分页消息');
    await page.goto('/messages');
    await expect(page.getByTestId('tab-bar').getByTestId('unread-badge')).toContainText('22条未读消息');
    await expect(page.locator('[data-testid="inbox-message"][data-unread]')).toHaveCount(20);
    await expect.poll(() => unreadInDatabase(BJ_MEMBER_MOBILE)).toBe(2);
    await page.getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.locator('[data-testid="inbox-message"][data-unread]')).toHaveCount(2);
    await expect.poll(() => unreadInDatabase(BJ_MEMBER_MOBILE)).toBe(0);

    // Straight to page 2 this time: the button also reaches the unseen messages of page 1.
    seedUnreadMessages(BJ_MEMBER_MOBILE, 22, '全部已读');
    await page.goto('/messages?page=2');
    await expect(page.locator('[data-testid="inbox-message"][data-unread]')).toHaveCount(2);
    await attachScreenshot(page, '4-inbox-page-2-zh.png');
    await markAll.click();
    await expect.poll(() => unreadInDatabase(BJ_MEMBER_MOBILE)).toBe(0);
    await page.goto('/messages');
    await expect(page.locator('[data-testid="inbox-message"][data-unread]')).toHaveCount(0);
    await expect(page.getByTestId('tab-bar').getByTestId('unread-badge')).toHaveCount(0);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });
});

test.describe('the member landing page', () => {
  test('shows the next ticket, unread messages and each club’s new and coming events, not the yearly targets @phone', async ({ page, browser, baseURL }) => {
    const title = `首页新活动${Date.now() % 100_000}`;
    const eventId = await publishEvent(browser, baseURL, startingSoon(title));
    await signInAs(page, 'member');
    await page.goto('/clubs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的俱乐部');
    // The operators' targets are not a member's business, nor a yearly count that reads 0 in December.
    await expect(page.getByText('每年至少活动')).toHaveCount(0);
    await expect(page.getByText('今年即将举行')).toHaveCount(0);
    await expect(page.getByText(/全年组织不少于|全年至少组织/)).toHaveCount(0);

    await expect(page.getByTestId('home-next-ticket').getByRole('heading', { name: '我的下一场活动' })).toBeVisible();
    await expect(page.getByTestId('home-messages').getByRole('link', { name: '查看消息' })).toHaveAttribute('href', '/messages');

    const music = page.getByTestId('club-music');
    await expect(music.getByTestId('club-music-new')).toContainText(/近14天新发布\d+场活动/);
    const coming = music.getByTestId(`home-event-${eventId}`);
    await expect(coming.getByRole('link', { name: title })).toHaveAttribute('href', `/events/${eventId}`);
    await expect(coming.getByText('新', { exact: true })).toBeVisible();
    await expect(coming.getByTestId('registration-state')).toHaveAttribute('data-state', 'open');
    await expect(music.getByRole('link', { name: '查看本俱乐部全部活动' })).toHaveAttribute('href', '/events?club=music');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '11-clubs-home-zh.png');
  });
});

test.describe('typed text in the other language', () => {
  test('an English answer to a complaint reads as typed, marked “英文”, in the Chinese UI @phone', async ({ page, browser, baseURL }) => {
    const body = `营业厅地址写错了，请更正（${Date.now() % 100_000}）`;
    const reply = 'Thank you: the address of the hall is corrected on the services page.';
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto('/complaints');
    const form = page.getByRole('form', { name: '填写投诉或建议' });
    await form.getByLabel('投诉类别').selectOption({ label: '手机服务' });
    await form.getByLabel('问题描述').fill(body);
    await form.getByRole('button', { name: '提交', exact: true }).click();
    await expect(page.getByTestId('complaint-ok')).toBeVisible();

    const operator = await pageAs(browser, baseURL, ACCOUNTS.operator);
    await operator.goto('/ops/complaints');
    const card = operator.getByTestId('complaint').filter({ hasText: body });
    await card.getByLabel('答复客户').fill(reply);
    await card.getByRole('button', { name: '发送答复' }).click();
    await expect(operator.getByTestId('complaint').filter({ hasText: body })).toHaveCount(0);
    await operator.context().close();

    await page.reload();
    const answer = page.getByTestId('my-complaint').filter({ hasText: body }).getByTestId('complaint-reply');
    await expect(answer.locator('[lang="en"]')).toHaveText(reply);
    await expect(answer.getByTestId('text-language')).toHaveText('英文');
    await attachScreenshot(page, '9-english-reply-zh.png');

    await page.goto('/messages');
    const message = page.getByTestId('inbox-message').filter({ hasText: reply }).first();
    const typed = message.getByTestId('inbox-typed').filter({ hasText: reply });
    await expect(typed.locator('[lang="en"]')).toHaveText(reply);
    await expect(typed.getByTestId('text-language')).toHaveText('英文');
  });

  test('in English, what the app writes is in English and what people typed in Chinese is marked @phone', async ({ page, browser, baseURL }) => {
    const title = `英文界面活动${Date.now() % 100_000}`;
    const eventId = await publishEvent(browser, baseURL, startingSoon(title, `English UI event ${Date.now() % 100_000}`));
    await signInAs(page, 'member');
    await useEnglish(page, baseURL);

    await page.goto('/clubs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My clubs');
    await expect(page.getByTestId('home-next-ticket').getByRole('heading', { name: 'Your next event' })).toBeVisible();
    await expect(page.getByTestId('club-music-new')).toContainText(/new events? in the last 14 days/);
    await attachScreenshot(page, '11-clubs-home-en.png');

    // Points: every line says what it was in English; Chinese is left only in names and typed text.
    await page.goto('/points');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Points and balance');
    const lines = page.getByTestId('points-ledger').getByTestId('ledger-line');
    await expect(lines.first()).toBeVisible();
    const chineseOutsideNames = await lines.evaluateAll((items) =>
      items.filter((item) => {
        const copy = item.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('a, [lang="zh-CN"]').forEach((e) => e.remove());
        return /\p{Script=Han}/u.test(copy.textContent ?? '');
      }).length,
    );
    expect(chineseOutsideNames).toBe(0);
    await expect(page.getByText('3G积分开户赠送')).toHaveCount(0);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '9-points-en.png');

    // An event whose venue was written in Chinese only.
    await page.goto(`/events/${eventId}`);
    const venue = page.getByTestId('event-venue');
    await expect(venue.locator('[lang="zh-CN"]')).toContainText('广州大剧院小剧场');
    await expect(venue.getByTestId('text-language')).toHaveText('in Chinese');
    await attachScreenshot(page, '9-event-venue-en.png');

    // A staff answer to a complaint, typed in Chinese.
    await page.goto('/complaints');
    const answer = page.getByTestId('my-complaint').filter({ hasText: 'Answered' }).first().getByTestId('complaint-reply');
    await expect(answer.locator('[lang="zh-CN"]')).not.toBeEmpty();
    await expect(answer.getByTestId('text-language')).toHaveText('in Chinese');
    await attachScreenshot(page, '9-complaint-reply-en.png');

    // A hall's address, typed by the operators in Chinese.
    await page.goto('/services');
    await page.getByRole('link', { name: /Phone cleaning/ }).first().click();
    const address = page.getByTestId('slot-address').first();
    await expect(address.locator('[lang="zh-CN"]')).not.toBeEmpty();
    await expect(address.getByTestId('text-language')).toHaveText('in Chinese');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '9-hall-service-en.png');
  });
});
