import { withE2eDatabase } from './db';
import { expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';

test.describe('members and their clubs', () => {
  test('a member joins the music club, sees it on their record, leaves and rejoins', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.bjMember);
    await page.goto('/clubs');
    const music = page.getByTestId('club-music');
    await music.getByRole('button', { name: '加入音乐俱乐部' }).click();
    await expect(page.getByTestId('club-music-message-ok')).toHaveText('已加入音乐俱乐部。');
    await expect(music.getByRole('button', { name: '退出俱乐部：音乐俱乐部' })).toBeVisible();

    await page.goto('/record');
    await expect(page.getByTestId('membership-music-current')).toBeVisible();
    await expect(page.getByTestId('timeline').getByRole('listitem').first()).toContainText('加入音乐俱乐部');

    await page.goto('/clubs');
    // "退出俱乐部", not the sign-out's "退出"; leaving says what it means before it happens.
    await expect(music.getByRole('button', { name: '退出俱乐部：音乐俱乐部' })).toHaveText('退出俱乐部');
    await music.getByRole('button', { name: '退出俱乐部：音乐俱乐部' }).click();
    await expect(music.getByTestId('club-music-leave-confirmation')).toContainText('已报名的活动、积分和参与记录都会保留');
    await music.getByRole('button', { name: '确认退出俱乐部' }).click();
    await expect(page.getByTestId('club-music-message-ok')).toContainText('已退出音乐俱乐部');
    await music.getByRole('button', { name: '加入音乐俱乐部' }).click();
    await expect(page.getByTestId('club-music-message-ok')).toHaveText('已加入音乐俱乐部。');
    // The history keeps the first joining, the leaving and the rejoining.
    await page.reload();
    const history = music.getByTestId('club-music-history');
    await history.locator('summary').click();
    const steps = history.getByRole('listitem');
    await expect(steps.first()).toHaveText(/日 加入$/);
    await expect(steps.nth(-2)).toHaveText(/日 退出$/);
    await expect(steps.last()).toHaveText(/日 重新加入$/);

    await page.goto('/record');
    await expect(page.getByTestId('membership-music-current')).toHaveCount(1);
    await expect(page.getByTestId('membership-music')).toHaveCount(1);
    const items = page.getByTestId('timeline').getByRole('listitem');
    await expect(items.nth(0)).toContainText('加入音乐俱乐部');
    await expect(items.nth(1)).toContainText('退出音乐俱乐部');
    await expect(items.nth(2)).toContainText('加入音乐俱乐部');
  });

  test('an operator finds a customer by number and enrolls them in the gaming club by hotline', async ({ page }) => {
    const customer = withE2eDatabase(
      (db) =>
        db
          .prepare(
            `select id, mobile, name from customers c where province_code = '440000' and status = 'active'
             and not exists (select 1 from memberships m where m.customer_id = c.id and m.club_code = 'gaming' and m.left_at is null)
             order by id desc limit 1`,
          )
          .get() as { id: number; mobile: string; name: string },
    );
    await signInAs(page, 'operator');
    await page.goto('/ops/members');
    await page.getByRole('searchbox', { name: '按手机号码或姓名查找客户' }).fill(customer.mobile);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('link', { name: customer.name }).click();
    await expect(page).toHaveURL(new RegExp(`/ops/customers/${customer.id}$`));
    await expect(page.getByTestId('customer-mobile')).toHaveText(customer.mobile);

    const enroll = page.getByRole('form', { name: '代客户加入俱乐部' });
    await enroll.getByLabel('俱乐部').selectOption({ label: '网游俱乐部' });
    await enroll.getByLabel('受理渠道').selectOption({ label: '10010热线' });
    await enroll.getByRole('button', { name: '加入', exact: true }).click();
    await expect(page.getByText('已为客户办理入会。')).toBeVisible();
    await expect(page.getByTestId('membership-gaming-current')).toContainText('10010热线');
    const first = page.getByTestId('timeline').getByRole('listitem').first();
    await expect(first).toContainText('加入网游俱乐部');
    await expect(first).toContainText('10010热线');
    await expect(first).toContainText('广东运营 陈志强');

    const row = withE2eDatabase((db) =>
      db.prepare(`select join_channel, joined_by_staff_id from memberships where customer_id = ? and club_code = 'gaming' and left_at is null`).get(customer.id),
    );
    expect(row).toMatchObject({ join_channel: 'hotline' });
  });

  test('an operator of another province cannot open that customer, and sees no trace of them in search', async ({ page }) => {
    const customer = withE2eDatabase(
      (db) => db.prepare(`select id, mobile from customers where province_code = '440000' order by id limit 1`).get() as { id: number; mobile: string },
    );
    await signInAs(page, OTHER_ACCOUNTS.bjOperator);
    const response = await page.goto(`/ops/customers/${customer.id}`);
    expect(response?.status()).toBe(404);
    await page.goto(`/ops/members?q=${customer.mobile}`);
    await expect(page.getByTestId('search-empty')).toBeVisible();
  });

  test('an operator\'s club member list shows their province only', async ({ page }) => {
    await signInAs(page, 'operator');
    await page.goto('/ops/members/music');
    await expect(page.getByRole('heading', { name: '音乐俱乐部会员' })).toBeVisible();
    const provinces = await page.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(provinces.length).toBeGreaterThan(0);
    expect(new Set(provinces)).toEqual(new Set(['广东省']));
    await expect(page.getByLabel('省份')).toHaveCount(0);
  });
});

test.describe('member pages on a phone @phone', () => {
  test('clubs and record fit 390 px', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.prepaidMember);
    for (const path of ['/clubs', '/record']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await overflowX(page);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await expect(page.getByTestId('customer-prepaid')).toBeVisible();
  });
});
