import type { Locator, Page } from '@playwright/test';
import { withE2eDatabase } from './db';
import { expect, overflowX, signInAs, test } from './fixtures';

// The operators' side of the handset club services, on the demo seed (db/seed/demo-services.ts):
// today's queue at the 天河 hall holds two repairs (one with a loaner out) and a cleaning to
// confirm; 华为 U8800 is an available loaner there, 中兴 V880 is lent and HTC Desire S overdue.
// Each test leaves the state it found, or works on seeded things no other test uses.

const TIANHE = '中国联通广州天河营业厅';
const HUAQIANGBEI = '中国联通深圳华强北3G旗舰店';
const U8800 = '华为 U8800（IMEI 867530010000011）';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar day of an instant, as YYYY-MM-DD. */
const beijingDay = (instant: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
/** A Beijing calendar day, `offset` days from today. */
const beijingDate = (offset = 0) => beijingDay(Date.now() + offset * DAY_MS);

const LEND_FORM = /^借出备机：/;

/**
 * A day counted from the one the demo seed made today (that of the repair in progress with a loaner
 * out at 天河): the server seeds when it starts, and a run may cross midnight in Beijing before
 * these tests open the queue.
 */
function seededDay(offset = 0): string {
  const { startsAt } = withE2eDatabase(
    (db) =>
      db
        .prepare(
          `select s.starts_at as startsAt from service_bookings b join service_slots s on s.id = b.slot_id
           join loaner_loans l on l.booking_id = b.id and l.returned_at is null
           where b.status = 'in_progress' and s.place = ? order by s.starts_at desc limit 1`,
        )
        .get(TIANHE) as { startsAt: number },
  );
  return beijingDay(startsAt + offset * DAY_MS);
}

const seededQueue = () => `/ops/services?day=${seededDay()}`;

/** The name of a card found by its contents: its heading (time, service and customer), which stays when its status changes. */
const cardName = async (found: Locator) => (await found.getByRole('heading').first().textContent())!.trim();

/** A card found by its contents, then pinned by its name. */
async function pinCard(page: Page, found: Locator): Promise<Locator> {
  return page.getByRole('article', { name: await cardName(found), exact: true });
}

test.describe('handset services: the operators’ side', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, 'operator');
  });

  test('an operator lends the available 华为 U8800 to a repair and takes it back; a lent phone is not offered and cannot be lent twice', async ({ page, context }) => {
    await page.goto(seededQueue());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务预约队列');
    // The confirmed repair without a loaner (the one in progress has one).
    const name = await cardName(page.getByRole('article').filter({ has: page.getByRole('form', { name: LEND_FORM }) }).first());
    const card = page.getByRole('article', { name, exact: true });
    const lendForm = card.getByRole('form', { name: LEND_FORM });
    await expect(card).toContainText('已确认');
    await expect(card).toContainText('预约维修');
    await expect(card).toContainText(TIANHE);

    // Only phones free now are offered, those of the booking's own hall first.
    const offered = (await lendForm.locator('option:not([disabled])').allTextContents()).map((o) => o.trim());
    expect(offered).toEqual([`${U8800}· ${TIANHE}`, `摩托罗拉 XT800（IMEI 355310040000042）· ${TIANHE}`, `iPhone 4（IMEI 012345670000058）· ${HUAQIANGBEI}`]);
    expect(offered.join()).not.toContain('中兴 V880');
    expect(offered.join()).not.toContain('HTC Desire S');

    // A second screen still offers the phone after it is lent here: the server refuses it.
    const other = await context.newPage();
    await other.goto(seededQueue());
    const staleForm = other.getByRole('article', { name, exact: true }).getByRole('form', { name: LEND_FORM });
    await staleForm.getByLabel('备机').selectOption({ label: `${U8800}· ${TIANHE}` });

    await lendForm.getByLabel('备机').selectOption({ label: `${U8800}· ${TIANHE}` });
    await expect(lendForm.getByLabel('归还日期')).toHaveValue(beijingDate(7));
    await lendForm.getByRole('button', { name: '借出' }).click();
    await expect(card).toContainText(`已借备机${U8800}`);
    await expect(card.getByRole('form', { name: LEND_FORM })).toHaveCount(0);

    await staleForm.getByRole('button', { name: '借出' }).click();
    await expect(staleForm.getByRole('alert')).toHaveText('该备机已借出，尚未归还。');
    await other.close();

    await page.getByRole('link', { name: '备机', exact: true }).click();
    await expect(page).toHaveURL(/\/ops\/services\/loaners$/);
    const phone = page.getByRole('region', { name: TIANHE }).getByRole('article', { name: U8800 });
    await expect(phone).toContainText('已借出');
    await phone.getByLabel('归还时机况').fill('良好，背壳轻微划痕');
    await phone.getByRole('button', { name: '收回备机' }).click();
    await expect(phone).toContainText('可借');
    await expect(phone).toContainText('良好，背壳轻微划痕');
    await expect(phone.getByRole('button', { name: '收回备机' })).toHaveCount(0);

    // The repair can have a loaner again; the customer's record has the loan and its return.
    await page.goto(seededQueue());
    await expect(card.getByRole('form', { name: LEND_FORM })).toBeVisible();
    await card.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/ops\/customers\/\d+$/);
    await expect(page.getByText('备机 华为 U8800：已借出').first()).toBeVisible();
    await expect(page.getByText('备机 华为 U8800：已归还').first()).toBeVisible();
  });

  test('the requested cleaning is confirmed, started and completed with notes', async ({ page }) => {
    await page.goto(seededQueue());
    const card = await pinCard(page, page.getByRole('article').filter({ hasText: '手机清洗' }).filter({ hasText: '待确认' }).first());
    await card.getByRole('button', { name: '确认预约' }).click();
    await expect(card).toContainText('已确认');
    await card.getByRole('button', { name: '开始服务' }).click();
    await expect(card).toContainText('办理中');
    await card.getByLabel(/^服务记录/).fill('屏幕、听筒网罩清洁消毒，接口除尘');
    await card.getByRole('button', { name: '完成服务' }).click();
    await expect(card).toContainText('已完成');
    await expect(card).toContainText('服务记录屏幕、听筒网罩清洁消毒，接口除尘');
    await expect(card.getByRole('button')).toHaveCount(0);

    // It lands on the customer's record.
    await card.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/ops\/customers\/\d+$/);
    await expect(page.getByText('手机服务已完成：手机清洗').first()).toBeVisible();
  });

  test('a booking is cancelled with a reason', async ({ page }) => {
    // Two days ahead the 天河 hall has a confirmed cleaning.
    await page.goto(seededQueue());
    for (const offset of [1, 2]) {
      await page.getByRole('link', { name: '后一天' }).click();
      await expect(page).toHaveURL(new RegExp(`day=${seededDay(offset)}`));
    }
    const card = await pinCard(page, page.getByRole('article').filter({ hasText: '手机清洗' }).filter({ hasText: '已确认' }).first());
    await card.getByText('取消预约…').click();
    await card.getByLabel('取消原因（会发短信告知客户）').fill('门店设备检修，已电话联系客户改约');
    await card.getByRole('button', { name: '确认取消' }).click();
    await expect(card).toContainText('已取消');
    await expect(card).toContainText('取消原因门店设备检修，已电话联系客户改约');
    await expect(card.getByRole('button')).toHaveCount(0);
  });

  test('an operator opens a slot and sees it among the coming ones', async ({ page }) => {
    await page.goto('/ops/services/slots');
    const form = page.getByRole('form', { name: '新增服务时段' });
    await form.getByLabel('服务').selectOption({ label: '手机清洗' });
    await form.getByLabel('营业厅').selectOption({ label: HUAQIANGBEI });
    await form.getByLabel('日期').fill(beijingDate(3));
    await form.getByLabel('开始时间').fill('18:00');
    await form.getByLabel('结束时间').fill('19:30');
    await form.getByLabel('名额').fill('7');
    await form.getByRole('button', { name: '创建时段' }).click();
    await expect(form.getByRole('status')).toHaveText('时段已创建。');
    const slot = page.getByRole('listitem').filter({ hasText: '已约 0/7' });
    await expect(slot).toHaveCount(1);
    await expect(slot).toContainText('手机清洗');
    await expect(slot).toContainText('18:00');
    await expect(slot).toContainText('19:30');
    await expect(slot).toContainText(HUAQIANGBEI);
  });

  test('an operator adds a hall with its English name, renames it, and opens slots there; on-site repair takes an area', async ({ page }) => {
    const name = `中国联通广州北京路营业厅${Date.now() % 100_000}`;
    await page.goto('/ops/services/halls');
    await expect(page.getByRole('article', { name: TIANHE })).toContainText('自有营业厅 · 广州 · 天河区天河路385号');
    const add = page.getByRole('form', { name: '新增营业厅' });
    // A name the province already has is refused beside its field, keeping what was typed.
    await add.getByLabel('名称（中文）').fill(TIANHE);
    await add.getByLabel('城市').fill('广州');
    await add.getByRole('button', { name: '添加营业厅' }).click();
    await expect(add.getByTestId('field-error-nameZh')).toHaveText('本省已有同名营业厅。');
    await expect(add.getByLabel('城市')).toHaveValue('广州');
    await add.getByLabel('名称（中文）').fill(name);
    await add.getByLabel('名称（英文）').fill('China Unicom Beijing Road Service Hall, Guangzhou');
    await add.getByLabel('地址').fill('越秀区北京路168号');
    await add.getByRole('button', { name: '添加营业厅' }).click();
    await expect(add.getByRole('status')).toHaveText('营业厅已添加。');
    await expect(add.getByLabel('名称（中文）')).toHaveValue('');
    const hall = page.getByRole('article', { name });
    await expect(hall).toContainText('China Unicom Beijing Road Service Hall, Guangzhou');

    // Renamed: the slots page offers it under its new name.
    await hall.getByRole('button', { name: `修改${name}` }).click();
    const edit = hall.getByRole('form', { name: `修改${name}` });
    await edit.getByLabel('名称（中文）').fill(`${name}（旗舰）`);
    await edit.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByRole('article', { name: `${name}（旗舰）` })).toBeVisible();

    await page.goto('/ops/services/slots');
    const form = page.getByRole('form', { name: '新增服务时段' });
    await form.getByLabel('服务').selectOption({ label: '预约维修' });
    await expect(form.getByLabel('营业厅').locator('option', { hasText: `${name}（旗舰）` })).toHaveCount(1);
    await form.getByLabel('服务').selectOption({ label: '上门维修' });
    await expect(form.getByLabel('营业厅')).toHaveCount(0);
    // An area used before brings its English name; a new one leaves it to the operator.
    await form.getByLabel('服务区域', { exact: true }).fill('广州市天河区、越秀区');
    await expect(form.getByLabel('服务区域（英文）')).toHaveValue('Tianhe and Yuexiu districts, Guangzhou');
    await form.getByLabel('服务区域', { exact: true }).fill('广州市越秀区');
    await expect(form.getByLabel('服务区域（英文）')).toHaveValue('');
    await form.getByLabel('服务区域（英文）').fill('Yuexiu district, Guangzhou');
    await form.getByLabel('日期').fill(beijingDate(4));
    await form.getByLabel('开始时间').fill('09:00');
    await form.getByLabel('结束时间').fill('12:00');
    await form.getByLabel('名额').fill('5');
    await form.getByRole('button', { name: '创建时段' }).click();
    await expect(form.getByRole('status')).toHaveText('时段已创建。');
    await expect(page.getByRole('listitem').filter({ hasText: '已约 0/5' }).filter({ hasText: '上门维修' })).toContainText('广州市越秀区');
    const row = withE2eDatabase((db) => db.prepare(`select place, place_en from service_slots where place = '广州市越秀区' order by id desc limit 1`).get());
    expect(row).toEqual({ place: '广州市越秀区', place_en: 'Yuexiu district, Guangzhou' });
  });

  test('a trial applicant is selected and the unit handed over', async ({ page }) => {
    await page.goto('/ops/services/trials');
    await page.getByRole('link', { name: '华为 U8800 3G新机试用' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('华为 U8800 3G新机试用');
    await expect(page.getByText('0/5台')).toBeVisible();
    const applicant = await pinCard(page, page.getByRole('article').filter({ hasText: '已申请' }).first());
    await expect(applicant).toContainText('VIP');
    await applicant.getByRole('button', { name: '选中', exact: true }).click();
    await expect(applicant).toContainText('已选中');
    await expect(page.getByText('1/5台')).toBeVisible();
    await applicant.getByRole('button', { name: '交机' }).click();
    await expect(applicant).toContainText('已交机');
    await expect(applicant).toContainText('应还时间');
    await expect(applicant.getByRole('button', { name: '收回' })).toBeVisible();
  });

  test('overdue loaners and late trial units are flagged', async ({ page }) => {
    await page.goto('/ops/services/loaners');
    const overdue = page.getByRole('region', { name: /^逾期未还的备机/ });
    const htc = overdue.getByRole('article', { name: 'HTC Desire S（IMEI 357710040000035）' });
    await expect(htc).toContainText('已逾期3天');
    await expect(overdue.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('region', { name: TIANHE }).getByRole('article', { name: '中兴 V880（IMEI 867530010000029）' })).toContainText('已借出');

    await page.goto('/ops/services/trials');
    const past = page.getByRole('article').filter({ has: page.getByRole('link', { name: '中兴 V880 3G新机试用（第一期）' }) });
    await expect(past).toContainText('2台逾期');
    await past.getByRole('link').click();
    await expect(page.getByText('逾期未还', { exact: true })).toHaveCount(1);
    await expect(page.getByText('逾期归还', { exact: true })).toHaveCount(1);
  });

  test('HQ picks a province before it sees any services', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/ops/services/loaners');
    await expect(page.getByText('总部账号请先选择一个省份')).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(0);
    await page.getByLabel('省份', { exact: true }).selectOption({ label: '广东省' });
    await page.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(/\/ops\/services\/loaners\?province=440000$/);
    await expect(page.getByRole('article', { name: U8800 })).toBeVisible();
    await page.getByRole('link', { name: '预约队列' }).click();
    await expect(page).toHaveURL(/\/ops\/services\?province=440000$/);
    await expect(page.getByRole('heading', { level: 2, name: /个预约|没有预约/ })).toBeVisible();
  });
});

test.describe('handset services on a phone @phone', () => {
  test('the booking queue, loaners and halls fit 390 px', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto(seededQueue());
    await expect(page.getByRole('article').first()).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    for (const path of ['/ops/services/loaners', '/ops/services/halls']) {
      await page.goto(path);
      await expect(page.getByRole('article').first()).toBeVisible();
      expect(await overflowX(page)).toBeLessThanOrEqual(0);
    }
  });
});
