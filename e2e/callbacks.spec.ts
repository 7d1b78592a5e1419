import type { Locator, Page } from '@playwright/test';
import { withE2eDatabase } from './db';
import { openNow, publishEvent } from './events';
import { expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

// The demo seeds the quarter's periodic VIP callbacks in every state (db/seed/demo-callbacks.ts):
// Guangdong's hotline has due and overdue ones no other spec works, and gd.manager's VIP 陈思远 has
// one due today. Each test takes tasks of its own and checks what it recorded.

const MANAGER_VIP = '陈思远';

const callbackIdOf = async (task: Locator) => Number(await task.locator('input[name="callbackId"]').inputValue());

/** Test-only: brings a retry's next attempt to now. The server reads the real clock, so "24 hours later" is reached by moving the task. */
function retryNow(callbackId: number) {
  withE2eDatabase((db) => db.prepare('update callbacks set next_attempt_at = ? where id = ?').run(Date.now() - 60_000, callbackId));
}

function taskState(callbackId: number) {
  return withE2eDatabase((db) => db.prepare('select status, attempts, next_attempt_at as nextAttemptAt, opinion from callbacks where id = ?').get(callbackId)) as { status: string; attempts: number; nextAttemptAt: number | null; opinion: string | null };
}

/** The queue's first periodic task not tried yet, of someone other than the account manager's VIP (theirs until overdue). */
async function hotlineTask(page: Page, periodic: string) {
  // The kind is read from the task's details: its recent activity may name a periodic callback too.
  const task = page
    .getByTestId('callback-task')
    .filter({ has: page.getByRole('definition').filter({ hasText: periodic }) })
    .filter({ hasNotText: MANAGER_VIP })
    .filter({ hasNotText: '次未联系上' })
    .first();
  await expect(task).toBeVisible();
  return { task, id: await callbackIdOf(task), name: (await task.getByRole('heading', { level: 2 }).textContent())!.split(' ')[0]! };
}

test.describe('VIP callbacks and account managers', () => {
  test('the hotline works the queue on a phone: not reached, the retry, then reached with a follow-up complaint @phone', async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, 'operator');
    await page.goto('/ops/callbacks');
    await expect(page.getByRole('heading', { name: 'VIP回访', level: 1 })).toBeVisible();
    const { task, id, name } = await hotlineTask(page, '定期回访');
    // Before calling: the customer's recent activity and their record.
    await expect(task.getByRole('region', { name: `${name}的近期动态` })).toBeVisible();
    await expect(task.getByRole('link', { name: '查看客户资料' })).toHaveAttribute('href', /\/ops\/customers\/\d+$/);
    expect(await overflowX(page)).toBe(0);

    await task.getByRole('radio', { name: '未联系上' }).check();
    await task.getByRole('button', { name: '记录回访' }).click();
    await expect(page.getByTestId('callback-recorded')).toContainText(`已记录对${name}的回访：未联系上，将于`);
    await expect(page.locator(`input[name="callbackId"][value="${id}"]`)).toHaveCount(0);
    expect(taskState(id)).toMatchObject({ status: 'open', attempts: 1 });
    expect(taskState(id).nextAttemptAt).toBeGreaterThan(Date.now() + 23 * 60 * 60_000);

    // A day later the retry is back in the queue, with the failed attempt on it.
    retryNow(id);
    await page.goto('/ops/callbacks');
    const retry = page.getByTestId('callback-task').filter({ has: page.locator(`input[name="callbackId"][value="${id}"]`) });
    await expect(retry).toContainText('1次未联系上');
    const opinion = `地下车库没有信号，希望尽快解决 ${Date.now()}`;
    await retry.getByRole('radio', { name: '已联系上' }).check();
    await retry.getByLabel(/^会员意见/).fill(opinion);
    await retry.getByRole('radio', { name: '客户有投诉，需要跟进' }).check();
    await retry.getByLabel('投诉类别').selectOption({ label: '网络信号' });
    await retry.getByLabel('投诉内容（客户原话）').fill('家里地下车库完全没有3G信号，打电话经常断。');
    expect(await overflowX(page)).toBe(0);
    await retry.getByRole('button', { name: '记录回访' }).click();
    await expect(page.getByTestId('callback-recorded')).toHaveText(`已记录对${name}的回访：已联系上。 客户的投诉已转为投诉单。`);
    expect(taskState(id)).toMatchObject({ status: 'reached', attempts: 2, opinion });

    await page.getByRole('link', { name: '已完成' }).click();
    const row = page.getByTestId('callback-done').filter({ hasText: opinion });
    await expect(row).toContainText('定期回访');
    await row.getByRole('link', { name }).click();
    const timeline = page.getByTestId('timeline');
    await expect(timeline).toContainText('VIP定期回访：已联系上');
    await expect(timeline).toContainText('VIP定期回访：未联系上');
    await expect(timeline).toContainText('投诉：已提交');
    await expect(page.getByTestId('customer-complaint').filter({ hasText: '家里地下车库完全没有3G信号' })).toContainText('网络信号');
  });

  test('an account manager registers their own VIP for an event, through the channel the VIP asked by', async ({ page, browser, baseURL }) => {
    const title = `E2E客户经理报名 ${Date.now()}`;
    await publishEvent(browser, baseURL, openNow(title, 20));
    await signInAs(page, OTHER_ACCOUNTS.accountManager);
    await page.goto('/ops/my-vips');
    await expect(page.getByRole('heading', { name: '我的VIP客户', level: 1 })).toBeVisible();
    const vips = page.getByTestId('my-vip');
    await expect(vips).toHaveCount(4);
    const chen = vips.filter({ hasText: MANAGER_VIP });
    await expect(chen.getByRole('region', { name: `${MANAGER_VIP}的待回访` })).toContainText('定期回访');
    const form = chen.getByRole('form', { name: '代客户报名' });
    const event = form.getByLabel('活动', { exact: true });
    await event.selectOption((await event.locator('option', { hasText: title }).getAttribute('value'))!);
    await form.getByLabel('报名渠道').selectOption({ label: '10010热线' });
    await form.getByRole('button', { name: '代为报名' }).click();
    await expect(chen.getByTestId('staff-register-message-ok')).toHaveText('已为客户报名。');
    await page.reload();
    await expect(page.getByTestId('my-vip').filter({ hasText: MANAGER_VIP }).getByTestId('my-vip-ticket').filter({ hasText: title })).toBeVisible();
    const registration = withE2eDatabase((db) =>
      db
        .prepare('select r.channel, s.username from registrations r join events e on e.id = r.event_id join customers c on c.id = r.customer_id join staff s on s.id = r.created_by_staff_id where e.title_zh = ? and c.name = ?')
        .get(title, MANAGER_VIP),
    );
    expect(registration).toEqual({ channel: 'hotline', username: 'gd.manager' });
  });

  test('an account manager books phone cleaning for their VIP on a phone, through the hall @phone', async ({ page }, testInfo) => {
    await signInAs(page, OTHER_ACCOUNTS.accountManager);
    await page.goto('/ops/my-vips');
    const chen = page.getByTestId('my-vip').filter({ hasText: MANAGER_VIP });
    const form = chen.getByRole('form', { name: '预约手机服务' });
    const slot = form.getByLabel('服务时段');
    // The furthest cleaning slot: no other spec books 陈思远 that far ahead.
    const option = slot.locator('option', { hasText: '手机清洗' }).last();
    const label = (await option.textContent())!;
    expect(label).toMatch(/^手机清洗 · .+ · 中国联通.+ · 100积分 · 剩余\d+席$/);
    const slotId = (await option.getAttribute('value'))!;
    await slot.selectOption(slotId);
    await form.getByLabel('客户通过的渠道').selectOption({ label: '营业厅' });
    await form.getByRole('button', { name: '预约', exact: true }).click();
    await expect(chen.getByTestId('vip-book-message-ok')).toHaveText('已为客户预约，客户会收到确认短信。');
    expect(await overflowX(page)).toBeLessThanOrEqual(1);
    await testInfo.attach('25-manager-books-zh.png', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    const booking = withE2eDatabase((db) =>
      db
        .prepare(
          `select b.status, b.points_paid as points, s.username, a.channel from service_bookings b join customers c on c.id = b.customer_id join staff s on s.id = b.created_by_staff_id
           join activities a on a.ref_type = 'service_booking' and a.ref_id = b.id and a.kind = 'service_booked' where c.name = ? and b.slot_id = ?`,
        )
        .get(MANAGER_VIP, Number(slotId)),
    );
    expect(booking).toEqual({ status: 'requested', points: 100, username: 'gd.manager', channel: 'hall' });
    // The same slot again is refused, and says why.
    await slot.selectOption(slotId);
    await form.getByLabel('客户通过的渠道').selectOption({ label: '营业厅' });
    await form.getByRole('button', { name: '预约', exact: true }).click();
    await expect(chen.getByTestId('vip-book-message')).toContainText('已预约');
  });

  test('an account manager in English gets their VIP\'s callback first and records it declined', async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, 'operator');
    await page.goto('/ops/callbacks');
    await expect(page.getByTestId('callback-task').filter({ hasText: 'Periodic callback' }).filter({ hasText: MANAGER_VIP })).toHaveCount(0);

    await signInAs(page, OTHER_ACCOUNTS.accountManager);
    await page.goto('/ops/callbacks');
    await expect(page.getByRole('heading', { name: 'VIP callbacks', level: 1 })).toBeVisible();
    const task = page.getByTestId('callback-task').filter({ hasText: MANAGER_VIP });
    await expect(task).toContainText('Periodic callback');
    await expect(task.getByRole('link', { name: 'Customer record' })).toHaveCount(0);
    await task.getByRole('radio', { name: 'Declined' }).check();
    await task.getByLabel(/^What the member said/).fill('Busy this month, call next quarter.');
    await task.getByRole('button', { name: 'Record callback' }).click();
    await expect(page.getByTestId('callback-recorded')).toHaveText(`Callback to ${MANAGER_VIP} recorded: Declined.`);
    await page.getByRole('link', { name: 'Done' }).click();
    await expect(page.getByTestId('callback-done').filter({ hasText: 'Busy this month, call next quarter.' })).toContainText('Declined');
  });
});
