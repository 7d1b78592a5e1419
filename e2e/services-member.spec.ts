import type { Page } from '@playwright/test';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';
import { pageAs } from './events';

/** A Beijing date `days` from today, YYYY-MM-DD. */
const beijingDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

const pointsBalance = async (page: Page) => {
  await page.goto('/points');
  return Number((await page.getByTestId('points-balance').textContent())?.replace(/[^\d]/g, ''));
};

test.describe('handset services for members', () => {
  test('a member books phone cleaning for tomorrow, pays in points, and may cancel it with a refund', async ({ page }) => {
    await signInAs(page, 'member');
    const before = await pointsBalance(page);
    await page.goto('/services');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('手机服务');
    await page.getByRole('link', { name: '选择时段：手机清洗' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约手机清洗');
    const tomorrow = page.locator(`fieldset[data-day="${beijingDate(1)}"]`);
    // The demo's slots alternate day by day between Guangdong's two service halls (counted from the
    // day the server seeded, which may be yesterday in Beijing when a run crosses midnight); each
    // slot names its hall with the address.
    const slot = tomorrow.getByTestId('slot-option').filter({ hasText: '15:00' });
    const HALLS = /中国联通广州天河营业厅(天河区天河路385号)|中国联通深圳华强北3G旗舰店(福田区华强北路1002号)/;
    await expect(slot).toContainText(HALLS);
    const [, tianhe, huaqiangbei] = (await slot.textContent())!.match(HALLS)!;
    await slot.getByRole('radio').check();
    await page.getByRole('button', { name: '确认预约（扣100积分）' }).click();

    await expect(page).toHaveURL(/\/services\?booked=\d+/);
    await expect(page.getByTestId('services-banner')).toContainText('已预约手机清洗');
    const card = page.getByTestId('my-booking').filter({ hasText: '手机清洗' });
    await expect(card.getByTestId('booking-status')).toHaveText('待确认');
    await expect(card).toContainText('已扣100积分');
    await expect(card).toContainText((tianhe ?? huaqiangbei)!);
    expect(await pointsBalance(page)).toBe(before - 100);

    // Booking the same slot twice is refused, and says why.
    await page.goto('/services');
    await page.getByRole('link', { name: '选择时段：手机清洗' }).click();
    await expect(page.locator(`fieldset[data-day="${beijingDate(1)}"]`).getByTestId('slot-option').filter({ hasText: '15:00' })).toContainText('您已预约了该时段');

    await page.goto('/services');
    await card.getByRole('button', { name: '取消预约：手机清洗' }).click();
    await card.getByRole('button', { name: '确认取消' }).click();
    await expect(page.getByTestId('services-banner')).toHaveText('已取消手机清洗预约，100积分已退回。');
    expect(await pointsBalance(page)).toBe(before);
  });

  test('a member books phone cleaning, the operator works it to done, and the member sees it on their record', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'member');
    await page.goto('/services');
    await page.getByRole('link', { name: '选择时段：手机清洗' }).click();
    await page.locator(`fieldset[data-day="${beijingDate(1)}"]`).getByTestId('slot-option').filter({ hasText: '10:00' }).getByRole('radio').check();
    await page.getByRole('button', { name: '确认预约（扣100积分）' }).click();
    await expect(page.getByTestId('services-banner')).toContainText('已预约手机清洗');

    const operator = await pageAs(browser, baseURL, ACCOUNTS.operator);
    await operator.goto(`/ops/services?day=${beijingDate(1)}`);
    const found = operator.getByRole('article').filter({ hasText: '陈思远' }).filter({ hasText: '手机清洗' }).filter({ hasText: '待确认' });
    const card = operator.getByRole('article', { name: (await found.getByRole('heading').first().textContent())!.trim(), exact: true });
    await card.getByRole('button', { name: '确认预约' }).click();
    await card.getByRole('button', { name: '开始服务' }).click();
    await card.getByLabel(/^服务记录/).fill('外壳、屏幕、听筒网罩清洁消毒完成');
    await card.getByRole('button', { name: '完成服务' }).click();
    await expect(card).toContainText('已完成');
    await operator.context().close();

    await page.goto('/services');
    const done = page.getByTestId('past-bookings').getByTestId('my-booking').filter({ hasText: '外壳、屏幕、听筒网罩清洁消毒完成' });
    await expect(done.getByTestId('booking-status')).toHaveText('已完成');
    await page.goto('/record');
    await expect(page.getByText('手机服务已完成：手机清洗').first()).toBeVisible();
    await expect(page.getByText('预约手机服务：手机清洗').first()).toBeVisible();
  });

  test('a VIP applies for a handset trial during the VIP priority window', async ({ page }) => {
    await signInAs(page, 'member');
    await page.goto('/services');
    const programme = page.getByTestId('trial-programme').filter({ hasText: '华为 U8800 3G新机试用' });
    await programme.getByRole('button', { name: '申请试用“华为 U8800 3G新机试用”' }).click();
    await expect(page.getByTestId('services-banner')).toContainText('已提交“华为 U8800 3G新机试用”试用申请');
    await expect(page.getByTestId('my-trial').filter({ hasText: '华为 U8800 3G新机试用' })).toContainText('已申请，等待审核');
    await expect(programme).toContainText('您已申请过本期试用。');
  });

  test('a prepaid member joins the handset club, waits for the VIP window to end, and cannot book on-site repair', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto('/services');
    await expect(page.getByTestId('join-handset')).toBeVisible();
    await expect(page.getByTestId('trial-programme').filter({ hasText: '华为 U8800' })).toContainText('需先加入手机俱乐部');

    await page.goto('/clubs');
    await page.getByRole('button', { name: '加入手机俱乐部' }).click();
    await expect(page.getByRole('button', { name: '退出俱乐部：手机俱乐部' })).toBeVisible();

    await page.goto('/services');
    await expect(page.getByTestId('join-handset')).toHaveCount(0);
    await expect(page.getByTestId('trial-programme').filter({ hasText: '华为 U8800' })).toContainText('VIP优先报名中，普通会员将于');
    await expect(page.getByTestId('trial-programme').filter({ hasText: '华为 U8800' }).getByRole('button')).toHaveCount(0);
    // The new-service trial is open to everyone already.
    await page.getByRole('button', { name: '申请试用“3G视频通话新业务体验”' }).click();
    await expect(page.getByTestId('my-trial').filter({ hasText: '3G视频通话新业务体验' })).toBeVisible();

    await page.getByRole('link', { name: '选择时段：上门维修' }).click();
    await expect(page.getByTestId('booking-refusal')).toHaveText('该服务不面向您的客户类型。');
  });
});

test.describe('handset services in English', () => {
  test('a member outside the handset club reads the offer and the refusal in English', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signInAs(page, OTHER_ACCOUNTS.bjMember);
    await page.goto('/services');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Handset services');
    await expect(page.getByTestId('join-handset')).toContainText('These services are for handset club members and VIPs: join the handset club first.');
    await expect(page.getByTestId('service-onsite_repair')).toContainText('For Postpaid and Postpaid VIP customers');
    await page.getByRole('link', { name: 'Choose a time for Phone cleaning' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book Phone cleaning');
    await expect(page.getByTestId('booking-refusal')).toContainText('These services are for handset club members and VIPs: join the handset club first.');
    // The halls by their English names.
    const slots = page.getByTestId('slot-option');
    await expect(slots.first()).toContainText(/China Unicom .*Beijing/);
    expect((await slots.allTextContents()).join()).not.toMatch(/营业厅|品牌店/);
    // On-site repair by the area's English name.
    await page.goto('/services');
    await page.getByRole('link', { name: 'Choose a time for On-site repair' }).click();
    await expect(slots.first()).toContainText('Xicheng and Dongcheng districts, Beijing');
    expect((await slots.allTextContents()).join()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });
});

test.describe('handset services on a phone @phone', () => {
  test('the services and booking pages fit 390 px', async ({ page }) => {
    await signInAs(page, 'member');
    for (const path of ['/services']) {
      await page.goto(path);
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
    }
    await page.getByRole('link', { name: '选择时段：预约维修' }).click();
    await expect(page.getByTestId('slot-option').first()).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });
});
