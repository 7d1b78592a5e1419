import { withE2eDatabase } from './db';
import { ACCOUNTS, OTHER_ACCOUNTS, expect, signInAs, test } from './fixtures';
import { pageAs } from './events';

test.describe('complaints', () => {
  test('a member complains, the operator answers it after the VIPs’ ones, and the member reads the answer', async ({ page, browser, baseURL }) => {
    const body = `积分活动取消后退款一直没到账（${Date.now() % 100_000}）`;
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto('/complaints');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('投诉建议');
    const form = page.getByRole('form', { name: '填写投诉或建议' });
    // Too short: refused beside the field, keeping what was chosen and typed.
    await form.getByLabel('投诉类别').selectOption({ label: '费用和积分' });
    await form.getByLabel('问题描述').fill('没到账');
    await form.getByRole('button', { name: '提交', exact: true }).click();
    await expect(form.getByTestId('field-error-body')).toHaveText('请多写几句（至少5个字）。');
    await expect(form.getByLabel('投诉类别')).toHaveValue('billing');
    await form.getByLabel('问题描述').fill(body);
    await form.getByRole('button', { name: '提交', exact: true }).click();
    await expect(page.getByTestId('complaint-ok')).toHaveText('已提交，我们将通过短信和本页答复您。');
    await expect(form.getByLabel('问题描述')).toHaveValue('');
    const mine = page.getByTestId('my-complaint').filter({ hasText: body });
    await expect(mine).toContainText('待受理');

    // The operator's queue: escalated (overdue) complaints first, then VIPs'; the member's is answered, which takes it.
    const operator = await pageAs(browser, baseURL, ACCOUNTS.operator);
    await operator.goto('/ops/complaints');
    await expect(operator.getByRole('heading', { level: 1 })).toHaveText('客户投诉');
    const cards = operator.getByTestId('complaint');
    await expect(cards.first()).toContainText('已升级');
    await expect(cards.filter({ hasNotText: '已升级' }).first()).toContainText('VIP · 优先');
    const card = cards.filter({ hasText: body });
    await expect(card).toContainText('预付费');
    await expect(card).toContainText('李晓梅');
    await card.getByLabel('答复客户').fill('经核查，100积分已于今日补退到您的账户，给您带来不便深表歉意。');
    await card.getByRole('button', { name: '发送答复' }).click();
    await expect(operator.getByTestId('complaint').filter({ hasText: body })).toHaveCount(0);
    await operator.getByRole('link', { name: '待客户确认' }).click();
    await expect(operator.getByTestId('complaint').filter({ hasText: body })).toContainText('经核查，100积分已于今日补退到您的账户');
    await operator.context().close();

    // The member reads the answer on the page, in the messages and on their record.
    await page.reload();
    await expect(mine).toContainText('已答复');
    await expect(mine).toContainText('经核查，100积分已于今日补退到您的账户，给您带来不便深表歉意。');
    await page.goto('/messages');
    await expect(page.getByText('您关于「费用和积分」的投诉已处理：经核查，100积分已于今日补退到您的账户，给您带来不便深表歉意。').first()).toBeVisible();
    await page.goto('/record');
    await expect(page.getByTestId('timeline')).toContainText('投诉：已答复');
  });

  test('an operator takes down a complaint for a customer calling the hotline, and it joins the queue with its channel', async ({ page }) => {
    const customer = withE2eDatabase(
      (db) => db.prepare(`select id, name from customers where province_code = '440000' and status = 'active' and segment = 'postpaid' order by id desc limit 1`).get() as { id: number; name: string },
    );
    const body = `来电反映：上门维修约好下午两点，师傅没有来也没有电话（${Date.now() % 100_000}）`;
    await signInAs(page, 'operator');
    await page.goto(`/ops/customers/${customer.id}`);
    const form = page.getByRole('form', { name: '代客户登记投诉' });
    await form.getByLabel('投诉类别').selectOption({ label: '手机服务' });
    await form.getByLabel('问题描述').fill(body);
    // Without the channel the browser would not send the form: the server's refusal is what is tested.
    await form.getByLabel('受理渠道').evaluate((select) => select.removeAttribute('required'));
    await form.getByRole('button', { name: '登记投诉' }).click();
    await expect(form.getByTestId('field-error-channel')).toHaveText('请选择受理渠道。');
    await expect(form.getByLabel('问题描述')).toHaveValue(body);
    await form.getByLabel('受理渠道').selectOption({ label: '10010热线' });
    await form.getByRole('button', { name: '登记投诉' }).click();
    await expect(page.getByTestId('complaint-ok')).toHaveText('投诉已登记，已短信告知客户，并进入本省投诉队列。');
    const fact = page.getByTestId('timeline').getByRole('listitem').first();
    await expect(fact).toContainText('投诉：已提交');
    await expect(fact).toContainText('10010热线');
    const listed = page.getByTestId('customer-complaint').filter({ hasText: body });
    await expect(listed).toContainText('10010热线');
    await expect(listed).toContainText('处理中');

    await page.goto('/ops/complaints');
    const card = page.getByTestId('complaint').filter({ hasText: body });
    await expect(card).toContainText(customer.name);
    await expect(card).toContainText('受理渠道：10010热线');
    const row = withE2eDatabase((db) => db.prepare(`select channel, status from complaints where body = ?`).get(body));
    // Taken down by the operator, who owns it from then on (首问服务制).
    expect(row).toEqual({ channel: 'hotline', status: 'in_progress' });
  });

  test('an analyst has no complaints queue, and a member reads theirs in English', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'analyst');
    const refused = await page.goto('/ops/complaints');
    expect(refused?.status()).toBe(403);
    const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const member = await context.newPage();
    await signInAs(member, 'member');
    await member.goto('/complaints');
    await expect(member.getByRole('heading', { level: 1 })).toHaveText('Complaints');
    await expect(member.getByTestId('my-complaint').filter({ hasText: 'Answered' }).first()).toContainText('Handset services');
    await context.close();
  });
});

