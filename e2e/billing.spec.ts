import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';

/** The billing cycle `offset` months from now, by the default start day (the 1st, Beijing time). */
function cycleId(offset: number): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const index = year * 12 + month - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A download read back with csv-parse: header, detail records, trailer, and the details' own count and sum. */
async function readFile(download: Download) {
  const text = fs.readFileSync((await download.path())!, 'utf8');
  const records = parse(text, { relax_column_count: true }) as string[][];
  const details = records.slice(1, -1);
  return { text, header: records[0]!, details, trailer: records.at(-1)!, count: details.length, sumFen: details.reduce((sum, d) => sum + Number(d[4]), 0) };
}

/** "30 行 · ¥900.00" / "30 lines · ¥900.00" -> count and fen. */
async function totalsIn(cell: Locator) {
  const text = (await cell.innerText()).replace(/,/g, '');
  const m = /^(\d+)\D+?(-?)¥(-?)(\d+)\.(\d{2})$/.exec(text.trim());
  expect(m, text).not.toBeNull();
  const sign = m![2] || m![3] ? -1 : 1;
  return { count: Number(m![1]), sumFen: sign * (Number(m![4]) * 100 + Number(m![5])) };
}

const download = async (page: Page, link: Locator) => (await Promise.all([page.waitForEvent('download'), link.click()]))[0];

test.describe('billing reconciliation', () => {
  test('an admin reconciles last cycle with its recorded file, and a province’s first export is served again byte for byte', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/admin');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账单对账' }).click();
    const last = cycleId(-1);
    await expect(page.getByRole('heading', { name: `${last} 账期` })).toBeVisible();
    await expect(page.getByText('账期已结')).toBeVisible();

    const table = page.getByRole('region', { name: `${last} 账期各省对账` });
    const all = table.getByRole('row').filter({ hasText: '全国' });
    await expect(all.getByRole('cell').nth(5)).toHaveText('一致');
    await expect(all.getByRole('cell').nth(4)).toContainText('总部管理员');
    const net = await totalsIn(all.getByRole('cell').nth(3));
    expect(net.count).toBeGreaterThan(0);

    const national = await readFile(await download(page, all.getByRole('link', { name: '下载全国文件' })));
    expect(national.header).toEqual(['H', '1', last, 'ALL', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), 'FINAL']);
    expect(national.trailer).toEqual(['T', String(national.count), String(national.sumFen)]);
    expect({ count: national.count, sumFen: national.sumFen }).toEqual(net);
    expect(national.details.every((d) => d[0] === 'D' && /^1\d{10}$/.test(d[2]!) && /^\d{6}$/.test(d[3]!))).toBe(true);
    const reversal = national.details.find((d) => d[5] === 'REVERSAL')!;
    expect(national.details.find((d) => d[1] === reversal[6])).toMatchObject({ 5: 'CHARGE', 4: String(-Number(reversal[4])) });

    // Guangdong's file of the cycle: recorded at its first export, the same bytes at the next.
    const guangdong = table.getByRole('row').filter({ hasText: '广东' });
    const first = await readFile(await download(page, guangdong.getByRole('link', { name: /下载广东.*文件/ })));
    expect(first.header.slice(0, 4)).toEqual(['H', '1', last, '440000']);
    expect(first.details.every((d) => d[3] === '440000')).toBe(true);
    expect({ count: first.count, sumFen: first.sumFen }).toEqual(await totalsIn(guangdong.getByRole('cell').nth(3)));
    await page.reload();
    await expect(guangdong.getByRole('cell').nth(5)).toHaveText('一致');
    await expect(guangdong.getByRole('cell').nth(4)).toContainText('总部管理员');
    const again = await readFile(await download(page, guangdong.getByRole('link', { name: /下载广东.*文件/ })));
    expect(again.text).toBe(first.text);
  });

  test('in English, the open cycle is a preview whose file adds up to the page', async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, 'admin');
    await page.goto('/admin/billing');
    const current = cycleId(0);
    await page.getByRole('navigation', { name: 'Billing cycles' }).getByRole('link', { name: `${current} (open)` }).click();
    await expect(page.getByRole('heading', { name: `Cycle ${current}` })).toBeVisible();
    await expect(page.getByText('Open: preview only')).toBeVisible();
    const all = page.getByRole('region', { name: `Cycle ${current} per province` }).getByRole('row').filter({ hasText: 'All provinces' });
    await expect(all.getByRole('cell').nth(5)).toHaveText('Open, preview only');
    const net = await totalsIn(all.getByRole('cell').nth(3));
    const preview = await readFile(await download(page, all.getByRole('link', { name: 'Preview the file for All provinces' })));
    expect(preview.header).toEqual(['H', '1', current, 'ALL', expect.any(String), 'PREVIEW']);
    expect(preview.trailer).toEqual(['T', String(preview.count), String(preview.sumFen)]);
    expect({ count: preview.count, sumFen: preview.sumFen }).toEqual(net);
  });
});
