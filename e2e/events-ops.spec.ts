import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { E2E_DATABASE, withE2eDatabase } from './db';
import { OTHER_ACCOUNTS, PASSWORD, expect, signInAs, test } from './fixtures';

const HOUR_MS = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Today's calendar date in Beijing time. */
function beijingToday() {
  const d = new Date(Date.now() + 8 * HOUR_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** A datetime-local value (Beijing time); months past December roll into the next year. */
function local(y: number, m: number, d: number, time: string) {
  const year = y + Math.floor((m - 1) / 12);
  const month = ((m - 1) % 12) + 1;
  return `${year}-${pad(month)}-${pad(d)}T${time}`;
}

/** The day of month of the first given weekday (0 = Sunday). */
function firstWeekday(y: number, m: number, weekday: number) {
  return 1 + ((weekday - new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 7) % 7);
}

/** A staff account made through the CLI, as a deployment would; a rerun on the same database finds it there. */
function ensureOperator(username: string, provinceCode: string) {
  try {
    execFileSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/user.ts', 'create', '--username', username, '--password', PASSWORD, '--role', 'operator', '--province', provinceCode],
      { env: { ...process.env, DATABASE_URL: E2E_DATABASE }, stdio: 'pipe' },
    );
  } catch (error) {
    if (!String((error as { stderr?: Buffer }).stderr).includes('username_taken')) throw error;
  }
}

/** The first year from next year on in which a province has no film events yet, so the plan starts at risk. */
function yearWithoutFilmEvents(provinceCode: string) {
  for (let year = beijingToday().y + 1; ; year++) {
    const start = Date.UTC(year, 0, 1) - 8 * HOUR_MS;
    const end = Date.UTC(year + 1, 0, 1) - 8 * HOUR_MS;
    const { n } = withE2eDatabase(
      (db) =>
        db
          .prepare(`select count(*) as n from events where province_code = ? and club_code = 'film' and starts_at >= ? and starts_at < ?`)
          .get(provinceCode, start, end) as { n: number },
    );
    if (n === 0) return year;
  }
}

async function fillDetails(page: Page, d: { club: string; kind: string; title: string; venue: string; capacity: string }) {
  await page.getByLabel('俱乐部', { exact: true }).selectOption({ label: d.club });
  await page.getByLabel('活动类型', { exact: true }).selectOption({ label: d.kind });
  await page.getByLabel('活动名称（中文）').fill(d.title);
  await page.getByLabel('活动地点', { exact: true }).fill(d.venue);
  await page.getByLabel('名额', { exact: true }).fill(d.capacity);
}

async function fillTimes(page: Page, t: { startsAt: string; endsAt: string; regOpensAt: string; regClosesAt: string }) {
  await page.getByLabel('开始时间', { exact: true }).fill(t.startsAt);
  await page.getByLabel('结束时间', { exact: true }).fill(t.endsAt);
  await page.getByLabel('开始报名', { exact: true }).fill(t.regOpensAt);
  await page.getByLabel('截止报名', { exact: true }).fill(t.regClosesAt);
}

test.describe('operators schedule events', () => {
  test.describe.configure({ mode: 'serial' });

  // Published in Guangdong's film club, open for registration now: member specs can find it by the
  // "E2E新片抢先看" prefix in the database without depending on this file.
  const premiereTitle = `E2E新片抢先看 ${Date.now()}`;
  let premiereId = 0;

  test('an operator creates a film premiere preview paid in points and publishes it', async ({ page, browser, baseURL }) => {
    const today = beijingToday();
    await signInAs(page, 'operator');
    await page.goto('/ops/events');
    await page.getByRole('main').getByRole('link', { name: '新建活动' }).first().click();
    await expect(page).toHaveURL(/\/ops\/events\/new$/);

    await fillDetails(page, { club: '影视俱乐部', kind: '新片抢先看', title: premiereTitle, venue: '广州天河城飞扬影城3号厅', capacity: '120' });
    await page.getByLabel('活动地点（英文）').fill('Hall 3, Feiyang Cinema, Teemall, Guangzhou');
    await fillTimes(page, {
      startsAt: local(today.y, today.m + 1, 15, '19:30'),
      endsAt: local(today.y, today.m + 1, 15, '21:30'),
      regOpensAt: local(today.y, today.m, today.d, '00:00'),
      regClosesAt: local(today.y, today.m + 1, 15, '12:00'),
    });
    await expect(page.getByLabel('所需积分')).toBeDisabled();
    await page.getByRole('radio', { name: '积分兑换' }).check();
    await page.getByLabel('所需积分').fill('300');
    await expect(page.getByLabel('费用（元）')).toBeDisabled();
    await page.getByRole('button', { name: '保存为草稿' }).click();

    await expect(page).toHaveURL(/\/ops\/events\/\d+$/);
    premiereId = Number(/\/ops\/events\/(\d+)$/.exec(page.url())![1]);
    await expect(page.getByRole('heading', { level: 1, name: premiereTitle })).toBeVisible();
    await expect(page.getByTestId('event-status')).toHaveText('草稿');
    await expect(page.getByTestId('event-seats')).toHaveText('0/120');
    await expect(page.getByRole('main')).toContainText('Hall 3, Feiyang Cinema, Teemall, Guangzhou');

    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect(page.getByTestId('event-status')).toHaveText('已发布');
    await expect(page.getByTestId('publish-message-ok')).toBeVisible();
    await expect(page.getByRole('button', { name: '发布', exact: true })).toHaveCount(0);

    const eventYear = today.m === 12 ? today.y + 1 : today.y;
    await page.goto(`/ops/events?year=${eventYear}&club=film`);
    const row = page.getByTestId('event-row').filter({ has: page.getByRole('link', { name: premiereTitle }) });
    await expect(row).toContainText('新片抢先看');
    await expect(row).toContainText('已发布');
    await expect(row).toContainText('300积分');

    const stored = withE2eDatabase((db) => db.prepare(`select province_code, status, price_type, price_points, venue, venue_en from events where id = ?`).get(premiereId));
    expect(stored).toEqual({
      province_code: '440000',
      status: 'published',
      price_type: 'points',
      price_points: 300,
      venue: '广州天河城飞扬影城3号厅',
      venue_en: 'Hall 3, Feiyang Cinema, Teemall, Guangzhou',
    });

    // A film member reading in English sees the venue in English, in the list and on the event's page.
    const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    try {
      const en = await context.newPage();
      await signInAs(en, 'member');
      await en.goto('/events?club=film');
      await expect(en.getByTestId(`event-${premiereId}`)).toContainText('Hall 3, Feiyang Cinema, Teemall, Guangzhou');
      await en.goto(`/events/${premiereId}`);
      await expect(en.getByRole('main')).toContainText('Hall 3, Feiyang Cinema, Teemall, Guangzhou');
      await expect(en.getByRole('main')).not.toContainText('飞扬影城');
    } finally {
      await context.close();
    }
  });

  test('an operator of another province gets 404 for that event and no form to post', async ({ page }) => {
    expect(premiereId).toBeGreaterThan(0);
    await signInAs(page, OTHER_ACCOUNTS.bjOperator);
    const response = await page.goto(`/ops/events/${premiereId}`);
    expect(response?.status()).toBe(404);
    const main = page.getByRole('main');
    await expect(main.locator('form')).toHaveCount(0);
    await expect(main.getByRole('button', { name: '发布', exact: true })).toHaveCount(0);
    await expect(main.getByRole('button', { name: '取消活动' })).toHaveCount(0);
    await expect(main.getByRole('textbox')).toHaveCount(0);
  });
});

test.describe('event validation', () => {
  test('an end before the start is refused beside the end field, and nothing is created', async ({ page }) => {
    const today = beijingToday();
    const title = `E2E校验 ${Date.now()}`;
    await signInAs(page, 'operator');
    await page.goto('/ops/events/new');
    await fillDetails(page, { club: '音乐俱乐部', kind: '音乐会员活动', title, venue: '广州大剧院小剧场', capacity: '80' });
    await fillTimes(page, {
      startsAt: local(today.y, today.m + 2, 10, '19:30'),
      endsAt: local(today.y, today.m + 2, 10, '18:00'),
      regOpensAt: local(today.y, today.m + 1, 1, '10:00'),
      regClosesAt: local(today.y, today.m + 2, 9, '12:00'),
    });
    await page.getByRole('button', { name: '保存为草稿' }).click();

    await expect(page.getByTestId('field-error-endsAt')).toHaveText('结束时间必须晚于开始时间。');
    await expect(page.getByLabel('结束时间', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('event-form-message')).toBeVisible();
    await expect(page).toHaveURL(/\/ops\/events\/new$/);
    // What the operator typed is still there to correct.
    await expect(page.getByLabel('活动名称（中文）')).toHaveValue(title);

    const { n } = withE2eDatabase((db) => db.prepare(`select count(*) as n from events where title_zh = ?`).get(title) as { n: number });
    expect(n).toBe(0);
  });
});

test.describe('series and the yearly plan', () => {
  test('a monthly film night moves the film club of a fresh province from at risk to on track', async ({ page }) => {
    ensureOperator('sn.operator', '610000');
    const year = yearWithoutFilmEvents('610000');
    await signInAs(page, { kind: 'staff', login: 'sn.operator' });

    await page.goto(`/ops/plan?year=${year}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(String(year));
    await expect(page.getByTestId('plan-status-film')).toHaveText('有风险');
    await expect(page.getByTestId('plan-warning-film')).toBeVisible();
    await expect(page.getByTestId('plan-film-required')).toHaveText('2');

    await page.goto('/ops/events/series/new');
    await fillDetails(page, { club: '影视俱乐部', kind: '影迷交流', title: `E2E观影夜 ${Date.now()}`, venue: '西安曲江影城', capacity: '60' });
    await page.getByLabel('频率', { exact: true }).selectOption({ label: '每月' });
    await page.getByLabel('第几个', { exact: true }).selectOption({ label: '第一个' });
    await page.getByLabel('星期', { exact: true }).selectOption({ label: '星期五' });
    await page.getByLabel('从此日期起').fill(`${year}-01-01`);
    await page.getByLabel('场次', { exact: true }).fill('2');
    await page.getByLabel('开始时间', { exact: true }).fill('19:30');
    await page.getByLabel('立即发布').check();
    await expect(page.getByTestId('series-preview').getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: '创建系列活动' }).click();
    await expect(page.getByTestId('series-created')).toContainText('已创建 2 场活动');

    await page.goto(`/ops/plan?year=${year}`);
    await expect(page.getByTestId('plan-status-film')).toHaveText('进度正常');
    await expect(page.getByTestId('plan-warning-film')).toHaveCount(0);
    await expect(page.getByTestId('plan-film-ahead')).toHaveText('2');
    await expect(page.getByTestId('plan-club-film').getByRole('listitem')).toHaveCount(2);
  });

  test('a quarterly handset salon on the first Saturday makes four events that are cancelled one by one', async ({ page }) => {
    const year = beijingToday().y + 1;
    const title = `E2E手机沙龙 ${Date.now()}`;
    await signInAs(page, 'operator');
    await page.goto('/ops/events');
    await page.getByRole('main').getByRole('link', { name: '新建系列活动' }).first().click();
    await expect(page).toHaveURL(/\/ops\/events\/series\/new$/);

    await fillDetails(page, { club: '手机俱乐部', kind: '手机沙龙', title, venue: '中国联通广州天河营业厅3G体验区', capacity: '40' });
    await page.getByLabel('频率', { exact: true }).selectOption({ label: '每季度' });
    await page.getByLabel('第几个', { exact: true }).selectOption({ label: '第一个' });
    await page.getByLabel('星期', { exact: true }).selectOption({ label: '星期六' });
    await page.getByLabel('从此日期起').fill(`${year}-01-01`);
    await page.getByLabel('场次', { exact: true }).fill('4');
    await page.getByLabel('开始时间', { exact: true }).fill('14:00');

    const preview = page.getByTestId('series-preview').getByRole('listitem');
    await expect(preview).toHaveCount(4);
    for (const [i, month] of [1, 4, 7, 10].entries()) {
      await expect(preview.nth(i)).toContainText(`${year}年${month}月${firstWeekday(year, month, 6)}日`);
      await expect(preview.nth(i)).toContainText('14:00');
    }

    await page.getByRole('button', { name: '创建系列活动' }).click();
    await expect(page.getByTestId('series-created')).toContainText('已创建 4 场活动');
    await page.getByTestId('series-created').getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/ops/events\\?year=${year}&club=handset$`));
    const links = page.getByRole('link', { name: title, exact: true });
    await expect(links).toHaveCount(4);

    await links.first().click();
    await expect(page.getByTestId('event-status')).toHaveText('草稿');
    await page.getByRole('button', { name: '取消活动' }).click();
    await expect(page.getByTestId('cancel-confirmation')).toBeVisible();
    await page.getByRole('button', { name: '确认取消活动' }).click();
    await expect(page.getByTestId('event-status')).toHaveText('已取消');
    await expect(page.getByTestId('event-readonly')).toBeVisible();

    await page.goto(`/ops/events?year=${year}&club=handset&status=draft`);
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(3);
  });
});
