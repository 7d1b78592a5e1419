import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { queryE2e } from './db';
import { ACCOUNTS, expect, OTHER_ACCOUNTS, overflowX, signInAs, test } from './fixtures';
import { tianheCodePath } from './halls';

/**
 * Every page of every role, in both languages, at desktop width and on a 390 px phone: axe finds no
 * serious or critical violation of WCAG 2.x A/AA and, on the phone, nothing reaches past the right
 * edge. Moderate and minor findings are counted in the attached `axe-summary.json`, not failed on.
 *
 * The list below is the authoritative one: a last test checks that every route of the app (each
 * app/**\/page.tsx) is visited by some role or excluded here with its reason.
 *
 * Tagged @axe: `npm test` runs these beside the other specs, on a server and database of their own.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * Violations only are gathered in full (the passes, one node each: several times faster), and
 * label-content-name-mismatch (WCAG 2.5.3), which axe leaves off unless asked, is asked for.
 */
const AXE_OPTIONS = { resultTypes: ['violations' as const], rules: { 'label-content-name-mismatch': { enabled: true } } };
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

/**
 * A page to check, named by its route as the app directory spells it. A route with an id is
 * reached through the first link matching `link` on the page `from` (a route visited before, or a
 * path), or by `find` where no page links to it (what a visitor opens from a shared link): the ids
 * of the demo data are drawn at seed time. On the phone, a page with a `shot` is attached to the
 * report as a full-page screenshot named after it.
 */
type Visit = { route: string; path?: string; from?: string; link?: RegExp; find?: () => Promise<string>; as?: Login; shot?: string };

/** A published Guangdong event, as a link shared by SMS or by a member leads to it. */
async function sharedEventPath(): Promise<string> {
  const [event] = await queryE2e<{ id: number }>(`select id from events where province_code = '440000' and status = 'published' order by starts_at limit 1`);
  return `/events/${event!.id}`;
}

type Login = Parameters<typeof signInAs>[1];

const MEMBER_PAGES: Visit[] = [
  { route: '/clubs' },
  { route: '/events' },
  { route: '/events', path: '/events?view=calendar' },
  { route: '/events/[id]', from: '/events', link: /^\/events\/\d+$/ },
  { route: '/tickets' },
  { route: '/services' },
  { route: '/services/[serviceId]', from: '/services', link: /^\/services\/\d+$/ },
  { route: '/points', shot: 'points' },
  { route: '/record' },
  { route: '/complaints' },
  // Where a hall's printed code leads (the member's check-in), before checking in.
  { route: '/visit', find: tianheCodePath },
  // The demo member holds no live ticket until a spec registers them: the prepaid member holds one.
  { route: '/tickets/[id]', as: OTHER_ACCOUNTS.prepaidMember, from: '/tickets', link: /^\/tickets\/\d+$/ },
  // Opening the inbox marks it read: another member's (张雨欣, whom no other spec signs in), so that the demo member's unread messages stay for the specs that count them.
  { route: '/messages', as: { kind: 'member', login: '17601105678' } },
];

const OPERATOR_PAGES: Visit[] = [
  { route: '/ops/events' },
  { route: '/ops/events/[id]', from: '/ops/events', link: /^\/ops\/events\/\d+$/ },
  { route: '/ops/events/[id]/roster', from: '/ops/events/[id]', link: /^\/ops\/events\/\d+\/roster$/, shot: 'roster' },
  { route: '/ops/events/new' },
  { route: '/ops/checkin' },
  { route: '/ops/checkin/[eventId]', from: '/ops/checkin', link: /^\/ops\/checkin\/\d+$/ },
  { route: '/ops/events/series/new' },
  { route: '/ops/plan' },
  { route: '/ops/members' },
  { route: '/ops/members/[club]', from: '/ops/members', link: /^\/ops\/members\/[a-z]+$/ },
  { route: '/ops/clubs' },
  { route: '/ops/customers/[id]', from: '/ops/members/[club]', link: /^\/ops\/customers\/\d+$/, shot: 'customer' },
  { route: '/ops/import' },
  { route: '/ops/callbacks' },
  { route: '/ops/complaints' },
  { route: '/ops/halls' },
  { route: '/ops/halls/[id]/queue', from: '/ops/halls', link: /^\/ops\/halls\/\d+\/queue$/ },
  { route: '/ops/halls/[id]/code', from: '/ops/halls', link: /^\/ops\/halls\/\d+\/code$/ },
  // With a demo Guangdong handset repaired in Beijing: the search, its card, its repairs and both forms in one visit.
  { route: '/ops/warranty', path: '/ops/warranty?imei=352099001761481' },
  { route: '/ops/services' },
  { route: '/ops/services/catalogue' },
  { route: '/ops/services/halls' },
  { route: '/ops/services/loaners' },
  { route: '/ops/services/slots' },
  { route: '/ops/services/trials' },
  { route: '/ops/services/trials/[id]', from: '/ops/services/trials', link: /^\/ops\/services\/trials\/\d+$/ },
  { route: '/stats/inspections' },
  { route: '/stats/inspections/new' },
  { route: '/account' },
];

const OPERATOR_HALLS = OPERATOR_PAGES.findIndex((visit) => visit.route === '/ops/halls');

const STATISTICS_PAGES: Visit[] = [
  { route: '/stats', shot: 'stats' },
  { route: '/stats', path: '/stats?club=handset' },
  { route: '/stats/compliance' },
  { route: '/stats/compliance/[province]', from: '/stats/compliance', link: /^\/stats\/compliance\/\d+/ },
  { route: '/stats/opinions' },
  { route: '/stats/inspections' },
  { route: '/stats/inspections/new' },
];

type Visitor = { who: string; login: Login | null; pages: Visit[] };

const VISITORS: Visitor[] = [
  { who: 'visitor', login: null, pages: [{ route: '/signin' }, { route: '/activate' }, { route: '/events/[id]', find: sharedEventPath, shot: 'shared-event' }] },
  { who: 'member', login: ACCOUNTS.member, pages: MEMBER_PAGES },
  // The operator's pages in two tests, each well inside its timeout on a busy machine: the second starts at the halls.
  { who: 'operator', login: ACCOUNTS.operator, pages: OPERATOR_PAGES.slice(0, OPERATOR_HALLS) },
  { who: 'operator at the halls', login: ACCOUNTS.operator, pages: OPERATOR_PAGES.slice(OPERATOR_HALLS) },
  { who: 'provincial analyst', login: ACCOUNTS.analyst, pages: [...STATISTICS_PAGES, { route: '/account' }] },
  { who: 'HQ analyst', login: OTHER_ACCOUNTS.hqAnalyst, pages: [...STATISTICS_PAGES, { route: '/account' }] },
  { who: 'account manager', login: OTHER_ACCOUNTS.accountManager, pages: [{ route: '/ops/my-vips' }, { route: '/ops/callbacks' }, { route: '/account' }] },
  {
    // The admin's operations pages are the operator's, over every province: those whose view differs for HQ.
    who: 'admin',
    login: ACCOUNTS.admin,
    pages: [
      { route: '/admin' },
      { route: '/admin/settings' },
      { route: '/admin/staff' },
      { route: '/admin/tokens' },
      { route: '/admin/billing' },
      { route: '/admin/audit' },
      { route: '/ops/events' },
      { route: '/ops/plan' },
      { route: '/ops/members/[club]', from: '/ops/members', link: /^\/ops\/members\/[a-z]+$/ },
      { route: '/ops/clubs' },
      { route: '/ops/services' },
      { route: '/ops/services/trials' },
      { route: '/stats/inspections', path: '/stats/inspections?province=440000' },
      { route: '/stats/inspections/new', path: '/stats/inspections/new?province=440000' },
      { route: '/account' },
    ],
  },
];

/** Routes no role above visits, each with why. */
const NOT_VISITED: Record<string, string> = {
  '/': 'only redirects: to the sign-in page or the landing page of the role, both visited',
};

type PageSummary = { path: string; route: string; ms: number } & Record<(typeof IMPACTS)[number], number> & { rules: Record<string, number> };

/** The first link of the page whose path matches, with its query (a compliance cell's year and club). */
async function firstLink(page: Page, link: RegExp): Promise<string | undefined> {
  const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href)).map((url) => ({ path: url.pathname, href: url.pathname + url.search })));
  return hrefs.find((href) => link.test(href.path))?.href;
}

for (const locale of ['zh-CN', 'en'] as const) {
  for (const phone of [false, true]) {
    for (const visitor of VISITORS) {
      test(`${visitor.who} in ${locale}: no serious or critical axe violation on any page${phone ? ', nothing wider than the phone @phone' : ''}`, { tag: '@axe' }, async ({ page, baseURL }, testInfo) => {
        test.setTimeout(120_000);
        await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL! }]);
        if (visitor.login) await signInAs(page, visitor.login);
        const visited = new Map<string, string>();
        const summary: PageSummary[] = [];
        let current: string | undefined;
        for (const visit of visitor.pages) {
          if (visit.as) {
            await signInAs(page, visit.as);
            current = undefined;
          }
          let target = visit.path ?? visit.route;
          if (visit.find) target = await visit.find();
          if (visit.link) {
            const from = visited.get(visit.from!) ?? visit.from!;
            if (from !== current) await page.goto(from);
            const found = await firstLink(page, visit.link);
            expect(found, `a link to ${visit.route} on ${from}`).toBeDefined();
            target = found!;
          }
          const started = Date.now();
          const response = await page.goto(target);
          expect(response?.status(), `${target} answers`).toBeLessThan(400);
          visited.set(visit.route, target);
          current = target;

          const { violations, passes } = await new AxeBuilder({ page }).options(AXE_OPTIONS).withTags(TAGS).analyze();
          expect(passes.length, `axe checked ${target}`).toBeGreaterThan(0);
          const counts = Object.fromEntries(IMPACTS.map((impact) => [impact, 0])) as Record<(typeof IMPACTS)[number], number>;
          const rules: Record<string, number> = {};
          for (const v of violations) {
            counts[v.impact ?? 'minor'] += v.nodes.length;
            rules[`${v.id} (${v.impact})`] = v.nodes.length;
          }
          summary.push({ path: target, route: visit.route, ms: Date.now() - started, ...counts, rules });
          const failing = violations
            .filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
          expect.soft(failing, `serious or critical axe violations on ${target}`).toEqual([]);
          if (phone) expect.soft(await overflowX(page), `${target} reaches past the right edge of the phone by`).toBeLessThanOrEqual(1);
          if (phone && visit.shot) {
            const name = `13-${visitor.who.replaceAll(' ', '-').toLowerCase()}-${visit.shot}-${locale === 'en' ? 'en' : 'zh'}.png`;
            await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
          }
        }
        await testInfo.attach('axe-summary.json', {
          body: JSON.stringify({ who: visitor.who, locale, width: page.viewportSize()?.width, pages: summary }, null, 2),
          contentType: 'application/json',
        });
      });
    }
  }
}

/** "/ops/events/[id]/roster" for app/ops/events/[id]/roster/page.tsx; route groups such as (member) are left out of the URL. */
function appRoutes(dir = 'app', prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === 'page.tsx' ? [prefix || '/'] : [];
    if (!entry.isDirectory()) return [];
    const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
    return appRoutes(path.join(dir, entry.name), prefix + segment);
  });
}

test('every page of the app is checked for accessibility or excluded with its reason', { tag: '@axe' }, () => {
  const checked = new Set<string>(VISITORS.flatMap((v) => v.pages.map((p) => p.route)));
  const routes = appRoutes();
  expect(routes.length).toBeGreaterThan(20);
  expect(routes.filter((route) => !checked.has(route) && !(route in NOT_VISITED))).toEqual([]);
  expect([...checked, ...Object.keys(NOT_VISITED)].filter((route) => !routes.includes(route))).toEqual([]);
});
