import { expect, signInAs, test } from './fixtures';

/*
 * Files that open right (issue 26, item 6), the parts a browser sees: a filter that does not exist
 * is refused on the page and by its exports, and a calendar app polling a feed is answered 304
 * while nothing changed. The files' cells, lines and bytes are checked by the unit tests.
 */

test.describe('files and filters', () => {
  test('a statistics view and its export with month=13 are refused in Chinese, not shown for another month', async ({ page }) => {
    await signInAs(page, 'analyst');
    await page.goto('/stats?period=month&year=2026&month=13&club=music');
    const alert = page.getByRole('alert').filter({ hasText: '筛选条件无效，未显示数据。' });
    await expect(alert).toContainText('月份“13”不是有效的值。');
    await expect(page.getByTestId('table-club')).toHaveCount(0);
    // The form keeps what was valid: the club and the kind of period.
    await expect(page.getByLabel('俱乐部', { exact: true })).toHaveValue('music');
    await expect(page.getByLabel('统计期间')).toHaveValue('month');

    for (const path of ['/stats/export/club?format=xlsx', '/stats/export/registrations?format=csv']) {
      const response = await page.request.get(`${path}&period=month&year=2026&month=13`);
      expect(response.status()).toBe(400);
      expect(response.headers()['content-type']).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'invalid_filter', detail: '月份“13”不是有效的值。', errors: { month: 'invalid_filter' } });
    }
    const valid = await page.request.get('/stats/export/club?format=xlsx&period=month&year=2026&month=11');
    expect(valid.status()).toBe(200);
  });

  test('in English, opinions from after to are refused, and a club feed answers 304 while unchanged', async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: baseURL! }]);
    await signInAs(page, 'analyst');
    await page.goto('/stats/opinions?from=2026-12-01&to=2026-11-01');
    await expect(page.getByRole('alert').filter({ hasText: 'The filters are not valid' })).toContainText('Invalid period: the start date 2026-12-01 is after the end date 2026-11-01.');
    await expect(page.getByTestId('opinion')).toHaveCount(0);

    const feed = await page.request.get('/calendar/440000/film.ics');
    expect(feed.status()).toBe(200);
    const body = await feed.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(body).toMatch(/\r\nSEQUENCE:\d+\r\n/);
    const etag = feed.headers()['etag']!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect((await page.request.get('/calendar/440000/film.ics', { headers: { 'if-none-match': etag } })).status()).toBe(304);
    expect((await page.request.get('/calendar/440000/film.ics', { headers: { 'if-modified-since': feed.headers()['last-modified']! } })).status()).toBe(304);
  });
});
