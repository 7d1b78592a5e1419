import type { Browser, Page } from '@playwright/test';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Hall visits timed against the plan's 5 and 10 minutes (四(二)1), VIPs first, on the demo seed
// (db/seed/demo-halls.ts): at 天河 three people wait and one is served at the seed's hour; 林嘉怡
// (18602003456) is a Guangdong VIP in no club. Each test serves to the end the visits it makes.

const TIANHE = '中国联通广州天河营业厅';
const HALL_VIP = { kind: 'member', login: '18602003456' } as const;

/** Today in Beijing, YYYY-MM-DD. */
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function pageOn(browser: Browser, baseURL: string | undefined, who: Parameters<typeof signInAs>[1], options: { locale?: 'en'; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: options.locale === 'en' ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
  if (options.locale) await context.addCookies([{ name: 'NEXT_LOCALE', value: options.locale, url: baseURL! }]);
  const page = await context.newPage();
  await signInAs(page, who);
  return page;
}

/** Today's hall visits in the analyst's statistics (VIPs, others), as the section's headline numbers show them. */
async function visitsToday(analyst: Page): Promise<[number, number]> {
  await analyst.goto(`/stats?period=custom&from=${beijingToday()}&to=${beijingToday()}`);
  const metric = async (key: string) => Number((await analyst.getByTestId(`metric-${key}`).locator('dd').textContent())!.replace(/[^\d]/g, ''));
  return [await metric('hallVisitsVip'), await metric('hallVisitsOthers')];
}

const waitingNames = (staff: Page) => staff.getByTestId('waiting-visit').getByRole('heading', { level: 3 }).allTextContents();

test.describe('hall visits', () => {
  test('a member scans the hall code, a VIP checked in by staff goes ahead, staff serve both and the statistics count them @phone', async ({ page, browser, baseURL }) => {
    const analyst = await pageOn(browser, baseURL, ACCOUNTS.analyst);
    const [vipsBefore, othersBefore] = await visitsToday(analyst);

    // The desk's phone shows the hall's code; the member opens what it leads to.
    const staff = await pageOn(browser, baseURL, ACCOUNTS.operator, { phone: true });
    await staff.goto('/ops/halls');
    await staff.getByRole('link', { name: `到厅二维码：${TIANHE}` }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`${TIANHE} 到厅二维码`);
    await expect(staff.getByRole('img', { name: `${TIANHE}的到厅签到二维码` })).toBeVisible();
    const codeUrl = new URL((await staff.getByTestId('hall-code-url').getAttribute('href'))!);

    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto(codeUrl.pathname + codeUrl.search);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TIANHE);
    await page.getByRole('combobox', { name: '办理业务' }).selectOption({ label: '缴费充值' });
    await page.getByRole('button', { name: '签到排队' }).click();
    await expect(page.getByTestId('my-visit')).toContainText(/您已签到，前面还有 \d+ 位/);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    // A forged code leads nowhere.
    await page.goto(`/visit?code=${encodeURIComponent(codeUrl.searchParams.get('code')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))}`);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(TIANHE);

    // The desk checks the VIP in by mobile number: she goes ahead of the member who came before her.
    await staff.getByRole('link', { name: '排队叫号', exact: true }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`${TIANHE} 排队叫号`);
    await staff.getByRole('textbox', { name: '手机号码' }).fill('186 0200 3456');
    await staff.getByRole('combobox', { name: '办理业务' }).selectOption({ label: '业务咨询' });
    await staff.getByRole('button', { name: '签到排队' }).click();
    await expect(staff.getByRole('status').filter({ hasText: '已签到，客户已进入排队。' })).toBeVisible();
    await expect(staff.getByTestId('waiting-visit').filter({ hasText: '林嘉怡' })).toContainText('工作人员签到');
    const line = await waitingNames(staff);
    expect(line.indexOf('林嘉怡')).toBeGreaterThanOrEqual(0);
    expect(line.indexOf('林嘉怡')).toBeLessThan(line.indexOf('李晓梅'));
    await expect(staff.getByTestId('waiting-visit').filter({ hasText: '李晓梅' })).toContainText(/已等 \d+ 分钟 · 扫码签到/);
    expect(await overflowX(staff)).toBeLessThanOrEqual(0);

    // Staff start and finish: the member sees each step on her phone.
    await staff.getByRole('button', { name: '开始办理：李晓梅' }).click();
    await expect(staff.getByTestId('serving-visit').filter({ hasText: '李晓梅' })).toContainText(/开始办理，已办理 \d+ 分钟/);
    await page.goto(codeUrl.pathname + codeUrl.search);
    await expect(page.getByTestId('my-visit')).toContainText('正在为您办理');
    await staff.getByRole('button', { name: '办理完毕：李晓梅' }).click();
    await expect(staff.getByTestId('serving-visit').filter({ hasText: '李晓梅' })).toHaveCount(0);
    await staff.getByRole('button', { name: '开始办理：林嘉怡' }).click();
    await staff.getByRole('button', { name: '办理完毕：林嘉怡' }).click();
    await expect(staff.getByTestId('serving-visit').filter({ hasText: '林嘉怡' })).toHaveCount(0);
    expect(await waitingNames(staff)).not.toContain('李晓梅');

    await page.goto(codeUrl.pathname + codeUrl.search);
    await expect(page.getByRole('button', { name: '签到排队' })).toBeVisible();
    await page.goto('/record');
    await expect(page.getByText(`${TIANHE}：办理完毕`).first()).toBeVisible();

    // The province's statistics count both visits today, VIPs and others apart.
    const [vipsAfter, othersAfter] = await visitsToday(analyst);
    expect(vipsAfter).toBeGreaterThanOrEqual(vipsBefore + 1);
    expect(othersAfter).toBeGreaterThanOrEqual(othersBefore + 1);
    await expect(analyst.getByRole('heading', { name: '服务水平按营业厅' })).toBeVisible();
    await expect(analyst.locator('#section-halls-hall').locator('..').getByRole('row').filter({ hasText: TIANHE }).first()).toBeVisible();
    await Promise.all([staff.context().close(), analyst.context().close()]);
  });

  test('an operator works a hall queue in English, and HQ reads the service levels', async ({ browser, baseURL }) => {
    const staff = await pageOn(browser, baseURL, ACCOUNTS.operator, { locale: 'en' });
    await staff.goto('/ops/halls');
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Hall queues');
    const foshan = 'China Unicom Zumiao Service Hall, Foshan';
    await staff.getByRole('link', { name: `Open the queue of ${foshan}` }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Queue at ${foshan}`);

    await staff.getByRole('textbox', { name: 'Mobile number' }).fill('13900000000');
    await staff.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(staff.getByTestId('field-error-mobile')).toHaveText('No customer has this mobile number.');
    await staff.getByRole('textbox', { name: 'Mobile number' }).fill('18602001234');
    await staff.getByRole('combobox', { name: 'Business' }).selectOption({ label: 'SIM or number' });
    await staff.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(staff.getByRole('status').filter({ hasText: 'Checked in: the customer is in the line.' })).toBeVisible();
    await expect(staff.getByTestId('waiting-visit').filter({ hasText: '陈思远' })).toContainText(/Arrived .+, waiting \d+ min · checked in by staff/);
    await staff.getByRole('button', { name: 'Start serving 陈思远' }).click();
    await expect(staff.getByTestId('serving-visit').filter({ hasText: '陈思远' })).toContainText('SIM or number');
    await staff.getByRole('button', { name: 'Finish serving 陈思远' }).click();
    await expect(staff.getByText('Nobody is being served.')).toBeVisible();

    await staff.getByRole('link', { name: 'Hall code', exact: true }).click();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Hall code of ${foshan}`);
    await staff.context().close();

    const hq = await pageOn(browser, baseURL, OTHER_ACCOUNTS.hqAnalyst, { locale: 'en' });
    await hq.goto(`/stats?period=custom&from=${beijingToday()}&to=${beijingToday()}`);
    const section = hq.getByTestId('hall-stats');
    await expect(section.getByRole('heading', { name: 'Service levels at the halls' })).toBeVisible();
    await expect(section.getByTestId('metric-hallVisitsVip').locator('dd')).not.toHaveText('0');
    await expect(hq.locator('#section-halls-province').locator('..').getByRole('row').filter({ hasText: 'Guangdong' }).first()).toContainText('VIPs');
    await hq.context().close();
  });

  test('a VIP in no club sees her right, applies for a trial in the VIP window and books phone cleaning', async ({ page }) => {
    await signInAs(page, HALL_VIP);
    await page.goto('/services');
    await expect(page.getByTestId('vip-right')).toHaveText('作为VIP客户，您无需加入手机俱乐部即可预约营业厅服务、申请优先试用，并享有VIP优先时段。');
    await expect(page.getByTestId('join-handset')).toHaveCount(0);
    await page.getByRole('button', { name: '申请试用“华为 U8800 3G新机试用”' }).click();
    await expect(page.getByTestId('my-trial').filter({ hasText: '华为 U8800 3G新机试用' })).toContainText('已申请，等待审核');

    await page.getByRole('link', { name: '选择时段：手机清洗' }).click();
    await expect(page.getByTestId('booking-refusal')).toHaveCount(0);
    await page.getByTestId('slot-option').getByRole('radio', { disabled: false }).first().check();
    await page.getByRole('button', { name: '确认预约（扣100积分）' }).click();
    await expect(page).toHaveURL(/\/services\?booked=\d+/);
    await expect(page.getByTestId('services-banner')).toContainText('已预约手机清洗');
  });
});
