import { randomInt } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { queryE2e } from './db';
import { ACCOUNTS, expect, overflowX, signInAs, test } from './fixtures';

// Handset services booked for a customer at the hall desk or on the 10010 hotline, from the
// customer record (issue 26, item 5). Each test seeds its own Guangdong customer (signing in with
// the demo password, whose hash it borrows) and, for the loan, its own loaner phone, so that the
// demo's members and phones stay as the other specs expect them. (queryE2e reads rows: each insert returns its id.)

const TIANHE = '中国联通广州天河营业厅';

/** A new Guangdong customer: a handset club member of the segment given, with points to pay in. */
async function seedCustomer(segment: 'postpaid' | 'postpaid_vip', name: string) {
  const mobile = `186${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const now = Date.now();
  const [row] = await queryE2e<{ id: number }>(
    `insert into customers (mobile, name, segment, province_code, password_hash, created_at)
     select ?, ?, ?, '440000', password_hash, ? from customers where mobile = ? returning id`,
    [mobile, name, segment, now, ACCOUNTS.member.login],
  );
  const joinedAt = now - 30 * 86_400_000;
  await queryE2e(`insert into memberships (customer_id, club_code, province_code, joined_at, join_channel, created_at) values (?, 'handset', '440000', ?, 'hall', ?) returning id`, [row!.id, joinedAt, joinedAt]);
  await queryE2e(`insert into points_ledger (customer_id, delta, reason, created_at) values (?, 3000, 'grant', ?) returning id`, [row!.id, now]);
  return { id: row!.id, mobile };
}

/** A loaner phone on the 天河 hall's shelf, known to this test only. */
async function seedLoaner(model: string) {
  const imei = `86${String(randomInt(0, 1e13)).padStart(13, '0')}`;
  await queryE2e(
    `insert into loaner_phones (province_code, hall_id, hall, model, imei, condition, status, created_at)
     select '440000', id, name_zh, ?, ?, '良好', 'available', ? from halls where province_code = '440000' and name_zh = ? returning id`,
    [model, imei, Date.now(), TIANHE],
  );
}

/** Picks the first option of a select whose text contains `text`. */
async function chooseContaining(select: Locator, text: string | RegExp) {
  const value = await select.locator('option').filter({ hasText: text }).first().getAttribute('value');
  expect(value, `an option with ${text}`).toBeTruthy();
  await select.selectOption(value!);
}

const deskSection = (page: Page, title: string) => page.getByRole('region', { name: title });

test.describe('services at the desk and on the hotline', () => {
  test('an operator books an on-site repair and a loaner for a hotline caller, who then sees it on their page @phone', async ({ page }) => {
    const caller = await seedCustomer('postpaid_vip', '何志明');
    const model = `中兴 U880 热线备机${randomInt(100, 999)}`;
    await seedLoaner(model);

    await signInAs(page, 'operator');
    await page.goto(`/ops/customers/${caller.id}`);
    const desk = deskSection(page, '手机服务代办（营业厅、10010）');
    await expect(desk).toBeVisible();

    const book = desk.getByRole('form', { name: '预约服务时段' });
    await chooseContaining(book.getByLabel('服务时段'), '上门维修');
    await book.getByLabel('客户通过的渠道').selectOption({ label: '10010热线' });
    // An on-site repair needs the address: refused in words, nothing booked.
    await book.getByRole('button', { name: '预约' }).click();
    await expect(book.getByRole('alert')).toContainText('上门维修请填写地址。');
    await chooseContaining(book.getByLabel('服务时段'), '上门维修');
    await book.getByLabel('客户通过的渠道').selectOption({ label: '10010热线' });
    await book.getByLabel('上门地址（上门维修必填）').fill('广州市天河区体育西路101号');
    await book.getByRole('button', { name: '预约' }).click();
    await expect(book.getByRole('status')).toHaveText('已为客户预约，客户会收到与自助预约相同的短信和站内消息。');
    const booking = desk.getByTestId('desk-booking').filter({ hasText: '上门维修' });
    await expect(booking).toHaveCount(1);
    await expect(booking).toContainText('广州市天河区体育西路101号');
    await expect(booking).toContainText('10010热线');
    // On the customer's record: through the hotline, by the operator who booked.
    await expect(page.getByTestId('timeline').getByRole('listitem').filter({ hasText: '10010热线 · 经办：广东运营 陈志强' }).first()).toBeVisible();

    const lend = desk.getByRole('form', { name: '借出备用机' });
    await chooseContaining(lend.getByLabel('维修预约'), '上门维修');
    await chooseContaining(lend.getByLabel('备用机'), model);
    await lend.getByLabel('客户通过的渠道').selectOption({ label: '10010热线' });
    await lend.getByRole('button', { name: '借出' }).click();
    await expect(lend.getByRole('status')).toHaveText('备用机已借出，已记入客户资料。');
    await expect(booking).toContainText(`已借备用机：${model}`);
    // The open repair has its loaner now: nothing more to lend against.
    await expect(desk.getByText('客户没有进行中的维修预约：请先预约维修，再借出备用机。')).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);

    // The caller signs in and finds the booking among their own.
    await page.context().clearCookies();
    await signInAs(page, { kind: 'member', login: caller.mobile });
    await page.goto('/services');
    const mine = page.getByTestId('my-booking').filter({ hasText: '广州市天河区体育西路101号' });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText('上门维修');
    await expect(mine.getByTestId('booking-status')).toHaveText('待确认');
  });

  test('in English, the desk says beforehand what the rules refuse and applies for a trial for a caller', async ({ page, baseURL }) => {
    const caller = await seedCustomer('postpaid', 'Desk caller');
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, 'operator');
    await page.goto(`/ops/customers/${caller.id}`);
    const desk = deskSection(page, 'Handset services at the desk and on the 10010 hotline');

    // Slots whose booking has not opened are not offered, and the page says when they open.
    await expect(desk.getByTestId('desk-refused-slots')).toContainText('Booking has not opened yet; it opens on');
    const trial = desk.getByRole('form', { name: 'Apply for a handset or service trial' });
    await chooseContaining(trial.getByLabel('Trial'), '3G video calls: first try');
    await trial.getByLabel('Channel the customer came through').selectOption({ label: '10010 hotline' });
    await trial.getByRole('button', { name: 'Apply' }).click();
    await expect(trial.getByRole('status')).toHaveText('Applied for the customer; it is on their record.');
    // Applied once: the trial now says so instead of being offered again.
    await expect(desk.getByText('3G video calls: first try: You have already applied for this trial.')).toBeVisible();

    const book = desk.getByRole('form', { name: 'Book a service slot' });
    await chooseContaining(book.getByLabel('Slot'), 'Phone cleaning');
    await book.getByLabel('Channel the customer came through').selectOption({ label: 'Service hall' });
    await book.getByRole('button', { name: 'Book' }).click();
    await expect(book.getByRole('status')).toContainText('Booked for the customer');
    await expect(desk.getByTestId('desk-booking').filter({ hasText: 'Phone cleaning' })).toContainText('Service hall');
  });
});
