import { randomInt } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { imeiCheckDigit } from '../lib/domain/warranty';
import { queryE2e } from './db';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// Nationwide warranty (全国联保) on the demo seed (db/seed/demo-warranty.ts): the Guangdong HTC Desire S
// below, bought a month before the seed by a Guangdong customer, has no repair until this spec serves one.

const GD_DESIRE_S = '353918045678907';

/** Today in Beijing, YYYY-MM-DD. */
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A fresh, valid IMEI (the Luhn digit computed), so that each run registers a handset of its own. */
const newImei = () => {
  const body = `35${String(randomInt(0, 1e12)).padStart(12, '0')}`;
  return `${body}${imeiCheckDigit(body)}`;
};

async function pageOn(browser: Browser, baseURL: string | undefined, who: Parameters<typeof signInAs>[1], options: { locale?: 'en'; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: options.locale === 'en' ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 } });
  if (options.locale) await context.addCookies([{ name: 'NEXT_LOCALE', value: options.locale, url: baseURL! }]);
  const page = await context.newPage();
  await signInAs(page, who);
  return page;
}

/** Today's Guangdong handsets repaired in another province, as the Guangdong analyst's warranty table shows them. */
async function soldHereServedElsewhereToday(analyst: Page): Promise<number> {
  await analyst.goto(`/stats?period=custom&from=${beijingToday()}&to=${beijingToday()}`);
  const table = analyst.getByTestId('table-warranty-province');
  await expect(table).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: '广东' });
  if ((await row.count()) === 0) return 0;
  return Number((await row.getByRole('cell').nth(3).textContent())!.replace(/[^\d]/g, ''));
}

test.describe('nationwide warranty', () => {
  test('a Beijing operator on a phone finds a Guangdong handset by IMEI and serves its repair; Guangdong counts it as served elsewhere @phone', async ({ page, browser, baseURL }) => {
    const analyst = await pageOn(browser, baseURL, ACCOUNTS.analyst);
    const before = await soldHereServedElsewhereToday(analyst);

    await signInAs(page, OTHER_ACCOUNTS.bjOperator);
    await page.goto('/ops/events');
    // The phone's compact staff menu leads there.
    const menu = page.getByTestId('nav-menu');
    await menu.locator('summary').click();
    await menu.getByRole('link', { name: '全国联保' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('全国联保');
    // A typo in the last digit is caught before anything is searched.
    await page.getByRole('textbox', { name: '按IMEI查找手机（15位）' }).fill('35391804567890 8');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page.getByRole('alert')).toContainText('IMEI末位校验位不符');
    await page.getByRole('textbox', { name: '按IMEI查找手机（15位）' }).fill('35-391804-567890-7');
    await page.getByRole('button', { name: '查找' }).click();

    // Sold in Guangdong: the buyer is a customer of another province, shown masked.
    await expect(page.getByRole('heading', { level: 2, name: 'HTC Desire S' })).toBeVisible();
    await expect(page.getByText(/^广东.* · /)).toBeVisible();
    await expect(page.getByText('保修期内', { exact: true })).toBeVisible();
    await expect(page.getByText('外省客户，部分隐去')).toBeVisible();
    await expect(page.getByText(/\d{3}\*{4}\d{4}/)).toBeVisible();

    const serve = page.getByRole('form', { name: '办理维修' });
    const hall = (await serve.getByRole('combobox', { name: '维修营业厅' }).locator('option:checked').textContent())!;
    await expect(serve.getByRole('textbox', { name: '维修费（元）' })).toHaveCount(0);
    // Its own fault text: the handset may have repairs from earlier runs on the same server.
    const fault = `出差北京期间屏幕触摸失灵（${Date.now()}）`;
    await serve.getByRole('textbox', { name: '故障描述' }).fill(fault);
    await serve.getByRole('textbox', { name: '处理情况' }).fill('更换触摸屏，测试正常。');
    await serve.getByRole('textbox', { name: '更换配件（选填）' }).fill('触摸屏');
    await serve.getByRole('button', { name: '登记保修维修' }).click();
    await expect(serve.getByRole('status')).toHaveText('维修已登记。');
    const repair = page.getByTestId('warranty-repair').filter({ hasText: fault });
    await expect(repair).toContainText(hall);
    await expect(repair).toContainText('保修维修，免费');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);

    // The buyer is told by SMS where it was repaired.
    const [sms] = await queryE2e<{ body: string }>(
      `select o.body from outbox o join warranty_handsets h on h.customer_id = o.customer_id where h.imei = '${GD_DESIRE_S}' and o.template = 'warranty_repaired' and o.channel = 'sms' order by o.id desc limit 1`,
    );
    expect(sms?.body).toContain(hall);
    expect(sms?.body).toContain('8907');

    expect(await soldHereServedElsewhereToday(analyst)).toBe(before + 1);
  });

  test('in English, a Guangdong operator registers handsets and serves a free repair and a paid one out of warranty', async ({ browser, baseURL }) => {
    const page = await pageOn(browser, baseURL, ACCOUNTS.operator, { locale: 'en' });
    await page.goto('/ops/warranty');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nationwide warranty');
    const register = page.getByRole('form', { name: 'Register a handset' });
    const imei = newImei();
    await register.getByRole('textbox', { name: 'IMEI' }).fill(imei);
    await register.getByRole('textbox', { name: 'Model' }).fill('Huawei U8800');
    await register.getByRole('button', { name: 'Register' }).click();
    await expect(register.getByRole('status')).toHaveText('Registered.');
    // The same IMEI again is refused: one record per handset.
    await register.getByRole('textbox', { name: 'IMEI' }).fill(imei);
    await register.getByRole('textbox', { name: 'Model' }).fill('Huawei U8800');
    await register.getByRole('button', { name: 'Register' }).click();
    await expect(register.getByTestId('field-error-imei')).toHaveText('This handset (IMEI) is already registered.');

    await page.goto(`/ops/warranty?imei=${imei}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Huawei U8800' })).toBeVisible();
    await expect(page.getByText('Not a 3G customer')).toBeVisible();
    await expect(page.getByText('No repair yet.')).toBeVisible();
    const serve = page.getByRole('form', { name: 'Serve a repair' });
    await serve.getByRole('textbox', { name: 'What was wrong' }).fill('Does not charge.');
    await serve.getByRole('textbox', { name: 'What was done' }).fill('Replaced the charging port.');
    await serve.getByRole('button', { name: 'Record warranty repair' }).click();
    await expect(serve.getByRole('status')).toHaveText('Repair recorded.');
    await expect(page.getByTestId('warranty-repair')).toContainText('Warranty repair, free');

    // Bought two years ago with the default year of warranty: a paid repair, with its fee.
    const old = newImei();
    const twoYearsAgo = `${Number(beijingToday().slice(0, 4)) - 2}${beijingToday().slice(4, 8)}01`;
    await page.goto('/ops/warranty');
    await register.getByRole('textbox', { name: 'IMEI' }).fill(old);
    await register.getByRole('textbox', { name: 'Model' }).fill('Samsung I909');
    await register.getByLabel('Purchase date').fill(twoYearsAgo);
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByRole('link', { name: `Open this handset (IMEI ${old})` }).click();
    await expect(page.getByText('Out of warranty', { exact: true })).toBeVisible();
    const paid = page.getByRole('form', { name: 'Serve a repair' });
    await paid.getByRole('textbox', { name: 'What was wrong' }).fill('Cracked screen.');
    await paid.getByRole('textbox', { name: 'What was done' }).fill('Replaced the screen.');
    await paid.getByRole('textbox', { name: 'Fee (yuan)' }).fill('120');
    await paid.getByRole('button', { name: 'Record paid repair' }).click();
    await expect(paid.getByRole('status')).toHaveText('Repair recorded.');
    await expect(page.getByTestId('warranty-repair')).toContainText('Paid repair out of warranty, ¥120.00');
  });
});
