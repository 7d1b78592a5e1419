import { withE2eDatabase } from './db';
import { expect, overflowX, signInAs, test } from './fixtures';

/** 2026-01-10 00:00 in Beijing, as a UTC instant: the day this spec's own entries start. */
const DAY0 = Date.UTC(2026, 0, 9, 16);
const HOUR = 3_600_000;

/**
 * A staff account of this run and 55 entries it wrote, one an hour from DAY0 on: the even ones in
 * Guangdong, the odd ones in Beijing; the newest carries a mobile number and a password hash.
 */
function seedEntries(): { username: string; staffId: number } {
  const username = `audit.e2e${Date.now() % 1_000_000}`;
  return withE2eDatabase((db) =>
    db.transaction(() => {
      const { id } = db.prepare(`insert into staff (username, display_name, password_hash, role, province_code, created_at) values (?, '审计测试员', 'x', 'operator', '440000', ?) returning id`).get(username, Date.now()) as { id: number };
      const insert = db.prepare(`insert into audit_log (staff_id, action, entity_type, entity_id, before, after, created_at, province_code) values (?, 'event.update', 'event', ?, ?, ?, ?, ?)`);
      for (let i = 0; i < 55; i++) {
        const last = i === 54;
        insert.run(
          id,
          String(900_000 + i),
          JSON.stringify(last ? { capacity: 20, contact: '18602001234' } : { capacity: 20 }),
          JSON.stringify(last ? { capacity: 30, contact: '18602009999', passwordHash: '$argon2id$secret' } : { capacity: 20 + i }),
          DAY0 + i * HOUR,
          i % 2 === 0 ? '440000' : '110000',
        );
      }
      return { username, staffId: id };
    })(),
  );
}

test.describe('audit log', () => {
  test('answers the load balancer without signing in', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok', migrations: { state: 'current' } });
  });

  test('an admin finds an act just done, filters by writer, day and province, and pages through', async ({ page }) => {
    const { username, staffId } = seedEntries();
    await signInAs(page, 'admin');

    // An act through the app is at the top of the log, with its writer and what it changed.
    const tokenName = `审计令牌${Date.now() % 100_000}`;
    await page.goto('/admin/tokens');
    await page.getByLabel('名称').fill(tokenName);
    await page.getByLabel('渠道').selectOption({ label: '10010热线' });
    await page.getByLabel('范围').selectOption({ label: '广东省' });
    await page.getByRole('button', { name: '创建令牌' }).click();
    await expect(page.getByText(`令牌“${tokenName}”已创建。`)).toBeVisible();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    const newest = page.getByTestId('audit-entry').first();
    await expect(newest).toContainText('总部管理员（admin）');
    await expect(newest).toContainText('创建接口令牌');
    await expect(newest).toContainText('广东省');
    await expect(newest).toContainText(`name: ${tokenName}`);

    // Filter: who, through the form; the filter lands in the URL.
    const filters = page.getByRole('form', { name: '筛选审计日志' });
    await filters.getByLabel('操作人').selectOption({ label: `审计测试员（${username}）` });
    await filters.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(new RegExp(`who=staff%3A${staffId}`));
    const entries = page.getByTestId('audit-entry');
    await expect(entries).toHaveCount(50);
    await expect(page.getByText('本页 50 条')).toBeVisible();
    // Newest first: the last entry written, its number masked and its secret hidden.
    await expect(entries.first()).toContainText('活动 #900054');
    await expect(entries.first()).toContainText('186****1234 → 186****9999');
    await expect(entries.first()).toContainText('passwordHash: ••••••');
    await expect(page.locator('main')).not.toContainText('18602001234');
    await expect(entries.first().locator('time')).toHaveText(/2026.*1.*12.*06:00:00/);

    // The older page holds the other five; back again, the first page is what it was.
    const paging = page.getByRole('navigation', { name: '审计日志分页' });
    await expect(paging.getByRole('link', { name: '较新' })).toHaveCount(0);
    await paging.getByRole('link', { name: '较早' }).click();
    await expect(entries).toHaveCount(5);
    await expect(entries.first()).toContainText('活动 #900004');
    await expect(entries.last()).toContainText('活动 #900000');
    await expect(paging.getByRole('link', { name: '较早' })).toHaveCount(0);
    await paging.getByRole('link', { name: '较新' }).click();
    await expect(entries).toHaveCount(50);
    await expect(entries.first()).toContainText('活动 #900054');
    await expect(entries.last()).toContainText('活动 #900005');

    // Day and province, kept in the URL with the writer: 2026-01-11 in Beijing is entries 24-47, the even ones in Guangdong.
    await filters.getByLabel('起始日期').fill('2026-01-11');
    await filters.getByLabel('截止日期').fill('2026-01-11');
    await filters.getByLabel('省份').selectOption({ label: '广东省' });
    await filters.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/from=2026-01-11&to=2026-01-11&province=440000/);
    await expect(entries).toHaveCount(12);
    await expect(entries.first()).toContainText('活动 #900046');
    await expect(entries.last()).toContainText('活动 #900024');
    await expect(filters.getByLabel('操作人')).toHaveValue(`staff:${staffId}`);

    // One entity's history, from its link.
    await entries.first().getByRole('link', { name: '活动 #900046' }).click();
    await expect(page).toHaveURL(/entityType=event&entityId=900046/);
    await expect(entries).toHaveCount(1);

    // The page does not break on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });

  test('bad filters are named in words, not a server error, and read nothing', async ({ page }) => {
    await signInAs(page, 'admin');
    const response = await page.goto('/admin/audit?from=2026-02-31&to=2026-01-01&before=1e309&entityId=42');
    expect(response?.status()).toBe(200);
    const alert = page.getByTestId('audit-filter-error');
    await expect(alert).toContainText('起始日期：请按 YYYY-MM-DD 输入 2000 至 2099 年间的日期。');
    await expect(alert).toContainText('对象编号：请选择该编号所属的对象类型。');
    await expect(alert).toContainText('分页：此分页链接无效，请从最新记录重新开始。');
    await expect(page.getByTestId('audit-entry')).toHaveCount(0);
    // What was typed stays in the form.
    await expect(page.getByRole('form', { name: '筛选审计日志' }).getByLabel('对象编号')).toHaveValue('42');
  });

  test('is for admins only', async ({ page }) => {
    for (const role of ['operator', 'analyst'] as const) {
      await page.context().clearCookies();
      await signInAs(page, role);
      const response = await page.goto('/admin/audit');
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' })).toHaveCount(0);
    }
  });
});
