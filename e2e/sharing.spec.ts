import { request, type Page } from '@playwright/test';
import { queryE2e } from './db';
import { beijingDayAndTime, draftEvent, openNow, publishEvent } from './events';
import { ACCOUNTS, OTHER_ACCOUNTS, PASSWORD, attachScreenshot, expect, overflowX, signInAs, test } from './fixtures';

/*
 * Issue 24 items 10 and 12: calendar subscriptions (a button per club and a personal feed of the
 * member's own tickets at a secret URL), and an event's link that opens for anyone.
 */


const inEnglish = (page: Page, baseURL: string | undefined) => page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);

/** The part of an event page a signed-out visitor gets; a signed-in member's page has no such article. */
const sharedView = (page: Page) => page.getByTestId('shared-event');

test.describe('item 12: an event link opens for anyone, with sign-in that comes back to it', () => {
  test('@phone a signed-out visitor opens a shared event in Chinese, signs in and lands back on it', async ({ page, browser, baseURL }) => {
    const title = `分享的活动 ${Date.now()}`;
    const event = openNow(title, 30, 300);
    const id = await publishEvent(browser, baseURL, event);

    expect((await page.goto(`/events/${id}`))?.status()).toBe(200);
    await expect(sharedView(page).getByRole('heading', { level: 1, name: title })).toBeVisible();
    const { day, time } = beijingDayAndTime(event.startsAt);
    const [month, date] = day.match(/\d+/g)!;
    // "12月19日" or "2026/12/19", and "09:05" or "9:05", as the locale writes them.
    await expect(sharedView(page).locator('time')).toContainText(new RegExp(`${day}|/${month}/${date}`));
    await expect(sharedView(page).locator('time')).toContainText(time.replace(/^0/, ''));
    await expect(sharedView(page)).toContainText('广州大剧院小剧场');
    await expect(page.getByTestId('event-price')).toHaveText('300积分');
    await expect(page.getByTestId('event-seats')).toHaveText('剩余 30 席');
    await expect(page.getByTestId('registration-state')).toContainText('报名中');
    // A link preview reads the Open Graph tags, fetched without a session like this page.
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /广州大剧院小剧场.*300积分/);
    // Nobody's personal data: no member, no operator.
    await expect(page.locator('body')).not.toContainText(ACCOUNTS.member.name);
    await expect(page.locator('body')).not.toContainText(ACCOUNTS.operator.name);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '12-public-event-zh.png');

    await page.getByRole('link', { name: '登录后报名' }).click();
    await expect(page).toHaveURL(new RegExp(`/signin\\?from=%2Fevents%2F${id}$`));
    await page.getByLabel('手机号码').fill(ACCOUNTS.member.login);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${id}$`));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(sharedView(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: '分享活动' })).toBeVisible();
    await attachScreenshot(page, '12-back-on-event-zh.png');
  });

  test('@phone the shared event page in English, with its share button copying the link', async ({ page, browser, baseURL }) => {
    const title = `共享活动 ${Date.now()}`;
    const titleEn = `Shared fan event ${Date.now()}`;
    const id = await publishEvent(browser, baseURL, { ...openNow(title, 12), titleEn });
    await inEnglish(page, baseURL);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });

    await page.goto(`/events/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: titleEn })).toBeVisible();
    await expect(page.getByTestId('event-price')).toHaveText('Free');
    await expect(page.getByTestId('event-seats')).toHaveText('12 seats left');
    await expect(page.getByTestId('registration-state')).toContainText('Open for registration until');
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', titleEn);
    // No share sheet in this browser: the link is copied instead.
    await page.getByRole('button', { name: 'Share event' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/events/${id}`);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '12-public-event-en.png');

    await page.getByRole('link', { name: 'Sign in to register' }).click();
    await page.getByLabel('Mobile number').fill(ACCOUNTS.member.login);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${id}$`));
    await expect(page.getByRole('heading', { level: 1, name: titleEn })).toBeVisible();
    await expect(sharedView(page)).toHaveCount(0);
  });

  test('@phone a draft, or an event that does not exist, is not found for a visitor', async ({ page, browser, baseURL }) => {
    const draft = await draftEvent(browser, baseURL, openNow(`未发布的草稿 ${Date.now()}`, 10));
    expect((await page.goto(`/events/${draft}`))?.status()).toBe(404);
    await expect(page.locator('body')).not.toContainText('未发布的草稿');
    expect((await page.goto('/events/999999999'))?.status()).toBe(404);
    expect((await page.goto('/events/abc'))?.status()).toBe(404);
  });
});

/** A demo member holding a seat for an upcoming event, and that event. */
async function memberWithTicket(): Promise<{ login: string; eventId: number }> {
  const logins = [ACCOUNTS.member.login, OTHER_ACCOUNTS.prepaidMember.login, OTHER_ACCOUNTS.bjMember.login];
  const [row] = await queryE2e<{ mobile: string; eventId: number }>(
    `select c.mobile, r.event_id as "eventId" from registrations r join customers c on c.id = r.customer_id join events e on e.id = r.event_id
     where r.status = 'confirmed' and c.mobile in (?, ?, ?) and e.starts_at > ? order by r.id limit 1`,
    [...logins, Date.now()],
  );
  expect(row, 'a demo member holds a ticket').toBeDefined();
  return { login: row!.mobile, eventId: Number(row!.eventId) };
}

/** The http(s) URL behind a webcal:// link. */
const httpOf = (webcal: string, baseURL: string) => webcal.replace(/^webcal:/, new URL(baseURL).protocol);

/** Fetches a feed as a calendar app does: no cookies, no session, the app's language at most. */
async function fetchFeed(url: string, language?: string) {
  const app = await request.newContext(language ? { extraHTTPHeaders: { 'accept-language': language } } : {});
  try {
    const response = await app.get(url);
    return { status: response.status(), type: response.headers()['content-type'] ?? '', body: await response.text() };
  } finally {
    await app.dispose();
  }
}

test.describe('item 10: calendar subscriptions', () => {
  test('@phone a member subscribes to a club and to their own events, and resets their link (Chinese)', async ({ page, baseURL }) => {
    const { login, eventId } = await memberWithTicket();
    await signInAs(page, { kind: 'member', login });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.goto('/events');
    const feeds = page.getByRole('region', { name: '订阅活动日历' });
    // No raw feed URL on the page: only buttons.
    await expect(feeds).not.toContainText('http');
    await expect(feeds).not.toContainText('.ics');

    const club = feeds.locator('details[data-testid^="feed-"]:not([data-testid="feed-personal"])').first();
    const clubCode = (await club.getAttribute('data-testid'))!.replace('feed-', '');
    const clubName = (await club.locator('summary').innerText()).replace(/^订阅/, '').replace(/\s*▾$/, '');
    await club.locator('summary').click();
    const clubFeed = `${baseURL}/calendar/${login === OTHER_ACCOUNTS.bjMember.login ? '110000' : '440000'}/${clubCode}.ics`;
    await expect(club.getByRole('link', { name: '手机或电脑自带日历' })).toHaveAttribute('href', clubFeed.replace(/^http:/, 'webcal:'));
    const google = new URL((await club.getByRole('link', { name: 'Google 日历' }).getAttribute('href'))!);
    expect(`${google.origin}${google.pathname}`).toBe('https://calendar.google.com/calendar/render');
    expect(google.searchParams.get('cid')).toBe(clubFeed.replace(/^http:/, 'webcal:'));
    const outlook = new URL((await club.getByRole('link', { name: 'Outlook 日历' }).getAttribute('href'))!);
    expect(`${outlook.origin}${outlook.pathname}`).toBe('https://outlook.live.com/calendar/0/addfromweb');
    expect(outlook.searchParams.get('url')).toBe(clubFeed);
    expect(outlook.searchParams.get('name')).toBe(clubName);
    await club.getByRole('button', { name: '复制订阅链接' }).click();
    await expect(club.getByRole('status')).toHaveText('订阅链接已复制，可粘贴到任意日历应用');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clubFeed);

    const personal = feeds.getByTestId('feed-personal');
    await personal.getByText('订阅我的活动').click();
    const webcal = (await personal.getByRole('link', { name: '手机或电脑自带日历' }).getAttribute('href'))!;
    expect(webcal).toMatch(/^webcal:\/\/.+\/calendar\/personal\/\d+-[A-Za-z0-9_-]{32}\.ics$/);
    const feed = await fetchFeed(httpOf(webcal, baseURL!));
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('text/calendar');
    expect(feed.body).toContain(`UID:event-${eventId}@club-hub`);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '10-calendar-feeds-zh.png');

    await page.getByRole('button', { name: '重置订阅链接' }).click();
    await page.getByRole('button', { name: '确认重置' }).click();
    await expect(page.getByTestId('feed-reset-ok')).toHaveText('订阅链接已重置，请用新链接重新订阅。');
    // The page shows the new link in place: the subscribe options stay open.
    await expect(personal.getByRole('link', { name: '手机或电脑自带日历' })).not.toHaveAttribute('href', webcal);
    const renewed = (await personal.getByRole('link', { name: '手机或电脑自带日历' }).getAttribute('href'))!;
    expect((await fetchFeed(httpOf(webcal, baseURL!))).status).toBe(404);
    expect((await fetchFeed(httpOf(renewed, baseURL!))).body).toContain(`UID:event-${eventId}@club-hub`);
  });

  test('@phone the subscriptions in English', async ({ page, baseURL }) => {
    const { login, eventId } = await memberWithTicket();
    await signInAs(page, { kind: 'member', login });
    await inEnglish(page, baseURL);
    await page.goto('/events');
    const feeds = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await expect(feeds).not.toContainText('http');
    const personal = feeds.getByTestId('feed-personal');
    await personal.getByText('Subscribe: my events').click();
    const webcal = (await personal.getByRole('link', { name: 'Phone or computer calendar' }).getAttribute('href'))!;
    const google = new URL((await personal.getByRole('link', { name: 'Google Calendar' }).getAttribute('href'))!);
    expect(google.searchParams.get('cid')).toBe(webcal);
    const outlook = new URL((await personal.getByRole('link', { name: 'Outlook calendar' }).getAttribute('href'))!);
    expect(outlook.searchParams.get('url')).toBe(httpOf(webcal, baseURL!));
    expect(outlook.searchParams.get('name')).toBe('My club events');
    const feed = await fetchFeed(httpOf(webcal, baseURL!), 'en-US,en;q=0.9');
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('X-WR-CALNAME:My club events');
    expect(feed.body).toContain(`UID:event-${eventId}@club-hub`);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    await attachScreenshot(page, '10-calendar-feeds-en.png');
  });
});
