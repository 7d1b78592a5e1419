import { OTHER_ACCOUNTS, expect, signInAs, test } from './fixtures';

const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

test.describe('HQ compliance matrix', () => {
  test('an HQ analyst opens the 31 x 4 matrix and drills into a cell', async ({ page }) => {
    await signInAs(page, OTHER_ACCOUNTS.hqAnalyst);
    await page.goto('/stats/compliance');
    const matrix = page.getByTestId('compliance-matrix');
    await expect(matrix.locator('tbody tr')).toHaveCount(31);
    await expect(matrix.locator('tbody tr').first().getByRole('link')).toHaveCount(4);

    const cell = page.getByTestId('matrix-row-440000').getByRole('link', { name: /^广东省影视俱乐部：已举办/ });
    await expect(cell).toHaveText(/^\d+\/2$/);
    await cell.click();
    await expect(page).toHaveURL(new RegExp(`/stats/compliance/440000\\?year=${thisYear()}&club=film$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`广东省 ${thisYear()}年度计划`);
    const film = page.getByTestId('plan-club-film');
    await expect(film.getByRole('heading', { name: '影视俱乐部' })).toBeVisible();
    await expect(film.getByRole('listitem').first()).toBeVisible();

    await page.getByRole('link', { name: '返回达标矩阵' }).click();
    await page.getByRole('link', { name: '达标俱乐部' }).click();
    await expect(page).toHaveURL(/sort=met/);
    // The matrix's rows: the page has other tables below it (escalations, callbacks on time).
    const rows = page.getByTestId('compliance-matrix').locator('tbody tr');
    const firstMet = Number(await rows.first().locator('td').nth(5).textContent());
    const lastMet = Number(await rows.last().locator('td').nth(5).textContent());
    expect(Number.isNaN(lastMet)).toBe(false);
    expect(firstMet).toBeGreaterThanOrEqual(lastMet);
  });

  test('a provincial analyst sees their own row only and cannot open another province', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats/compliance');
    await expect(page.getByTestId('compliance-matrix').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('matrix-row-440000')).toBeVisible();
    const response = await page.goto('/stats/compliance/110000');
    expect(response?.status()).toBe(403);
  });

  test('operators have no matrix', async ({ page }) => {
    await signInAs(page, 'operator');
    const response = await page.goto('/stats/compliance');
    expect(response?.status()).toBe(403);
  });
});
