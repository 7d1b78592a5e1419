import fs from 'node:fs';
import path from 'node:path';
import { withE2eDatabase } from './db';
import { expect, signInAs, test } from './fixtures';

const MIXED_FILE = path.join(process.cwd(), 'e2e', 'fixtures', 'import-mixed.csv');
const GOOD_MOBILES = ['13023450001', '13123450002', '15523450003', '18623450006', '13223450007'];
const BAD_ROWS = [
  { row: '4', column: '手机号码', code: 'invalid_mobile', reason: '手机号码不是有效的11位手机号码。' },
  { row: '6', column: '客户类型', code: 'unknown_segment', reason: '客户类型应为预付费、后付费普通或后付费VIP。' },
  { row: '7', column: '省份', code: 'unknown_province', reason: '没有这个省份：请填写六位行政区划代码或省份名称。' },
  { row: '10', column: '手机号码', code: 'duplicate_mobile', reason: '与第 3 行的手机号码重复，本行未导入。' },
];

test.describe('customer import', () => {
  test('an import with mixed good and bad rows reports the bad ones and imports the good ones', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    await expect(page.getByRole('heading', { name: '导入客户' })).toBeVisible();

    await page.getByLabel('CSV 文件').setInputFiles(MIXED_FILE);
    await page.getByRole('button', { name: '导入', exact: true }).click();

    // Scoped to the page's content: Next's route announcer is a live region of its own.
    const main = page.getByRole('main');
    const summary = main.getByRole('status', { name: '导入结果' });
    await expect(summary).toContainText('共 9 行：新增 5 行，更新 0 行，未变化 0 行，错误 4 条。');
    await expect(summary).toContainText('import-mixed.csv');

    const errors = main.getByRole('table', { name: '错误明细' });
    await expect(errors.getByRole('row')).toHaveCount(BAD_ROWS.length + 1);
    for (const bad of BAD_ROWS) {
      const row = errors.getByRole('row').filter({ has: page.getByRole('cell', { name: bad.row, exact: true }) });
      await expect(row.getByRole('cell')).toHaveText([bad.row, bad.column, bad.reason]);
    }

    const customers = withE2eDatabase(
      (db) =>
        db
          .prepare(
            `select mobile, name, segment, province_code as provinceCode, status
             from customers where mobile in (${GOOD_MOBILES.map(() => '?').join(',')}) order by mobile`,
          )
          .all(...GOOD_MOBILES) as Array<{ mobile: string; name: string; segment: string; provinceCode: string; status: string }>,
    );
    expect(customers).toEqual([
      { mobile: '13023450001', name: '林志明', segment: 'postpaid_vip', provinceCode: '440000', status: 'active' },
      { mobile: '13123450002', name: '黄晓燕', segment: 'prepaid', provinceCode: '440000', status: 'active' },
      { mobile: '13223450007', name: '陈家乐', segment: 'prepaid', provinceCode: '440000', status: 'active' },
      { mobile: '15523450003', name: '何佩珊', segment: 'postpaid', provinceCode: '440000', status: 'active' },
      { mobile: '18623450006', name: '谢婉婷', segment: 'postpaid_vip', provinceCode: '440000', status: 'suspended' },
    ]);
    const badCount = withE2eDatabase(
      (db) => (db.prepare(`select count(*) as n from customers where mobile in ('15623450004', '18523450005')`).get() as { n: number }).n,
    );
    expect(badCount).toBe(0);

    const downloading = page.waitForEvent('download');
    await main.getByRole('link', { name: '下载错误报告' }).click();
    const download = await downloading;
    const report = fs.readFileSync(await download.path(), 'utf8');
    expect(report.startsWith('\uFEFF')).toBe(true);
    const lines = report.slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'row,column,reason_code,reason',
      ...BAD_ROWS.map((bad) => [bad.row, bad.column, bad.code, bad.reason].join(',')),
    ]);

    await page.reload();
    await expect(main.getByRole('table', { name: '最近导入' }).getByRole('row', { name: /import-mixed\.csv/ })).toBeVisible();
  });

  test('a file with a wrong header is refused as a whole with a clear error', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    await page.getByLabel('CSV 文件').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('phone,name\n13023459999,张三\n') });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('表头不正确');
    const stored = withE2eDatabase((db) => db.prepare(`select count(*) as n from customers where mobile = '13023459999'`).get() as { n: number });
    expect(stored.n).toBe(0);
  });
});
