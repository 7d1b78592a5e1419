import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import type { Browser, Page } from '@playwright/test';
import { queryE2e } from './db';
import { ACCOUNTS, OTHER_ACCOUNTS, expect, overflowX, signInAs, test } from './fixtures';

const HOTLINE = { kind: 'staff', login: 'gd.hotline' } as const;

/** A staff member on a phone (390 px), in Chinese. */
async function phoneAs(browser: Browser, baseURL: string | undefined, who: Parameters<typeof signInAs>[1]): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, who);
  return page;
}

test.describe('complaint handling (首问服务制)', () => {
  test('a complaint is taken, transferred, escalated past its deadline, answered, reopened by the member, answered again, confirmed and rated @phone', async ({ page, browser, baseURL }) => {
    test.setTimeout(240_000);
    const body = `营业厅说积分退回要三天，到现在还没到账（${Date.now() % 100_000}）`;
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    await page.goto('/complaints');
    const form = page.getByRole('form', { name: '填写投诉或建议' });
    await form.getByRole('radio', { name: '投诉' }).check();
    await form.getByLabel('投诉类别').selectOption({ label: '费用和积分' });
    await form.getByLabel('问题描述').fill(body);
    await form.getByRole('button', { name: '提交' }).click();
    await expect(page.getByTestId('complaint-ok')).toBeVisible();
    const mine = page.getByTestId('my-complaint').filter({ hasText: body });
    await expect(mine).toContainText('待受理');
    expect(await overflowX(page)).toBe(0);

    // The operator takes it on their phone and owns it; then hands it to the hotline colleague, saying why.
    const operator = await phoneAs(browser, baseURL, ACCOUNTS.operator);
    await operator.goto('/ops/complaints');
    const card = operator.getByTestId('complaint').filter({ hasText: body });
    await expect(card).toContainText('尚无人受理');
    await card.getByRole('button', { name: '我来受理' }).click();
    await expect(card).toContainText('首问责任人：广东运营 陈志强');
    await card.getByText('转给同事').click();
    await card.getByLabel('转给').selectOption({ label: '广东10010 林晓燕' });
    await card.getByLabel('转办原因').fill('客户要求电话核对积分明细，转10010专席跟进');
    await card.getByRole('button', { name: '确认转办' }).click();
    await expect(card).toContainText('首问责任人：广东10010 林晓燕');
    // No longer the owner: nothing to answer or transfer here.
    await expect(card.getByLabel('答复客户')).toHaveCount(0);
    expect(await overflowX(operator)).toBe(0);
    await operator.context().close();

    // Its deadline passes unanswered: the scheduler's job (each minute) escalates it, and it joins the escalated at the head of the queue.
    await queryE2e(`update complaints set deadline_at = ? where body = ? returning id`, [Date.now() - 3 * 3600_000 - 60_000, body]);
    const hotline = await phoneAs(browser, baseURL, HOTLINE);
    const owned = hotline.getByTestId('complaint').filter({ hasText: body });
    await expect(async () => {
      await hotline.goto('/ops/complaints');
      await expect(owned).toContainText('已超时3小时 · 已升级', { timeout: 1000 });
    }).toPass({ timeout: 100_000, intervals: [5000] });
    const cards = await hotline.getByTestId('complaint').allTextContents();
    const ours = cards.findIndex((text) => text.includes(body));
    expect(cards.slice(0, ours + 1).every((text) => text.includes('已升级'))).toBe(true);
    await owned.getByLabel('答复客户').fill('已核对：100积分已于今日退回您的账户。');
    await owned.getByRole('button', { name: '发送答复' }).click();
    await expect(hotline.getByTestId('complaint').filter({ hasText: body })).toHaveCount(0);

    // The member reads the answer and who handles it, and reopens it with a reason.
    await page.reload();
    await expect(mine).toContainText('已答复');
    await expect(mine).toContainText('负责人：广东10010 林晓燕');
    await expect(mine.getByTestId('complaint-reply')).toHaveText('已核对：100积分已于今日退回您的账户。');
    await mine.getByLabel('没有解决？请说明原因').fill('只退回了50积分，还差50积分。');
    await mine.getByRole('button', { name: '重新打开' }).click();
    await expect(mine).toContainText('处理中');

    // Back in its owner's queue, marked reopened; answered again.
    await hotline.reload();
    const reopened = hotline.getByTestId('complaint').filter({ hasText: body });
    await expect(reopened).toContainText('客户重新打开');
    await reopened.getByLabel('答复客户').fill('剩余50积分已补退，请查收。');
    await reopened.getByRole('button', { name: '发送答复' }).click();
    await expect(hotline.getByTestId('complaint').filter({ hasText: body })).toHaveCount(0);
    await hotline.context().close();

    // The member confirms it solved and rates the handling; the history tells every step.
    await page.reload();
    await mine.getByRole('button', { name: '已解决，确认办结' }).click();
    await expect(mine).toContainText('已办结');
    await mine.getByText('4星', { exact: true }).click();
    await mine.getByRole('button', { name: '提交评价' }).click();
    await expect(mine).toContainText('您的评价：4星');
    await mine.getByText(/^处理记录/).click();
    const history = mine.getByTestId('complaint-history');
    await expect(history).toContainText('广东运营 陈志强受理，成为首问责任人');
    await expect(history).toContainText('广东运营 陈志强转给广东10010 林晓燕');
    await expect(history).toContainText('超过答复期限，已升级至总部');
    await expect(history).toContainText('客户重新打开');
    await expect(history).toContainText('只退回了50积分，还差50积分。');
    await expect(history).toContainText('客户评价4星');
    expect(await overflowX(page)).toBe(0);
    const [row] = await queryE2e<{ status: string; rating: number; reopen_count: number }>(`select status, rating, reopen_count from complaints where body = ?`, [body]);
    expect(row).toEqual({ status: 'closed', rating: 4, reopen_count: 1 });
    await page.goto('/messages');
    await expect(page.getByText('您关于「费用和积分」的投诉已处理：剩余50积分已补退，请查收。').first()).toBeVisible();
  });

  test('HQ reads customers’ opinions filtered, and exports them as CSV and XLSX, customers masked', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.hqAnalyst);
    await page.goto('/stats/opinions');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('客户意见');
    const filters = page.getByRole('form', { name: '筛选客户意见' });
    await filters.getByLabel('省份').selectOption({ label: '广东省' });
    await filters.getByLabel('来源').selectOption({ label: '建议' });
    await filters.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/source=suggestion/);
    const cards = page.getByTestId('opinion');
    await expect(cards.first()).toBeVisible();
    const shown = await cards.count();
    for (let i = 0; i < shown; i++) {
      await expect(cards.nth(i)).toContainText('建议');
      await expect(cards.nth(i)).toContainText('广东省');
    }
    await expect(page.getByTestId('opinions-count')).toContainText(`共${shown}条`);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出CSV' }).click()]);
    const bytes = fs.readFileSync((await csvDownload.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(bytes, { bom: true }) as string[][];
    expect(header).toEqual(['日期', '来源', '省份', '俱乐部', '类别', '评分', '客户', '手机号', '意见内容']);
    expect(rows).toHaveLength(shown);
    expect(rows.every((r) => r[1] === '建议' && r[2] === '广东省' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[0]!) && /^\d{3}\*{4}\d{4}$/.test(r[7]!))).toBe(true);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出Excel' }).click()]);
    const workbook = await new Workbook().xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('日期');
    const at = sheet.getRow(2).getCell(1).value;
    expect(at).toBeInstanceOf(Date);
    // The date cell holds Beijing wall time: the same minute as the CSV's first row.
    expect((at as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(rows[0]![0]);
    expect(sheet.rowCount).toBe(shown + 1);
  });

  test('in English, HQ sees the escalated complaints per province, and the operator’s queue puts them first', async ({ page, browser, baseURL }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, ACCOUNTS.admin);
    await page.goto('/admin');
    const panel = page.getByTestId('escalated-complaints');
    await expect(panel.getByRole('heading', { name: 'Escalated complaints' })).toBeVisible();
    await expect(panel.getByTestId('escalated-440000')).toContainText(/Guangdong.*late/);
    await panel.getByRole('link', { name: 'Guangdong' }).click();
    await expect(page).toHaveURL(/\/ops\/complaints\?province=440000/);
    await expect(page.getByTestId('complaint').first()).toContainText(/late · escalated/);

    const analyst = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const hq = await analyst.newPage();
    await analyst.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(hq, OTHER_ACCOUNTS.hqAnalyst);
    await hq.goto('/stats/compliance');
    await expect(hq.getByTestId('escalated-complaints').getByTestId('escalated-440000')).toBeVisible();
    await hq.goto('/stats/opinions');
    await expect(hq.getByRole('heading', { level: 1 })).toHaveText('Customers’ opinions');
    await expect(hq.getByTestId('opinion').first()).toBeVisible();
    await analyst.close();
  });
});
