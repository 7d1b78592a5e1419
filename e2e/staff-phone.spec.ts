import type { Browser, Page } from '@playwright/test';
import { queryE2e } from './db';
import { beijingDayAndTime, MINUTE_MS, nowToMinute, pageAs, publishEvent } from './events';
import { ACCOUNTS, attachScreenshot, expect, overflowX, signInAs, test } from './fixtures';

// Staff on their phones (issue 24): operators check people in and look customers up at 390 px,
// admins land on an overview, analysts jump through the statistics by an index.

const fits = async (page: Page) => expect(await overflowX(page)).toBeLessThanOrEqual(0);

/** An event of Guangdong whose doors open in two hours (it starts in five), with 陈思远 registered. */
async function doorsShutEvent(browser: Browser, baseURL: string | undefined, title: string) {
  const now = nowToMinute();
  const startsAt = now + 5 * 60 * MINUTE_MS;
  const eventId = await publishEvent(browser, baseURL, { title, capacity: 10, startsAt, endsAt: startsAt + 2 * 60 * MINUTE_MS, regOpensAt: now - 60 * MINUTE_MS, regClosesAt: startsAt });
  const member = await pageAs(browser, baseURL, 'member');
  try {
    await member.goto(`/events/${eventId}`);
    await member.getByRole('button', { name: '报名', exact: true }).click();
    await expect(member.getByTestId('registration-status')).toHaveText('您已报名此活动。');
  } finally {
    await member.context().close();
  }
  return { eventId, opensAt: startsAt - 3 * 60 * MINUTE_MS };
}

/** The Guangdong events of this year the way /ops/events should list them: not yet over soonest first, then past newest first. */
async function expectedEventOrder(): Promise<string[]> {
  const now = Date.now();
  const year = new Date(now + 8 * 60 * MINUTE_MS).getUTCFullYear();
  const rows = await queryE2e<{ titleZh: string; startsAt: number; endsAt: number; id: number }>(
    `select id, title_zh as "titleZh", starts_at as "startsAt", ends_at as "endsAt" from events
     where province_code = '440000' and starts_at >= ? and starts_at < ?`,
    [Date.UTC(year - 1, 11, 31, 16), Date.UTC(year, 11, 31, 16)],
  );
  const ahead = rows.filter((r) => r.endsAt > now).sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  const past = rows.filter((r) => r.endsAt <= now).sort((a, b) => b.startsAt - a.startsAt || b.id - a.id);
  return [...ahead, ...past].map((r) => r.titleZh);
}

test.describe('staff pages on a phone @phone', () => {
  test('the demo operator finds the event of the day with its doors open and can tick people in', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/checkin');
    const open = page.getByRole('region', { name: '正在签到' });
    await open.getByRole('link', { name: /广州·3G手游大赛·城市赛/ }).click();
    await expect(page.getByTestId('checkin-connection')).toHaveText('在线');
    await expect(page.getByTestId('checkin-notice')).toHaveCount(0);
    const roster = page.getByRole('list', { name: '签到名单' });
    await expect(roster.getByRole('button', { name: '签到', exact: true }).first()).toBeEnabled();
    await expect(roster.getByTestId('checkin-opens-at')).toHaveCount(0);
    await fits(page);
    await attachScreenshot(page, 'staff-door-demo-open-zh.png');
  });

  test('the door keeps its check-in buttons disabled until the doors open, and says when', async ({ page, browser, baseURL }) => {
    test.slow();
    const { eventId, opensAt } = await doorsShutEvent(browser, baseURL, `E2E未开门 ${Date.now()}`);
    const { day, time } = beijingDayAndTime(opensAt);
    await signInAs(page, 'operator');
    await page.goto(`/ops/checkin/${eventId}`);
    await expect(page.getByTestId('checkin-notice')).toContainText(time);
    const row = page.getByRole('list', { name: '签到名单' }).getByTestId('roster-entry').filter({ hasText: ACCOUNTS.member.name });
    await expect(row.getByRole('button', { name: '签到', exact: true })).toBeDisabled();
    await expect(row.getByTestId('checkin-opens-at')).toHaveText(`${day} ${time} 开始签到`);
    // Typing a short code would only be refused too; the roster's search still finds people by name or number.
    await expect(page.getByRole('form', { name: '输入短码或手机尾号' }).getByRole('button', { name: '签到', exact: true })).toBeDisabled();
    await fits(page);
    await attachScreenshot(page, 'staff-checkin-before-doors-zh.png');
  });

  test('the event list puts upcoming events first, each with its status', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/events');
    const cards = page.getByTestId('event-card');
    await expect(cards.first()).toBeVisible();
    expect((await cards.getByRole('link').allTextContents()).slice(0, 6)).toEqual((await expectedEventOrder()).slice(0, 6));
    await expect(cards.first().getByText('已发布')).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    await fits(page);
    await attachScreenshot(page, 'staff-ops-events-zh.png');
  });

  test('members and a customer record keep their key columns at 390 px', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/members/music');
    const table = page.getByRole('table');
    for (const header of ['姓名', '手机号码', '客户状态']) await expect(table.getByRole('columnheader', { name: header })).toBeVisible();
    for (const header of ['客户类型', '加入']) await expect(table.getByRole('columnheader', { name: header, exact: true })).toBeHidden();
    await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText(/^1\d{10}$/);
    await fits(page);
    await attachScreenshot(page, 'staff-club-members-zh.png');

    const [chen] = await queryE2e<{ id: number }>(`select id from customers where mobile = ?`, [ACCOUNTS.member.login]);
    await page.goto(`/ops/customers/${chen!.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ACCOUNTS.member.name);
    await fits(page);
    await attachScreenshot(page, 'staff-customer-record-zh.png');
  });

  test('admins land on an overview; staff accounts are cards; no developer commands on the pages', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理概览');
    const places = page.getByTestId('admin-place');
    await expect(places.getByRole('heading')).toHaveText(['员工账号', '接口令牌', '审计日志', '设置']);
    await expect(places.filter({ hasText: '员工账号' })).toContainText(/\d+个启用 · \d+个停用/);
    await expect(places.filter({ hasText: '设置' })).toContainText('音乐俱乐部每年至少3场');
    await fits(page);
    await attachScreenshot(page, 'staff-admin-overview-zh.png');

    await places.getByRole('link', { name: '员工账号' }).click();
    await expect(page).toHaveURL(/\/admin\/staff$/);
    const card = page.getByTestId('staff-card').filter({ hasText: 'gd.operator' });
    await expect(card).toContainText('广东运营 陈志强');
    await expect(card).toContainText('俱乐部运营');
    await expect(card).toContainText('已启用');
    await expect(card.getByRole('button', { name: '修改' })).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    await expect(page.getByText('npm run')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '审计日志' }).last()).toHaveAttribute('href', '/admin/audit');
    await fits(page);
    await attachScreenshot(page, 'staff-admin-staff-zh.png');

    await page.goto('/admin/tokens');
    await expect(page.getByText('npm run')).toHaveCount(0);
  });

  test('the statistics page has an index of its sections that fits a phone', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats');
    const index = page.getByRole('navigation', { name: '本页目录' });
    await expect(index.getByRole('link')).toHaveText(['统计摘要', '按月趋势', '按俱乐部', '按省份', '按客户类型', '按报名渠道', '到场人数最多的10场活动', '评分最高的10场活动', '报名明细', '统计口径', '手机俱乐部服务', '投诉处理', '营业厅服务水平', '全国联保维修', 'VIP按时回访率']);
    const box = await index.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await attachScreenshot(page, 'staff-stats-index-zh.png');
    await index.getByRole('link', { name: '按客户类型' }).click();
    await expect(page).toHaveURL(/#section-segment$/);
    await expect(page.getByRole('heading', { name: '按客户类型', exact: true })).toBeInViewport();
  });
});

test.describe('staff pages on a phone in English @phone', () => {
  test.use({ locale: 'en-US' });

  test('operators and admins read the same phone pages in English', async ({ page, browser, baseURL }) => {
    test.slow();
    const { eventId } = await doorsShutEvent(browser, baseURL, `E2E closed door ${Date.now()}`);
    await signInAs(page, 'operator');
    await page.goto(`/ops/checkin/${eventId}`);
    const row = page.getByRole('list', { name: 'Guest list' }).getByTestId('roster-entry').filter({ hasText: ACCOUNTS.member.name });
    await expect(row.getByRole('button', { name: 'Check in', exact: true })).toBeDisabled();
    await expect(row.getByTestId('checkin-opens-at')).toHaveText(/^Opens /);
    await fits(page);
    await attachScreenshot(page, 'staff-checkin-before-doors-en.png');

    await page.goto('/ops/events');
    await expect(page.getByTestId('event-card').first().getByText('Published')).toBeVisible();
    await fits(page);
    await attachScreenshot(page, 'staff-ops-events-en.png');

    await page.context().clearCookies();
    await signInAs(page, 'admin');
    await page.goto('/');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByTestId('admin-place').getByRole('heading')).toHaveText(['Staff accounts', 'API tokens', 'Audit log', 'Settings']);
    await fits(page);
    await attachScreenshot(page, 'staff-admin-overview-en.png');

    await page.goto('/stats');
    await expect(page.getByRole('navigation', { name: 'On this page' }).getByRole('link').first()).toBeVisible();
    await attachScreenshot(page, 'staff-stats-index-en.png');
  });
});
