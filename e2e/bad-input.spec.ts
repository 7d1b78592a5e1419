import { withE2eDatabase } from './db';
import { expect, PASSWORD, signInAs, test } from './fixtures';

/** Bad input is answered with 4xx (or a redirect to sign in), never a 500: pages' paging and next-auth's endpoints. */
test.describe('bad input never answers 5xx', () => {
  test('a page number past any list is page 1, on the member record and the customer record', async ({ page }) => {
    await signInAs(page, 'member');
    for (const value of ['1e309', '99999999999999999999', '-3', 'abc']) {
      expect((await page.request.get(`/record?page=${value}`)).status(), value).toBe(200);
    }
    await page.context().clearCookies();
    await signInAs(page, 'operator');
    const customer = withE2eDatabase((db) => db.prepare(`select id from customers where province_code = '440000' order by id limit 1`).get() as { id: number });
    for (const value of ['1e309', '99999999999999999999']) {
      expect((await page.request.get(`/ops/customers/${customer.id}?page=${value}`)).status(), value).toBe(200);
    }
  });

  test("next-auth's endpoints refuse what the app does not use with 4xx problems", async ({ request }) => {
    for (const provider of ['staff', 'member']) {
      const get = await request.get(`/api/auth/callback/${provider}`);
      expect(get.status()).toBe(405);
      expect(get.headers()['allow']).toBe('POST');
      expect(get.headers()['content-type']).toContain('application/problem+json');
    }
    for (const path of ['/api/auth/callback/nope', '/api/auth/signin/nope', '/api/auth/_log', '/api/auth/verify-request', '/api/auth/callback/staff/extra']) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
    expect((await request.post('/api/auth/_log', { form: { level: 'error', code: 'forged' } })).status()).toBe(404);
    expect((await request.post('/api/auth/session', { form: {} })).status()).toBe(405);
  });

  test('sign-in requests with a bad body, token or fields are refused without an error', async ({ request }) => {
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const post = (form: Record<string, string>) => request.post('/api/auth/callback/staff', { form, maxRedirects: 0 });
    expect((await request.post('/api/auth/callback/staff', { headers: { 'content-type': 'application/json' }, data: '{bad json' })).status()).toBe(415);
    expect((await request.post('/api/auth/callback/staff', { form: { csrfToken, username: 'admin', password: 'x'.repeat(20_000) } })).status()).toBe(413);
    // A wrong CSRF token: next-auth sends the browser back to sign in.
    const forged = await post({ csrfToken: 'forged', username: 'admin', password: PASSWORD });
    expect(forged.status()).toBe(302);
    expect(forged.headers()['location']).toContain('/signin');
    // Missing fields and a wrong password are a refused sign-in, not an error.
    const forms: Record<string, string>[] = [{ csrfToken }, { csrfToken, username: 'admin' }, { csrfToken, username: 'nobody.here', password: 'wrong password here' }];
    for (const form of forms) {
      const answer = await post({ ...form, json: 'true' });
      expect(answer.status(), JSON.stringify(form)).toBe(401);
    }
  });

  test('a malformed or foreign callbackUrl, in the query or in the cookie, is refused with 400, and a bad cookie is cleared', async ({ request }) => {
    for (const query of ['callbackUrl=%E0%A4%A', 'callbackUrl=http://%25zz', 'callbackUrl=javascript:alert(1)', 'callbackUrl=https://evil.example/']) {
      for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/signin']) {
        const answer = await request.get(`${path}?${query}`, { maxRedirects: 0 });
        expect(answer.status(), `${path}?${query}`).toBe(400);
        expect((await answer.json()) as unknown).toMatchObject({ code: 'invalid_callback_url' });
      }
    }
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const answer = await request.post('/api/auth/callback/staff', {
      form: { csrfToken, username: 'admin', password: PASSWORD, json: 'true' },
      headers: { cookie: `next-auth.callback-url=${encodeURIComponent('%E0%A4%A')}` },
    });
    expect(answer.status()).toBe(400);
    expect(answer.headers()['set-cookie']).toMatch(/next-auth\.callback-url=;.*Max-Age=0/);
    // A foreign callbackUrl in the body is not refused but not followed either: the answer points into the app.
    const signedIn = await request.post('/api/auth/callback/staff', { form: { csrfToken, username: 'admin', password: PASSWORD, callbackUrl: '//evil.example', json: 'true' } });
    expect(signedIn.status()).toBe(200);
    expect(new URL(((await signedIn.json()) as { url: string }).url).host).toBe(new URL(signedIn.url()).host);
  });
});
