import { queryE2e } from './db';
import { expect, signInAs, test } from './fixtures';

/** "2026-12-01 09:30" in Beijing time, as a billing export writes it. */
const beijing = (instant: number) => new Date(instant + 8 * 60 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
/** Mobile numbers of this run only: other specs share the server's database. */
const runMobiles = (prefix: string, n: number) => {
  const run = String(Date.now()).slice(-6);
  return Array.from({ length: n }, (_, i) => `${prefix}${run}${i}`);
};
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`) });

test.describe('ledger import and club columns', () => {
  test('an operator imports a billing ledger file twice: the second import changes nothing and says so', async ({ page }) => {
    const [accruing, prepaid] = runMobiles('1662', 2) as [string, string];
    const run = Date.now();
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    const main = page.getByRole('main');
    await page.getByLabel('CSV 文件').setInputFiles(csvFile('new-customers.csv', ['mobile,name,segment,province,status', `${accruing},欧阳明,postpaid,440000,`, `${prepaid},司徒敏,prepaid,440000,`]));
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect(main.getByRole('status', { name: '导入结果' })).toContainText('新增 2 行');

    const when = beijing(Date.now() - 24 * 60 * 60_000);
    const ledger = csvFile('计费流水.csv', [
      '计费流水号,类型,手机号码,数量,发生时间,备注',
      `E2E-${run}-1,积分累积,${accruing},1500,${when},上月消费积分`,
      `E2E-${run}-2,预付费充值,${prepaid},5000,${when},营业厅充值50元`,
      `E2E-${run}-3,积分累积,${accruing},-5,${when},`,
    ]);
    for (const [applied, before] of [
      [2, 0],
      [0, 2],
    ]) {
      await page.getByRole('heading', { name: '计费流水导入' }).scrollIntoViewIfNeeded();
      await page.getByLabel('计费流水文件（CSV）').setInputFiles(ledger);
      await page.getByRole('button', { name: '导入流水', exact: true }).click();
      const summary = main.getByRole('status', { name: '导入结果' });
      await expect(summary).toContainText(`共 3 行：入账 ${applied} 笔，此前已入账 ${before} 笔，错误 1 条。`);
      const errors = main.getByRole('table', { name: '错误明细' });
      await expect(errors.getByRole('row').nth(1).getByRole('cell')).toHaveText(['4', '数量', '数量应为非0的整数（积分，或预付费的金额以分计）；只有调整可以为负数。']);
    }

    const balances = await queryE2e<{ mobile: string; points: number; prepaidFen: number }>(
      'select mobile, points_balance as "points", prepaid_balance_fen as "prepaidFen" from customers where mobile in (?, ?) order by mobile',
      [prepaid, accruing],
    );
    expect(balances).toEqual(
      [
        { mobile: accruing, points: 1500, prepaidFen: 0 },
        { mobile: prepaid, points: 0, prepaidFen: 5000 },
      ].sort((a, b) => a.mobile.localeCompare(b.mobile)),
    );
    const [customer] = await queryE2e<{ id: number }>('select id from customers where mobile = ?', [accruing]);
    await page.goto(`/ops/customers/${customer!.id}`);
    await expect(main.getByRole('table').filter({ hasText: `计费系统 E2E-${run}-1` })).toContainText('+1500');
  });

  test('an operator loads existing club members with a customer file in English', async ({ page, baseURL }) => {
    const [fan, gamer, suspended] = runMobiles('1663', 3) as [string, string, string];
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: 'Customers', exact: true })).toBeVisible();
    await page.getByLabel('CSV file').setInputFiles(
      csvFile('club-members.csv', [
        'mobile,name,segment,province,status,join_clubs,leave_clubs',
        `${fan},Ouyang Fei,postpaid,Guangdong,active,music|film,`,
        `${gamer},Situ Lei,postpaid_vip,440000,,gaming,`,
        `${suspended},Shangguan Yu,postpaid,440000,suspended,music,`,
      ]),
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(main.getByRole('status', { name: 'Import result' })).toContainText('3 rows: 2 created, 0 updated, 0 unchanged, 1 error.');
    await expect(main.getByRole('table', { name: 'Errors' }).getByRole('row').nth(1).getByRole('cell')).toHaveText([
      '4',
      'Clubs to join',
      'Only active customers can join a club: this row was not imported.',
    ]);

    await page.getByLabel('CSV file').setInputFiles(csvFile('club-moves.csv', ['mobile,name,segment,province,status,join_clubs,leave_clubs', `${fan},Ouyang Fei,postpaid,Guangdong,,,film`]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(main.getByRole('status', { name: 'Import result' })).toContainText('1 row: 0 created, 1 updated, 0 unchanged, 0 errors.');

    const periods = await queryE2e<{ mobile: string; club: string; open: number; channel: string }>(
      `select c.mobile as "mobile", m.club_code as "club", case when m.left_at is null then 1 else 0 end as "open", m.join_channel as "channel"
       from memberships m join customers c on c.id = m.customer_id where c.mobile in (?, ?, ?) order by c.mobile, m.id`,
      [fan, gamer, suspended],
    );
    expect(periods).toEqual([
      { mobile: fan, club: 'music', open: 1, channel: 'hall' },
      { mobile: fan, club: 'film', open: 0, channel: 'hall' },
      { mobile: gamer, club: 'gaming', open: 1, channel: 'hall' },
    ]);
    expect(await queryE2e('select id from customers where mobile = ?', [suspended])).toEqual([]);
  });
});
