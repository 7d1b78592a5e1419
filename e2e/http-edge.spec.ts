import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_DATABASE, withE2eDatabase } from './db';
import { doorsOpenNow, publishEvent } from './events';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, PASSWORD, signInAs, test, type AccountRole } from './fixtures';

/*
 * The HTTP server in front of Next, against the production build: pages really run under their
 * Content-Security-Policy (scripts, client navigation, charts, the camera, forms), and the
 * client address for sign-in limits is the socket's, whatever X-Forwarded-For says.
 */

/** Every CSP violation a page reports, and every console line in which the browser says it blocked something. */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction('reportPolicyViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber} on ${location.pathname}`);
    });
  });
  context.on('console', (message) => {
    if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  return violations;
}

/** Opens the role's landing page, follows each link of the main navigation (each loads its own chunks), then reloads the last one. */
async function walk(page: Page, landing: string): Promise<void> {
  const response = await page.goto(landing);
  expect(response?.status()).toBeLessThan(400);
  const nav = page.getByRole('navigation', { name: '主导航' });
  const count = await nav.getByRole('link').count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i += 1) {
    await nav.getByRole('link').nth(i).click();
    await page.waitForLoadState('networkidle');
  }
  await page.reload();
  await page.waitForLoadState('networkidle');
}

test.describe('the content security policy', () => {
  test('signed-out pages and the sign-in form run under it', async ({ browser }) => {
    const context = await browser.newContext();
    const violations = await watchPolicy(context);
    const page = await context.newPage();
    const response = await page.goto('/signin');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    await page.goto('/activate');
    await page.waitForLoadState('networkidle');
    await page.goto('/signin');
    await page.getByLabel('手机号码').fill(ACCOUNTS.member.login);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/clubs$/);
    expect(violations).toEqual([]);
    await context.close();
  });

  for (const role of Object.keys(ACCOUNTS) as AccountRole[]) {
    test(`${role} pages run under it, with client navigation`, async ({ browser }) => {
      test.slow();
      const context = await browser.newContext();
      const violations = await watchPolicy(context);
      const page = await context.newPage();
      await signInAs(page, role);
      await walk(page, ACCOUNTS[role].landing);
      if (role === 'member') {
        // A ticket's QR code is a data: image; a server action switches the language.
        const logins = [ACCOUNTS.member.login, OTHER_ACCOUNTS.prepaidMember.login, OTHER_ACCOUNTS.bjMember.login];
        const ticket = withE2eDatabase(
          (db) =>
            db
              .prepare(`select r.id, c.mobile from registrations r join customers c on c.id = r.customer_id where r.status = 'confirmed' and c.mobile in (?, ?, ?) order by r.id limit 1`)
              .get(...logins) as { id: number; mobile: string } | undefined,
        );
        expect(ticket, 'a demo member holds a ticket').toBeDefined();
        await signInAs(page, { kind: 'member', login: ticket!.mobile });
        await page.goto(`/tickets/${ticket!.id}`);
        await expect(page.getByTestId('ticket-qr')).toBeVisible();
        expect(await page.getByTestId('ticket-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
        await page.getByRole('button', { name: 'English' }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
      if (role === 'analyst') {
        await page.goto('/stats');
        await expect(page.getByTestId('chart-activity').locator('svg')).toBeVisible();
      }
      expect(violations).toEqual([]);
      await context.close();
    });
  }

  test('the door page scans with the camera under it', async ({ baseURL, browser }) => {
    test.slow();
    // An event of its own with doors open now: the demo's event of the day opens its doors only
    // in the hall's hours.
    const eventId = await publishEvent(browser, baseURL, doorsOpenNow(`E2E扫码 ${Date.now()}`));
    // A browser of its own, with a fake camera that plays a test pattern.
    const camera: Browser = await chromium.launch({
      ...(fs.existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const context = await camera.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['camera'] });
      const violations = await watchPolicy(context);
      const page = await context.newPage();
      await signInAs(page, 'operator');
      await page.goto(`/ops/checkin/${eventId}`);
      await page.getByRole('button', { name: '扫码', exact: true }).click();
      const video = page.getByLabel('相机画面');
      await expect(video).toBeVisible();
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
      await page.getByRole('button', { name: '停止扫码' }).click();
      expect(violations).toEqual([]);
      await context.close();
    } finally {
      await camera.close();
    }
  });
});

test.describe('headers on every answer', () => {
  test('pages, the API and build files carry the security headers; pages and the API are not stored', async ({ page }) => {
    const pageAnswer = await page.request.get('/signin');
    const apiAnswer = await page.request.get('/api/v1/events');
    const html = await pageAnswer.text();
    const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await page.request.get(script!);
    for (const answer of [pageAnswer, apiAnswer, asset]) {
      expect(answer.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
      expect(answer.headers()['permissions-policy']).toContain('camera=(self)');
      expect(answer.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // Plain http here: no HSTS.
      expect(answer.headers()['strict-transport-security']).toBeUndefined();
    }
    expect(pageAnswer.headers()['cache-control']).toContain('no-store');
    expect(apiAnswer.headers()['cache-control']).toBe('no-store');
    expect(apiAnswer.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(asset.headers()['cache-control']).toContain('immutable');
    // Every script of the page carries the nonce of the page's policy.
    const nonce = /'nonce-([^']+)'/.exec(pageAnswer.headers()['content-security-policy']!)?.[1];
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

/** A sign-in attempt through next-auth's endpoint from the loopback address `localAddress`, claiming `forwardedFor`. */
function signInFrom(baseURL: string, localAddress: string, forwardedFor: string, username: string): Promise<string> {
  const url = new URL(baseURL);
  const call = (path: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: url.port, path, method, headers, localAddress, agent: false }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode!, body: text, cookies: (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!) }));
      });
      request.on('error', reject);
      request.end(body);
    });
  return (async () => {
    const csrf = await call('/api/auth/csrf', 'GET', { 'x-forwarded-for': forwardedFor });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, username, password: 'not-the-password', json: 'true' }).toString();
    const answer = await call('/api/auth/callback/staff', 'POST', {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(form)),
      cookie: csrf.cookies.join('; '),
      'x-forwarded-for': forwardedFor,
    }, form);
    return new URL((JSON.parse(answer.body) as { url: string }).url).searchParams.get('error') ?? '';
  })();
}

test.describe('the mark', () => {
  test('every page links the app mark as its icon, and it is served (no favicon 404 on each load)', async ({ page, request }) => {
    await page.goto('/signin');
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href).toMatch(/^\/icon\.svg/);
    const icon = await request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    await expect(page.locator('header svg').first()).toBeVisible();
  });
});

test.describe('the client address', () => {
  test('sign-ins from one socket are limited however X-Forwarded-For rotates', async ({ baseURL }) => {
    test.slow();
    // A loopback address of its own, so that the limit it reaches does not stop the other tests.
    const socket = `127.0.${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 200) + 20}`;
    const errors: string[] = [];
    for (let i = 0; i < 31; i += 1) errors.push(await signInFrom(baseURL!, socket, `203.0.113.${i + 1}, 198.51.100.${i + 1}`, `nobody.${i}`));
    // 30 failures per address and window (SIGN_IN_LIMITS.perIp): the 31st attempt is refused unheard.
    expect(errors.slice(0, 30)).toEqual(Array(30).fill('CredentialsSignin'));
    expect(errors[30]).toBe('rate_limited');
    // Another socket address is not limited.
    expect(await signInFrom(baseURL!, '127.0.0.1', `203.0.113.99`, 'nobody.else')).toBe('CredentialsSignin');
  });
});

/** A channel token made the way an administrator makes one: `npm run token -- create`. */
function createToken(): string {
  const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/token.ts', 'create', '--channel', 'online', '--scope', '440000', '--name', 'e2e edge'], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE },
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1)!;
}

/** The id of a server action of the build, by its exported name. */
function serverActionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === name)?.[0];
  expect(id, name).toBeDefined();
  return id!;
}

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string; sent: number };

/** A request with the path as written and, for `chunks`, a body without a length (as many chunks of 1 MB as asked for, made as they are sent). */
function raw(baseURL: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string; chunks?: number }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const request = http.request({ host: '127.0.0.1', port: new URL(baseURL).port, path, method: init.method ?? 'GET', headers: init.headers, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body, sent }));
    });
    // The server may close the connection on a body it refused: the answer came first.
    request.on('error', (error) => setTimeout(() => reject(error), 500));
    if (init.chunks === undefined) {
      request.end(init.body);
      return;
    }
    const chunk = Buffer.alloc(1024 * 1024, ' ');
    const pump = () => {
      while (sent < init.chunks! * chunk.length) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

const problemOf = (answer: RawAnswer) => {
  expect(answer.headers['content-type']).toBe('application/problem+json');
  return JSON.parse(answer.body) as { status: number; code: string };
};

test.describe('refusals at the edge', () => {
  test('the channel API answers framework-level errors as problem+json', async ({ baseURL }) => {
    const put = await raw(baseURL!, '/api/v1/events', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(problemOf(put).code).toBe('method_not_allowed');
    const get = await raw(baseURL!, '/api/v1/registrations', {});
    expect([get.status, get.headers.allow]).toEqual([405, 'POST, OPTIONS']);
    const options = await raw(baseURL!, '/api/v1/customers/1/memberships', { method: 'OPTIONS' });
    expect([options.status, options.headers.allow]).toEqual([204, 'GET, POST, HEAD, OPTIONS']);
    expect((await raw(baseURL!, '/api/v1/events', { method: 'TRACE' })).status).toBe(405);
    for (const path of ['/api/v1/nothing/here', '/api/v1', '/api/v1/%2e%2e/%2e%2e/etc/passwd', '/api/v1/events/%2e%2e', '/api/v1/customers%2f1']) {
      const answer = await raw(baseURL!, path, {});
      expect(answer.status, path).toBe(404);
      expect(problemOf(answer).code).toBe('not_found');
    }
    expect(problemOf(await raw(baseURL!, '/api/v1/events%E0%A4%A', {})).code).toBe('invalid_path');
  });

  test('API bodies over 64 KB are refused with 413, a declared one unread, one without a length after 64 KB', async ({ baseURL }) => {
    const token = createToken();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `edge-${Date.now()}` };
    const declared = await raw(baseURL!, '/api/v1/registrations', { method: 'POST', headers: { ...headers, 'content-length': String(300 * 1024 * 1024) }, body: '' });
    expect(declared.status).toBe(413);
    expect(problemOf(declared).code).toBe('payload_too_large');
    const started = Date.now();
    const unsized = await raw(baseURL!, '/api/v1/registrations', { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, chunks: 300 });
    expect(unsized.status).toBe(413);
    expect(problemOf(unsized)).toMatchObject({ code: 'payload_too_large' });
    // The server stopped reading at the limit and closed: the client got no further than the socket buffers.
    expect(unsized.sent).toBeLessThan(64 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(10_000);
    const fits = await raw(baseURL!, '/api/v1/registrations', { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' }, chunks: 0 });
    expect(problemOf(fits)).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  test('server actions answer over-large and malformed bodies with 4xx', async ({ baseURL }) => {
    const action = serverActionId('setLocale');
    const post = (headers: Record<string, string>, body: string) => raw(baseURL!, '/signin', { method: 'POST', headers: { 'next-action': action, ...headers }, body });
    const text = { 'content-type': 'text/plain;charset=UTF-8' };
    expect((await post(text, 'garbage{')).status).toBe(400);
    expect((await post({ 'content-type': 'multipart/form-data; boundary=xx' }, 'garbage')).status).toBe(400);
    expect((await post({ 'content-type': 'multipart/form-data' }, 'garbage')).status).toBe(400);
    expect((await post(text, 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await raw(baseURL!, '/signin', { method: 'POST', headers: { 'next-action': action, ...text, 'transfer-encoding': 'chunked' }, chunks: 2 })).status).toBe(411);
    // Arguments React cannot decode: references to rows a text body does not have, no array, a server reference.
    for (const body of ['null', '1e309', '"$T"', '["$1"]', '["$Q1"]', '["$W1"]', '["$h1"]', '["$F1"]', '["$B1"]', '["$i"]', '[{"then":"$1:then"}]', '["$nx"]']) {
      expect((await post(text, body)).status, body).toBe(400);
    }
    expect((await post(text, '[]')).status).toBeLessThan(500);
    expect((await post(text, '[1,{"a":2}]')).status).toBeLessThan(500);
    expect((await post({ ...text, 'next-action': 'not-an-action' }, '[]')).status).toBe(400);
  });
});

test.describe('the customer import under the body limits', () => {
  test('a 20 MB file reaches the import whole; one over the limit is refused on the form, unsent', async ({ page }, testInfo) => {
    test.slow();
    await signInAs(page, 'operator');
    await page.goto('/ops/import');
    // A wrong header: the file travels whole through the server and is refused by the import itself, writing nothing.
    const row = '13023459999,张三\n';
    const big = testInfo.outputPath('big.csv');
    fs.writeFileSync(big, `phone,name\n${row.repeat(Math.ceil(20_000_000 / Buffer.byteLength(row)))}`);
    expect(fs.statSync(big).size).toBeGreaterThan(20_000_000);
    await page.getByLabel('CSV 文件').setInputFiles(big);
    const answer = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/ops/import');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    expect((await answer).status()).toBe(200);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('表头不正确');

    let sent = false;
    page.on('request', (request) => {
      if (request.method() === 'POST') sent = true;
    });
    const huge = testInfo.outputPath('huge.csv');
    fs.writeFileSync(huge, Buffer.alloc(25 * 1024 * 1024 + 1, 'a'));
    await page.getByLabel('CSV 文件').setInputFiles(huge);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('文件超过 25 MB');
    expect(sent).toBe(false);
  });
});
