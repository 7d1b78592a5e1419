import { test as base, expect, type Page } from '@playwright/test';

/** The demo accounts' password of this run (playwright.config.ts draws it and seeds the server with it). */
export const PASSWORD = process.env.DEMO_PASSWORD ?? '';
if (!PASSWORD) throw new Error('DEMO_PASSWORD is not set: run the end-to-end tests through playwright.config.ts');

export const ACCOUNTS = {
  member: { kind: 'member', login: '18602001234', name: '陈思远', landing: '/clubs' },
  operator: { kind: 'staff', login: 'gd.operator', name: '广东运营 陈志强', landing: '/ops/events' },
  analyst: { kind: 'staff', login: 'gd.analyst', name: '广东分析师 黄丽', landing: '/stats' },
  admin: { kind: 'staff', login: 'admin', name: '总部管理员', landing: '/admin' },
} as const;

export type AccountRole = keyof typeof ACCOUNTS;

/** More demo accounts (see db/seed/demo-data.ts). */
export const OTHER_ACCOUNTS = {
  bjOperator: { kind: 'staff', login: 'bj.operator' },
  hqAnalyst: { kind: 'staff', login: 'hq.analyst' },
  bjMember: { kind: 'member', login: '15601101234' },
  prepaidMember: { kind: 'member', login: '13002005678' },
  accountManager: { kind: 'staff', login: 'gd.manager' },
  /** A Guangdong postpaid member of the music and gaming clubs, with points to pay in. */
  postpaidMember: { kind: 'member', login: '18602005566' },
} as const;

type Login = { kind: 'member' | 'staff'; login: string };

/** Signs in through next-auth's credentials endpoint, not the form: the session cookie lands in the page's context. */
export async function signInAs(page: Page, who: AccountRole | Login, password = PASSWORD): Promise<void> {
  const account = typeof who === 'string' ? ACCOUNTS[who] : who;
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await page.request.post(`/api/auth/callback/${account.kind}`, {
    form: {
      csrfToken,
      password,
      json: 'true',
      ...(account.kind === 'member' ? { mobile: account.login } : { username: account.login }),
    },
  });
  expect(response.ok()).toBe(true);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes('next-auth.session-token'))).toBe(true);
}

/**
 * How far the page reaches past the right edge of the screen, in CSS pixels (0 or less: it fits).
 * Measured against the layout viewport: on an emulated phone `window.innerWidth` grows with a page
 * that is too wide (the browser zooms out), so it cannot tell.
 */
export const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Attaches a full-page screenshot of the page to the running test's report, under `name`. */
export async function attachScreenshot(page: Page, name: string): Promise<void> {
  await base.info().attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

export const test = base;
export { expect };
