import { withE2eDatabase } from './db';
import { expect, overflowX, signInAs, test } from './fixtures';

const NEW_PASSWORD = 'Zhejiang@2027';
const USERNAME_TAKEN = '用户名已被使用。';

test.describe('staff accounts', () => {
  test('an admin creates an operator for one club, who signs in with that scope, gets a second club, and is signed out when disabled', async ({ page, browser, baseURL }) => {
    const username = `zj.music${Date.now() % 100_000}`;
    await signInAs(page, 'admin');
    await page.goto('/admin/staff');
    const form = page.getByRole('form', { name: '新建员工账号' });

    // Refused first: an operator needs a province; what was typed stays.
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('姓名').fill('浙江音乐运营 孙悦');
    await form.getByLabel('初始密码').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect(form.getByTestId('field-error-provinceCode')).toHaveText('请选择省份。');
    await expect(form.getByLabel('用户名')).toHaveValue(username);

    await form.getByLabel('省份').selectOption({ label: '浙江省' });
    await form.getByRole('checkbox', { name: '音乐俱乐部' }).check();
    await form.getByLabel('初始密码').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('staff-create-ok')).toHaveText(`已创建账号 ${username}。`);
    // The form is empty again; a taken username is then refused beside its field, keeping what was typed.
    await expect(form.getByLabel('用户名')).toHaveValue('');
    await form.getByLabel('用户名').fill('gd.operator');
    await form.getByLabel('姓名').fill('重名测试');
    await form.getByLabel('省份').selectOption({ label: '浙江省' });
    await form.getByLabel('初始密码').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect(form.getByTestId('field-error-username')).toHaveText(USERNAME_TAKEN);
    await expect(form.getByLabel('姓名')).toHaveValue('重名测试');
    const row = page.getByTestId('staff-row').filter({ hasText: username });
    await expect(row).toContainText('俱乐部运营');
    await expect(row).toContainText('浙江省');
    await expect(row).toContainText('音乐俱乐部');
    const stored = withE2eDatabase((db) =>
      db.prepare(`select s.province_code as province, group_concat(c.club_code) as clubs from staff s left join staff_clubs c on c.staff_id = s.id where s.username = ?`).get(username),
    );
    expect(stored).toEqual({ province: '330000', clubs: 'music' });

    // The new operator signs in and schedules for the music club only.
    const operator = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const op = await operator.newPage();
      await signInAs(op, { kind: 'staff', login: username }, NEW_PASSWORD);
      await op.goto('/ops/events/new');
      await expect(op.getByLabel('俱乐部', { exact: true }).locator('option')).toHaveText(['音乐俱乐部']);
      // Other clubs are not theirs to read: the gaming club's members and the handset club's services answer 403,
      // and the menu does not offer the services.
      await expect(op.getByRole('link', { name: '手机服务', exact: true })).toHaveCount(0);
      expect((await op.goto('/ops/members/gaming'))?.status()).toBe(403);
      expect((await op.goto('/ops/services'))?.status()).toBe(403);

      // The admin adds the film club: the operator's next page offers both.
      await row.getByRole('button', { name: `修改 ${username}` }).click();
      const edit = row.getByRole('form', { name: `修改 ${username}` });
      await edit.getByRole('checkbox', { name: '影视俱乐部' }).check();
      await edit.getByRole('button', { name: '保存修改' }).click();
      await expect(edit.getByTestId('staff-edit-ok')).toBeVisible();
      await expect(row).toContainText('影视俱乐部 · 音乐俱乐部');
      await op.goto('/ops/events/new');
      await expect(op.getByLabel('俱乐部', { exact: true }).locator('option')).toHaveText(['音乐俱乐部', '影视俱乐部']);

      // Disabled by the admin: the next page the operator opens sends them to sign in.
      await row.getByRole('button', { name: `停用 ${username}` }).click();
      await row.getByRole('button', { name: '确定停用' }).click();
      await expect(row).toContainText('已停用');
      await op.goto('/ops/events');
      await expect(op).toHaveURL(/\/signin/);

      // Enabled again: the cookie kept from before stays refused (its session ended with the disabling); a new sign-in works.
      expect((await operator.cookies()).some((c) => c.name.includes('next-auth.session-token'))).toBe(true);
      await row.getByRole('button', { name: `启用 ${username}` }).click();
      await expect(row).not.toContainText('已停用');
      await op.goto('/ops/events');
      await expect(op).toHaveURL(/\/signin/);
      await signInAs(op, { kind: 'staff', login: username }, NEW_PASSWORD);
      await op.goto('/ops/events');
      await expect(op).toHaveURL(/\/ops\/events$/);
    } finally {
      await operator.close();
    }
  });

  test('an admin cannot disable their own account, and sets a new password for a colleague, who then changes it on their phone', async ({ page, browser, baseURL }) => {
    await signInAs(page, 'admin');
    await page.goto('/admin/staff');
    const own = page.getByTestId('staff-row').filter({ has: page.getByText('admin', { exact: true }) });
    await expect(own.getByRole('button', { name: '停用 admin' })).toBeDisabled();

    const username = `bj.analyst${Date.now() % 100_000}`;
    const form = page.getByRole('form', { name: '新建员工账号' });
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('角色').selectOption({ label: '分析' });
    await form.getByLabel('省份').selectOption({ label: '北京市' });
    await form.getByLabel('初始密码').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('staff-create-ok')).toBeVisible();

    const row = page.getByTestId('staff-row').filter({ hasText: username });
    await row.getByRole('button', { name: `为 ${username} 重设密码` }).click();
    // A common pattern is refused, however long: the admin is told why.
    await row.getByLabel('新密码').fill('Password1234!');
    await row.getByRole('button', { name: '保存密码' }).click();
    await expect(row.getByTestId('staff-password')).toContainText('这个密码太容易被猜到');
    await row.getByLabel('新密码').fill('Lantern-road@2027');
    await row.getByRole('button', { name: '保存密码' }).click();
    await expect(row.getByTestId('staff-password-ok')).toHaveText(`已为 ${username} 设置新密码。`);

    // The first password no longer works; the new one does.
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
    try {
      const analyst = await context.newPage();
      const signIn = async (password: string) => {
        await analyst.goto('/signin');
        await analyst.getByRole('tab', { name: '员工登录' }).click();
        await analyst.getByLabel('用户名').fill(username);
        await analyst.getByLabel('密码').fill(password);
        await analyst.getByRole('button', { name: '登录' }).click();
      };
      await signIn(NEW_PASSWORD);
      await expect(analyst.getByTestId('signin-error')).toBeVisible();
      await signIn('Lantern-road@2027');
      await expect(analyst).toHaveURL(/\/stats$/);
      // Also signed in at a desk: the change below signs that session out, not the phone's.
      const desk = await (await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
      await signInAs(desk, { kind: 'staff', login: username }, 'Lantern-road@2027');
      await desk.goto('/stats');
      await expect(desk).toHaveURL(/\/stats$/);

      // The colleague changes the password the admin told them, from their phone.
      await analyst.getByTestId('account-link').click();
      await expect(analyst).toHaveURL(/\/account$/);
      const details = analyst.getByTestId('account-details');
      await expect(details).toContainText(username);
      await expect(details).toContainText('分析');
      await expect(details).toContainText('北京市');
      const change = analyst.getByRole('form', { name: '修改密码' });
      await change.getByLabel('当前密码').fill('not the password');
      await change.getByLabel('新密码', { exact: true }).fill('Mine-own@2027!');
      await change.getByLabel('确认新密码').fill('Mine-own@2027!');
      await change.getByRole('button', { name: '修改密码' }).click();
      await expect(change.getByTestId('field-error-currentPassword')).toHaveText('当前密码不正确。');
      await expect(change.getByLabel('新密码', { exact: true })).toHaveValue('Mine-own@2027!');
      await change.getByLabel('当前密码').fill('Lantern-road@2027');
      await change.getByLabel('确认新密码').fill('Mine-own@2028!');
      await change.getByRole('button', { name: '修改密码' }).click();
      await expect(change.getByTestId('field-error-confirmPassword')).toHaveText('两次输入的新密码不一致。');
      await change.getByLabel('确认新密码').fill('Mine-own@2027!');
      await change.getByRole('button', { name: '修改密码' }).click();
      await expect(analyst.getByTestId('change-password-ok')).toHaveText('密码已修改：其他设备上的登录已退出，下次登录请使用新密码。');
      await expect(change.getByLabel('当前密码')).toHaveValue('');
      expect(await overflowX(analyst)).toBeLessThanOrEqual(0);
      await analyst.goto('/stats');
      await expect(analyst).toHaveURL(/\/stats$/);
      await desk.goto('/stats');
      await expect(desk).toHaveURL(/\/signin\?from=%2Fstats$/);
      await desk.context().close();

      // Signed in again: the admin's password no longer works, the person's own does.
      await context.clearCookies();
      await signIn('Lantern-road@2027');
      await expect(analyst.getByTestId('signin-error')).toBeVisible();
      await signIn('Mine-own@2027!');
      await expect(analyst).toHaveURL(/\/stats$/);
    } finally {
      await context.close();
    }
  });
});
