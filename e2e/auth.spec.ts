import { ACCOUNTS, expect, overflowX, PASSWORD, signInAs, test, type AccountRole } from './fixtures';

/** The messages link also carries the unread count: a bubble ("3") and its sentence for screen readers. */
const NAV: Record<AccountRole, Array<string | RegExp>> = {
  member: ['我的俱乐部', '活动', '我的票', /^消息(\S+ \d+条未读消息)?$/, '手机服务', '积分', '我的档案', '投诉建议'],
  operator: ['活动管理', '年度计划', '会员', '签到', '回访', '客户投诉', '手机服务', '营业厅排队', '全国联保', '服务检查'],
  analyst: ['统计', '达标矩阵', '客户意见', '服务检查'],
  admin: ['概览', '设置', '员工', '接口令牌', '账单对账', '审计日志', '活动管理', '年度计划', '会员', '回访', '客户投诉', '手机服务', '营业厅排队', '全国联保', '统计', '达标矩阵', '客户意见', '服务检查'],
};

/** A page of an area each role may not open. */
const FOREIGN_PAGE: Record<AccountRole, string> = {
  member: '/ops/events',
  operator: '/stats',
  analyst: '/admin/staff',
  admin: '/points',
};

test.describe('signing in by role', () => {
  for (const role of Object.keys(ACCOUNTS) as AccountRole[]) {
    test(`${role} signs in through the form, lands on their page and sees their navigation @smoke`, async ({ page }) => {
      const account = ACCOUNTS[role];
      await page.goto('/');
      await expect(page).toHaveURL(/\/signin$/);
      if (account.kind === 'staff') await page.getByRole('tab', { name: '员工登录' }).click();
      await page.getByLabel(account.kind === 'member' ? '手机号码' : '用户名').fill(account.login);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page).toHaveURL(new RegExp(`${account.landing}$`));
      await expect(page.getByTestId('signed-in-as')).toContainText(account.name);
      const nav = page.getByRole('navigation', { name: '主导航' });
      await expect(nav.getByRole('link')).toHaveText(NAV[role]);
    });

    test(`${role} is refused on another role's page`, async ({ page }) => {
      await signInAs(page, role);
      const response = await page.goto(FOREIGN_PAGE[role]);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    });
  }

  test('a signed-out visitor is sent to sign in, and returned afterwards', async ({ page }) => {
    await page.goto('/points');
    await expect(page).toHaveURL(/\/signin\?from=%2Fpoints$/);
    await page.getByLabel('手机号码').fill(ACCOUNTS.member.login);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/points$/);
    await expect(page.getByTestId('points-balance')).toHaveText(/\d/);
  });

  test('a wrong password shows a clear error and does not sign in', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('手机号码').fill(ACCOUNTS.member.login);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('signin-error')).toHaveText('手机号码/用户名或密码不正确。');
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto('/points');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('signing out ends the session on the server: a copy of the cookie taken before is refused after it', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/events');
    const copied = (await page.context().cookies()).filter((c) => c.name.includes('next-auth.session-token'));
    expect(copied).toHaveLength(1);
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto('/ops/events');
    await expect(page).toHaveURL(/\/signin/);

    const thief = await browser.newContext({ baseURL, locale: 'zh-CN' });
    try {
      await thief.addCookies(copied);
      const stolen = await thief.newPage();
      await stolen.goto('/ops/events');
      await expect(stolen).toHaveURL(/\/signin\?from=%2Fops%2Fevents$/);
      // Route handlers refuse it too, not only pages.
      expect((await thief.request.get('/ops/events/1/attendance')).status()).toBe(401);
    } finally {
      await thief.close();
    }
  });

  for (const [hostile, label] of [
    ['/%5Cevil.example/x', 'a backslash'],
    ['/%09/evil.example', 'a tab'],
    ['%2F%2Fevil.example', 'encoded slashes'],
    ['https://evil.example/', 'another host'],
  ] as const) {
    test(`a return path with ${label} leads back into the app, not to another site`, async ({ page, baseURL }) => {
      await page.goto(`/signin?from=${hostile}`);
      await page.getByLabel('手机号码').fill(ACCOUNTS.member.login);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.member.name);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    });
  }
});

test.describe('language', () => {
  test('follows the browser and remembers the switch', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/signin');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await context.close();
  });
});

test.describe('phone layout @phone', () => {
  test('a member moves around with a bottom tab bar, the current place always in sight', async ({ page }) => {
    await signInAs(page, 'member');
    await page.goto('/events');
    const bar = page.getByTestId('tab-bar');
    await expect(bar).toBeVisible();
    await expect(bar.getByRole('link')).toHaveText([/活动/, /我的票/, /消息/, /我的俱乐部/]);
    await expect(bar.getByRole('link', { name: '活动' })).toHaveAttribute('aria-current', 'page');
    // The header is one row: no strip of links above the page.
    const header = await page.locator('header').first().boundingBox();
    expect(header!.height).toBeLessThan(80);
    // A place under "more" shows its name on the tab while the member is there.
    await bar.getByRole('button', { name: '更多' }).click();
    await bar.getByTestId('tab-bar-more').getByRole('link', { name: '积分' }).click();
    await expect(page).toHaveURL(/\/points$/);
    await expect(bar.getByRole('button', { name: '积分' })).toHaveAttribute('aria-current', 'page');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    // Nothing of the page hides behind the bar: its last element ends above it.
    const barBox = await bar.boundingBox();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const last = await page.locator('main > *').last().boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(barBox!.y + 1);
  });

  test('staff get a compact menu that fits, showing where they are', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/members');
    const menu = page.getByTestId('nav-menu');
    await expect(menu.locator('summary')).toContainText('会员');
    await menu.locator('summary').click();
    await menu.getByRole('link', { name: '签到' }).click();
    await expect(page).toHaveURL(/\/ops\/checkin$/);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });

  test('the member pages fit a 390 px screen', async ({ page }) => {
    await signInAs(page, 'member');
    for (const path of ['/clubs', '/points', '/complaints']) {
      await page.goto(path);
      await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
      const overflow = await overflowX(page);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
