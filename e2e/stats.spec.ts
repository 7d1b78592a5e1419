import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

const beijing = (part: 'year' | 'month') => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', [part]: 'numeric' }).format(new Date()));
const currentQuarter = () => Math.ceil(beijing('month') / 3);

const numberIn = async (page: Page, metric: string) => Number((await page.getByTestId(`metric-${metric}`).locator('dd').textContent())?.replace(/[^\d]/g, ''));

/** Charts draw after hydration: once one is there, the form's period fields respond. */
const chartsDrawn = (page: Page) => expect(page.getByTestId('chart-activity').locator('svg')).toBeVisible();

const readCsv = (bytes: Buffer) => parse(bytes, { bom: true }) as string[][];

test.describe('statistics', () => {
  test('an HQ analyst filters by club and quarter and sees the numbers and charts change @smoke', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.hqAnalyst);
    await page.goto('/stats');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('参与统计');
    await chartsDrawn(page);
    const yearRegistrations = await numberIn(page, 'registrations');
    expect(yearRegistrations).toBeGreaterThan(0);
    await expect(page.getByTestId('table-club').locator('tbody tr')).toHaveCount(4);

    await page.getByLabel('俱乐部', { exact: true }).selectOption({ label: '音乐俱乐部' });
    await page.getByLabel('统计期间').selectOption('quarter');
    await page.getByLabel('季度', { exact: true }).selectOption(String(currentQuarter()));
    await page.getByRole('button', { name: '查看' }).click();

    await expect(page).toHaveURL(/\/stats\?club=music&period=quarter&/);
    const url = new URL(page.url());
    expect(url.searchParams.get('quarter')).toBe(String(currentQuarter()));
    expect(url.searchParams.get('year')).toBe(String(beijing('year')));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('table-club').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('table-club').locator('tbody tr td').first()).toHaveText('音乐俱乐部');
    expect(await numberIn(page, 'registrations')).not.toBe(yearRegistrations);
    await expect(page.getByTestId('table-trend').locator('tbody tr')).toHaveCount(3);

    await chartsDrawn(page);
    await expect(page.getByRole('img', { name: /^折线图：.*每月的报名人次和到场人数/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^柱状图：.*每月举办的活动场次和新入会人数/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^条形图：按俱乐部/ })).toBeVisible();

    // The view is in the URL: opening it again shows the same numbers.
    const quarterRegistrations = await numberIn(page, 'registrations');
    await page.goto(page.url());
    expect(await numberIn(page, 'registrations')).toBe(quarterRegistrations);
  });

  test('a provincial analyst sees their province only and cannot open another', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats');
    await expect(page.getByTestId('stats-province')).toHaveText('广东省');
    await expect(page.getByLabel('省份', { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('table-province').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('table-province').locator('tbody tr td').first()).toHaveText('广东省');

    await page.goto('/stats?period=custom&from=2026-05-01&to=2026-01-01');
    await expect(page.getByRole('alert').filter({ hasText: '统计期间无效' })).toBeVisible();
    await expect(page.getByLabel('开始日期')).toHaveValue('2026-05-01');

    const response = await page.goto('/stats?province=110000');
    expect(response?.status()).toBe(403);
    expect((await page.request.get('/stats/export/club?format=csv&province=110000')).status()).toBe(403);
    expect((await page.request.get('/stats/export/registrations?format=csv&province=110000')).status()).toBe(403);
  });

  test('the CSV and XLSX of the club table match the page @smoke', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.hqAnalyst);
    await page.goto('/stats');
    const registrations = await numberIn(page, 'registrations');
    const attendees = await numberIn(page, 'attendees');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载“按俱乐部”CSV文件' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe(`stats-club-${beijing('year')}.csv`);
    const bytes = fs.readFileSync((await csvDownload.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const [header, ...rows] = readCsv(bytes);
    expect(header).toEqual(['俱乐部', '报名人次', '到场人数', '出席率']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['影视俱乐部', '手机俱乐部', '网游俱乐部', '音乐俱乐部'].sort());
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(registrations);
    expect(rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(attendees);
    const shown = await page.getByTestId('table-club').locator('tbody tr td:first-child').allTextContents();
    expect(rows.map((r) => r[0])).toEqual(shown);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载“按俱乐部”XLSX文件' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`stats-club-${beijing('year')}.xlsx`);
    const workbook = await new Workbook().xlsx.readFile((await xlsxDownload.path())!);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const sheetRows: string[][] = [];
    sheet.eachRow((row) => {
      const [name, regs, att, rate] = (row.values as unknown[]).slice(1);
      sheetRows.push([String(name), String(regs), String(att), typeof rate === 'number' ? `${(rate * 100).toFixed(1)}%` : String(rate ?? '')]);
    });
    expect(sheetRows).toEqual([header, ...rows]);
  });

  test('the handset services are counted by service, province, hall and month, and their CSV matches the page', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats');
    const section = page.getByTestId('service-stats');
    await expect(section.getByRole('heading', { name: '手机俱乐部服务' })).toBeVisible();
    const bookings = await numberIn(page, 'serviceBookings');
    expect(bookings).toBeGreaterThan(0);
    await expect(page.getByTestId('table-services-province').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('chart-services').locator('svg')).toBeVisible();

    const csv = await page.request.get('/stats/export/services-kind?format=csv');
    const [header, ...rows] = readCsv(await csv.body());
    expect(header).toEqual(['服务项目', '预约', '已完成', '完成率']);
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(bookings);
    expect(rows.map((r) => r[0])).toContain('手机清洗');

    // By hall: the province's halls and the on-site repairs add up to the same bookings.
    const halls = page.getByTestId('table-services-hall').locator('tbody tr');
    await expect(halls.filter({ hasText: '中国联通广州天河营业厅' })).toHaveCount(1);
    await expect(halls.filter({ hasText: '上门服务（不在营业厅）' })).toHaveCount(1);
    const byHall = readCsv(await (await page.request.get('/stats/export/services-hall?format=csv')).body()).slice(1);
    expect(byHall.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(bookings);

    // Another club's view has no handset services.
    await page.goto('/stats?club=music');
    await expect(page.getByTestId('service-stats')).toHaveCount(0);
  });

  test('complaint handling is counted by topic, province, channel and month, VIPs apart, and its CSV matches the page', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats');
    const section = page.getByTestId('complaint-stats');
    await expect(section.getByRole('heading', { name: '投诉处理' })).toBeVisible();
    const [received, answered, open] = [await numberIn(page, 'complaintsReceived'), await numberIn(page, 'complaintsAnswered'), await numberIn(page, 'complaintsOpen')];
    expect(received).toBeGreaterThan(0);
    expect(answered + open).toBe(received);
    await expect(page.getByTestId('metric-complaintsMedianHoursVip').locator('dd')).toHaveText(/小时|—/);
    // The demo's complaints in each state: some answered late, some reopened, some rated.
    await expect(page.getByTestId('metric-complaintsInTimeRate').locator('dd')).toHaveText(/%/);
    expect(await numberIn(page, 'complaintsReopened')).toBeGreaterThan(0);
    expect(await numberIn(page, 'complaintsRatings')).toBeGreaterThan(0);
    await expect(page.getByTestId('table-complaints-province').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('chart-complaints').locator('svg')).toBeVisible();

    const [header, ...rows] = readCsv(await (await page.request.get('/stats/export/complaints-topic?format=csv')).body());
    expect(header).toEqual(['类别', '收到', '已答复', '待处理', '中位答复时长', '按时答复率', '重新打开', '满意度', '评价数']);
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(received);
    expect(rows.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(open);
    const pageRows = await page.getByTestId('table-complaints-topic').locator('tbody tr td:first-child').allTextContents();
    expect(rows.map((r) => r[0])).toEqual(pageRows);

    // The channel filter applies: the hotline's complaints only.
    const byChannel = readCsv(await (await page.request.get('/stats/export/complaints-channel?format=csv')).body()).slice(1);
    const hotline = Number(byChannel.find((r) => r[0] === '10010热线')?.[1]);
    expect(hotline).toBeGreaterThan(0);
    await page.goto('/stats?channel=hotline');
    expect(await numberIn(page, 'complaintsReceived')).toBe(hotline);

    // Complaints belong to no club: a club's view has none.
    await page.goto('/stats?club=music');
    await expect(page.getByTestId('complaint-stats')).toHaveCount(0);
  });

  test('the registrations export of a provincial analyst has masked identities only', async ({ page }) => {
    await signInAs(page, 'analyst');
    const csv = await page.request.get('/stats/export/registrations?format=csv');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const [header, ...rows] = readCsv(await csv.body());
    const mobile = header!.indexOf('手机号码');
    const name = header!.indexOf('姓名');
    const province = header!.indexOf('省份');
    expect(mobile).toBeGreaterThanOrEqual(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row[mobile]).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(row[name]).toMatch(/^.\*+$/u);
      expect(row[province]).toBe('广东省');
    }

    const xlsx = await page.request.get('/stats/export/registrations?format=xlsx');
    expect(xlsx.status()).toBe(200);
    const body = await xlsx.body();
    const workbook = new Workbook();
    await workbook.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    sheet.eachRow((row, n) => {
      if (n > 1) expect(String(row.getCell(mobile + 1).value)).toMatch(/^1\d{2}\*{4}\d{4}$/);
    });
  });
});

test.describe('statistics on a phone @phone', () => {
  test('the statistics page fits 390 px', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.hqAnalyst);
    await page.goto('/stats');
    await chartsDrawn(page);
    await expect(page.getByTestId('chart-province').locator('svg')).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    // Months stay on one line (the narrow column would break 2026-10 at its hyphen).
    const month = page.getByTestId('table-trend').locator('tbody td').first();
    const lines = await month.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
  });
});
