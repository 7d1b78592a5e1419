import type { Page } from '@playwright/test';
import { DAY_MS, MINUTE_MS, beijingDayAndTime, nowToMinute, openNow, pageAs, publishEvent } from './events';
import { attachScreenshot, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Issue 24's member flows on a 390 px phone, in Chinese and once in English: where a member
// stands before the tap and a reminder of the opening (1), the spending summary and the ticket it
// leads to (2), the ledger line naming the event (5), the waiting list's rule (6) and leaving a club
// (6). The same flows at desktop width are in registration.spec.ts and members.spec.ts.

const uniqueTitle = (what: string) => `E2E${what} ${Date.now()}`;

async function fits(page: Page) {
  expect(await overflowX(page)).toBeLessThanOrEqual(0);
}

test.describe('a member on a phone @phone', () => {
  test('sees where they stand before the tap, confirms what is spent, and finds the ticket and the ledger line', async ({ page, browser, baseURL }) => {
    test.slow();
    const now = nowToMinute();
    const title = uniqueTitle('手机积分报名');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 5, 200));
    const vipTitle = uniqueTitle('手机VIP优先');
    const startsAt = now + 12 * DAY_MS;
    const regOpensAt = now + DAY_MS;
    const vipEventId = await publishEvent(browser, baseURL, {
      title: vipTitle,
      capacity: 5,
      startsAt,
      endsAt: startsAt + 120 * MINUTE_MS,
      vipOpensAt: now - DAY_MS,
      regOpensAt,
      regClosesAt: startsAt - DAY_MS,
    });

    // A postpaid member: prepaid customers pay no points (附表1).
    await signInAs(page, OTHER_ACCOUNTS.postpaidMember);
    // The list says each event's state on its card, before anything is opened.
    await page.goto('/events');
    await expect(page.getByTestId(`event-${eventId}`).getByTestId('registration-state')).toHaveAttribute('data-state', 'open');
    const vipCard = page.getByTestId(`event-${vipEventId}`).getByTestId('registration-state');
    await expect(vipCard).toHaveAttribute('data-state', 'vip_only');
    await expect(vipCard).toContainText(beijingDayAndTime(regOpensAt).time);
    await fits(page);

    // A VIP-first event offers no button that could only be refused.
    await page.goto(`/events/${vipEventId}`);
    await expect(page.getByTestId('register-window')).toContainText('VIP');
    await expect(page.getByTestId('register-disabled')).toBeDisabled();
    // Instead, to be told when it opens: by SMS and in the app (the scheduler's job, opening-reminders.test.ts).
    await page.getByRole('button', { name: '开放报名时提醒我' }).click();
    await expect(page.getByTestId('opening-reminder-set')).toContainText('开放报名时，我们会通过短信和站内消息通知您');
    await page.reload();
    await expect(page.getByTestId('opening-reminder-set')).toBeVisible();
    await fits(page);
    await attachScreenshot(page, '1-vip-first-state-zh.png');

    await page.goto(`/events/${eventId}`);
    const balance = Number((await page.getByTestId('register-payment').textContent())!.match(/当前余额([\d,]+)积分/)![1]!.replace(/,/g, ''));
    await page.getByRole('button', { name: '报名', exact: true }).click();
    const sheet = page.getByTestId('register-confirmation');
    await expect(sheet).toContainText('200积分');
    await expect(sheet).toContainText(`${(balance - 200).toLocaleString('zh-CN')}积分`);
    await expect(sheet).toContainText('全额退还');
    await fits(page);
    await attachScreenshot(page, '2-spend-summary-zh.png');
    await sheet.getByRole('button', { name: '确认报名' }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('您已报名此活动。');
    await page.getByTestId('registration-ticket-link').click();
    await expect(page).toHaveURL(/\/tickets\/\d+$/);
    await expect(page.getByText(title).first()).toBeVisible();
    await fits(page);

    await page.goto('/points');
    const line = page.getByTestId('points-ledger').getByTestId('ledger-line').first();
    await expect(line).toContainText('−200积分');
    await expect(line.getByRole('link', { name: title })).toHaveAttribute('href', `/events/${eventId}`);
    await fits(page);
    await attachScreenshot(page, '5-points-line-names-event-zh.png');
  });

  test('is told the waiting list puts VIPs first, and leaving a club says what it means', async ({ page, browser, baseURL }) => {
    test.slow();
    const title = uniqueTitle('手机候补');
    const eventId = await publishEvent(browser, baseURL, openNow(title, 1));

    const holder = await pageAs(browser, baseURL, 'member');
    try {
      await holder.goto(`/events/${eventId}`);
      await holder.getByRole('button', { name: '报名', exact: true }).click();
      await expect(holder.getByTestId('registration-status')).toHaveText('您已报名此活动。');
    } finally {
      await holder.context().close();
    }

    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto(`/events/${eventId}`);
    await expect(page.getByTestId('register-window')).toContainText('名额已满，可加入候补名单');
    await page.getByRole('button', { name: '加入候补名单' }).click();
    await expect(page.getByTestId('registration-status')).toContainText('候补名单第1位');
    await expect(page.getByTestId('registration-status')).toContainText('VIP会员优先');
    await fits(page);
    await attachScreenshot(page, '6-waiting-list-rule-zh.png');

    await page.goto('/clubs');
    const music = page.getByTestId('club-music');
    await music.getByRole('button', { name: '退出俱乐部：音乐俱乐部' }).click();
    await expect(music.getByTestId('club-music-leave-confirmation')).toContainText('已报名的活动、积分和参与记录都会保留');
    await fits(page);
    await attachScreenshot(page, '6-leave-club-confirmation-zh.png');
    // Not left: the member keeps the club the waiting place belongs to.
    await music.getByRole('button', { name: '暂不退出' }).click();
    await expect(music.getByTestId('club-music-leave-confirmation')).toHaveCount(0);
  });

  test('in English: the state, the spending summary and the ledger line read in English', async ({ page, browser, baseURL, context }) => {
    test.slow();
    const title = uniqueTitle('手机英文报名');
    const titleEn = `Phone points event ${title.replace(/\D/g, '')}`;
    const eventId = await publishEvent(browser, baseURL, { ...openNow(title, 5, 150), titleEn });
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, OTHER_ACCOUNTS.postpaidMember);

    await page.goto(`/events/${eventId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleEn);
    await expect(page.getByTestId('register-window')).toContainText('Open for registration until');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const sheet = page.getByTestId('register-confirmation');
    await expect(sheet).toContainText('150 points');
    await expect(sheet).toContainText('Your points');
    await expect(sheet).toContainText('refunded in full');
    await fits(page);
    await attachScreenshot(page, '2-spend-summary-en.png');
    await sheet.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByTestId('registration-status')).toHaveText('You are registered for this event.');

    await page.goto('/points');
    const line = page.getByTestId('points-ledger').getByTestId('ledger-line').first();
    await expect(line).toContainText('Event registration');
    await expect(line.getByRole('link', { name: titleEn })).toHaveAttribute('href', `/events/${eventId}`);
    await expect(line).not.toContainText(title);
    await fits(page);
    await attachScreenshot(page, '5-points-line-names-event-en.png');
  });
});
