import { withE2eDatabase } from './db';
import { expect, overflowX, signInAs, test } from './fixtures';
import { receivedSms } from './sms';

const NEW_PASSWORD = 'Activate@2026';

/** A demo customer who never had a password, as after an enrolment at a hall; `nth` picks another one for a test of its own. */
function customerWithoutPassword(nth = 0): string {
  const row = withE2eDatabase(
    (db) =>
      db.prepare(`select mobile from customers where password_hash is null and status = 'active' order by id desc limit 1 offset ?`).get(nth) as
        | { mobile: string }
        | undefined,
  );
  if (!row) throw new Error('the demo data has no active customer without a password');
  return row.mobile;
}

/** How many SMS the number has received so far. */
const smsCount = async (mobile: string) => (await receivedSms(mobile)).length;

/**
 * Waits for an SMS after the first `previous` ones the number received (at the SMS gateway, as a
 * phone would: the database and the log never hold the code) and returns its six-digit code.
 */
async function receiveCode(mobile: string, previous: number): Promise<string> {
  let code = '';
  await expect
    .poll(
      async () => {
        const text = (await receivedSms(mobile))[previous]?.text;
        code = /\d{6}/.exec(text ?? '')?.[0] ?? '';
        return code;
      },
      { message: `an SMS with a code to ${mobile}` },
    )
    .toMatch(/^\d{6}$/);
  return code;
}

/** What the outbox kept of the number's newest SMS. */
function storedSms(mobile: string) {
  return withE2eDatabase(
    (db) =>
      db.prepare(`select body, sealed, status from outbox where mobile = ? and channel = 'sms' order by id desc limit 1`).get(mobile) as
        | { body: string; sealed: string | null; status: string }
        | undefined,
  );
}

test.describe('web access with a one-time code', () => {
  test('an imported customer activates web access with a one-time code and signs in', async ({ page, browser }) => {
    const mobile = '16620260001';
    const hall = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const operator = await hall.newPage();
    await signInAs(operator, 'operator');
    await operator.goto('/ops/import');
    await operator.getByLabel('CSV 文件').setInputFiles({
      name: 'hall-signups.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`mobile,name,segment,province,status\n${mobile},邓嘉怡,postpaid,440000,active\n`),
    });
    await operator.getByRole('button', { name: '导入', exact: true }).click();
    await expect(operator.getByRole('main').getByRole('status', { name: '导入结果' })).toContainText('新增 1 行');
    await hall.close();
    const previous = await smsCount(mobile);

    await page.goto('/signin');
    await page.getByRole('link', { name: '首次登录或忘记密码？用短信验证码设置密码' }).click();
    await expect(page).toHaveURL(/\/activate$/);
    await page.getByLabel('手机号码').fill(mobile);
    await page.getByRole('button', { name: '获取验证码', exact: true }).click();
    await expect(page.getByTestId('activate-sent')).toContainText('5分钟内有效');

    const code = await receiveCode(mobile, previous);
    await expect.poll(() => storedSms(mobile)?.status).toBe('sent');
    const stored = storedSms(mobile)!;
    expect(stored.sealed).toBeNull();
    expect(stored.body).not.toContain(code);
    await page.getByLabel('验证码').fill(code);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '设置密码', exact: true }).click();

    await expect(page).toHaveURL(/\/signin\?activated=1$/);
    await expect(page.getByTestId('activated-note')).toHaveText('密码已设置，请登录');
    await page.getByLabel('手机号码').fill(mobile);
    await page.getByLabel('密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/clubs$/);
  });

  test('a wrong code or mismatched passwords show a translated error and set no password', async ({ page }) => {
    const mobile = customerWithoutPassword();
    const previous = await smsCount(mobile);

    await page.goto('/activate');
    await page.getByLabel('手机号码').fill(mobile);
    await page.getByRole('button', { name: '获取验证码', exact: true }).click();
    await expect(page.getByTestId('activate-sent')).toBeVisible();
    const code = await receiveCode(mobile, previous);

    await page.getByLabel('验证码').fill(code);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: '设置密码', exact: true }).click();
    await expect(page.getByTestId('activate-error')).toHaveText('两次输入的密码不一致。');

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('验证码').fill(wrong);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '设置密码', exact: true }).click();
    await expect(page.getByTestId('activate-error')).toHaveText('验证码不正确或已失效，请检查或重新获取。');
    await expect(page).toHaveURL(/\/activate$/);

    const stored = withE2eDatabase(
      (db) => db.prepare('select password_hash as passwordHash from customers where mobile = ?').get(mobile) as { passwordHash: string | null },
    );
    expect(stored.passwordHash).toBeNull();
  });
});

test.describe('signing in with an SMS code @phone', () => {
  test('a member signs in with their number and the code sent to it, no password needed, on a phone', async ({ page }) => {
    const mobile = customerWithoutPassword(3);
    await page.goto('/signin');
    await page.getByRole('radio', { name: '验证码登录' }).click();
    const form = page.getByTestId('code-sign-in');
    await form.getByLabel('手机号码').fill(mobile);
    const before = await smsCount(mobile);
    await form.getByRole('button', { name: '获取验证码' }).click();
    await expect(form.getByTestId('code-sent')).toContainText('验证码已通过短信发出');
    // One code a minute: the button counts down instead of letting the member ask again.
    await expect(form.getByRole('button', { name: /秒后重新获取/ })).toBeDisabled();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    const code = await receiveCode(mobile, before);
    // A wrong code is refused and says so.
    await form.getByLabel('验证码').fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await form.getByRole('button', { name: '登录' }).click();
    await expect(form.getByTestId('signin-error')).toContainText('验证码不正确');
    await form.getByLabel('验证码').fill(code);
    await form.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/clubs$/);
    await expect(page.getByTestId('tab-bar')).toBeVisible();
  });
});

test.describe('phone layout @phone', () => {
  test('the activation page fits a 390 px screen and asks for digits', async ({ page }) => {
    await page.goto('/activate');
    const mobileInput = page.getByLabel('手机号码');
    await expect(mobileInput).toHaveAttribute('inputmode', 'numeric');
    const overflow = await overflowX(page);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
