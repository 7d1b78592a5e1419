import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  ACTOR_KINDS,
  ACTOR_PROFILES,
  AUTHORIZATION_MATRIX,
  expectedAccess,
  rowId,
  type Access,
  type ActionRow,
  type ActorKind,
  type HandlerRow,
  type MatrixRow,
  type PageRow,
  type Surface,
  type Target,
} from '../lib/domain/authorization-matrix';
import { imeiCheckDigit } from '../lib/domain/warranty';
import type { MatrixWorld } from './authorization-world';
import { E2E_DATABASE } from './db';
import { expect, test } from './fixtures';

/*
 * The authorization matrix (lib/domain/authorization-matrix.ts) walked over HTTP against the
 * production server: every row, for every actor kind, with the answer checked against
 * expectedAccess. Pages and route handlers are asked as a browser would, server actions as React
 * calls them (POST to a page that uses the action, the action's id in the Next-Action header, the
 * arguments encoded as React's encodeReply does), the API with bearer tokens.
 *
 * The accounts and the things the rows name come from e2e/authorization-world.ts: two provinces of
 * their own, so that what the walk changes (it does register, cancel, check in…) touches nothing
 * another spec reads. Each actor kind walks the rows in the table's order, so that an allowed actor
 * meets the state its row expects (a check-in before its undo).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING_OFFSET = 8 * HOUR;
/** A datetime-local value in Beijing time, as the operators' forms send it. */
const local = (instant: number) => new Date(instant + BEIJING_OFFSET).toISOString().slice(0, 16);
const beijingDay = (instant: number) => local(instant).slice(0, 10);

/** What one answer was, in the terms expectedAccess uses (plus what else it could be). */
type Outcome = 'ok' | 'redirect' | 'signin' | 'unauthenticated' | 'forbidden' | 'not_found' | `status ${number}` | `unexpected: ${string}`;

/** What a form action receives: a field is a value or (for a `name[]` field) several. */
type Form = Record<string, string | string[] | File>;
type Call = { query?: string; json?: unknown; form?: Form; urlencoded?: Record<string, string> };

let world: MatrixWorld;
let appOrigin = '';
const contexts = new Map<ActorKind, APIRequestContext>();
/** Action id and the page it is posted to, by `file#export`. */
const actions = new Map<string, { id: string; worker: string }>();

/** The sample each kind of target stands for; the API's customer is one of its own, so that its writes can all succeed. */
function sample(target: Target, surface: Surface): string {
  const { ids } = world;
  const api = surface === 'api';
  const samples: Record<Target, string | number> = {
    province: world.home,
    club: api ? 'film' : world.club,
    event: ids.eventNow!,
    registration: api ? ids.registrationForApi! : ids.registration!,
    customer: api ? ids.apiCustomer! : ids.customer!,
    complaint: ids.complaint!,
    callback: ids.callback!,
    import: ids.import!,
    service: ids.cleaningService!,
    slot: ids.slot!,
    booking: api ? ids.bookingForApi! : ids.booking!,
    trial: ids.trial!,
    trialApplication: ids.trialApplication!,
    loaner: ids.loaner!,
    loan: ids.loan!,
    hall: ids.hall!,
    hallVisit: ids.hallVisit!,
  };
  return String(samples[target]);
}

function fillPath(pattern: string, params: Record<string, Target> | undefined, surface: Surface): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const target = params?.[name];
    if (!target) throw new Error(`${pattern}: no sample for [${name}]`);
    return sample(target, surface);
  });
}

const eventDetails = (): Form => ({
  provinceCode: world.home,
  clubCode: world.club,
  kind: 'music_fan_event',
  titleZh: '矩阵新活动',
  venue: '西安音乐厅',
  capacity: '20',
  priceType: 'free',
  'eligibleSegments[]': ['prepaid', 'postpaid', 'postpaid_vip'],
});

const eventForm = (): Form => {
  const startsAt = Date.now() + 30 * DAY;
  return { ...eventDetails(), startsAt: local(startsAt), endsAt: local(startsAt + 2 * HOUR), regOpensAt: local(Date.now()), regClosesAt: local(startsAt - DAY) };
};

/** A 1×1 PNG: an upload every cover action accepts. */
const coverFile = () =>
  new File([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')], 'cover.png', { type: 'image/png' });

/**
 * Requests whose rows need more than their path: query strings, JSON bodies, action forms. A row
 * that names a target must be here (or be a page or GET with only path parameters); rows naming
 * nothing are called with nothing, which reaches their role check and stops at validation.
 */
const CALLS: Record<string, () => Call> = {
  'POST /api/auth/[...nextauth]': () => ({ urlencoded: { username: 'nobody', password: 'nothing' } }),
  'POST /ops/checkin/[eventId]/scans': () => ({ json: { scans: [{ nonce: randomUUID(), scannedAt: Date.now(), registrationId: world.ids.registration }] } }),
  'POST /ops/checkin/[eventId]/undo': () => ({ json: { registrationId: world.ids.registration } }),
  'GET /stats/export/[table]': () => ({ query: '?format=csv' }),
  'GET /stats/export/registrations': () => ({ query: '?format=csv' }),
  'GET /api/v1/customers': () => ({ query: `?mobile=${world.mobiles.apiCustomer}` }),
  'POST /api/v1/ledger-entries': () => ({
    json: { entries: [{ externalRef: `matrix-${randomUUID()}`, kind: 'points_accrual', mobile: world.mobiles.apiCustomer, amount: 10, occurredAt: new Date(Date.now() - 60_000).toISOString() }] },
  }),
  'POST /api/v1/customers/[customerId]/memberships': () => ({ json: { clubCode: 'film' } }),
  'POST /api/v1/customers/[customerId]/complaints': () => ({ json: { topic: 'event', body: '渠道转来的投诉，请尽快处理。' } }),
  'POST /api/v1/registrations': () => ({ json: { customerId: world.ids.apiCustomer, eventId: world.ids.eventNow } }),
  'POST /api/v1/customers/[customerId]/service-bookings': () => ({ json: { slotId: world.ids.slot } }),
  'POST /api/v1/customers/[customerId]/trial-applications': () => ({ json: { programmeId: world.ids.trial } }),
  'POST /api/v1/customers/[customerId]/loaners': () => ({ json: { loanerId: world.ids.loanerForApi, bookingId: world.ids.repairBookingForApi, dueAt: new Date(Date.now() + 3 * DAY).toISOString() } }),
  'POST /api/v1/service-bookings/[bookingId]/cancel': () => ({ json: { reason: '客户来电改约' } }),

  setLocale: () => ({ form: { locale: 'zh-CN' } }),
  joinMyClub: () => ({ form: { clubCode: 'film' } }),
  leaveMyClub: () => ({ form: { clubCode: 'film' } }),
  registerMe: () => ({ form: { eventId: String(world.ids.eventNow), idempotencyKey: randomUUID() } }),
  remindMe: () => ({ form: { eventId: String(world.ids.eventNow) } }),
  forgetReminder: () => ({ form: { eventId: String(world.ids.eventNow) } }),
  submitMyFeedback: () => ({ form: { eventId: String(world.ids.eventNow), registrationId: String(world.ids.registration), rating: '5' } }),
  cancelMyRegistration: () => ({ form: { registrationId: String(world.ids.registrationForMember), idempotencyKey: randomUUID() } }),
  markInboxSeen: () => ({ form: { ids: '1' } }),
  markInboxRead: () => ({ form: { throughId: '1' } }),
  bookSlotAction: () => ({ form: { slotId: String(world.ids.slot) } }),
  cancelMyBookingAction: () => ({ form: { bookingId: String(world.ids.booking) } }),
  applyForTrialAction: () => ({ form: { programmeId: String(world.ids.trial) } }),

  createEventAction: () => ({ form: eventForm() }),
  updateEventAction: () => ({ form: { eventId: String(world.ids.draftEvent), ...eventForm() } }),
  publishEventAction: () => ({ form: { eventId: String(world.ids.draftEvent) } }),
  cancelEventAction: () => ({ form: { eventId: String(world.ids.draftEvent), confirm: 'yes' } }),
  createSeriesAction: () => ({
    form: {
      ...eventDetails(),
      frequency: 'monthly',
      weekday: '6',
      ordinal: '1',
      startDate: beijingDay(Date.now() + 40 * DAY),
      count: '1',
      time: '19:00',
      durationMinutes: '120',
      regOpensDaysBefore: '10',
      regClosesHoursBefore: '2',
    },
  }),
  setEventCoverAction: () => ({ form: { eventId: String(world.ids.eventNow), file: coverFile() } }),
  removeEventCoverAction: () => ({ form: { eventId: String(world.ids.eventNow) } }),
  setClubCoverAction: () => ({ form: { clubCode: world.club, provinceCode: world.home, file: coverFile() } }),
  removeClubCoverAction: () => ({ form: { clubCode: world.club, provinceCode: world.home } }),
  closeEventAction: () => ({ form: { eventId: String(world.ids.eventNow), confirm: 'yes' } }),
  correctAttendanceAction: () => ({ form: { eventId: String(world.ids.eventNow), registrationId: String(world.ids.registration), attended: 'true' } }),
  assignAccountManagerAction: () => ({ form: { customerId: String(world.ids.customer), staffId: '' } }),
  enrollCustomer: () => ({ form: { customerId: String(world.ids.customer), clubCode: world.club, channel: 'hall' } }),
  withdrawCustomer: () => ({ form: { customerId: String(world.ids.customer), clubCode: world.club, channel: 'hall' } }),
  fileComplaintForCustomer: () => ({ form: { customerId: String(world.ids.customer), topic: 'event', body: '客户来电投诉活动安排，请跟进。', channel: 'hotline' } }),
  registerCustomer: () => ({ form: { customerId: String(world.ids.customer), eventId: String(world.ids.eventNow), channel: 'hall', idempotencyKey: randomUUID() } }),
  cancelCustomerRegistration: () => ({ form: { registrationId: String(world.ids.registrationForStaff), idempotencyKey: randomUUID() } }),
  bookServiceForCustomer: () => ({ form: { customerId: String(world.ids.member), slotId: String(world.ids.slot), channel: 'hotline', idempotencyKey: randomUUID() } }),
  applyTrialForCustomer: () => ({ form: { customerId: String(world.ids.member), programmeId: String(world.ids.trial), channel: 'hotline', idempotencyKey: randomUUID() } }),
  lendLoanerForCustomer: () => ({
    form: { customerId: String(world.ids.member), bookingId: String(world.ids.repairBooking), loanerId: String(world.ids.loaner), dueDate: beijingDay(Date.now() + 3 * DAY), channel: 'hotline', idempotencyKey: randomUUID() },
  }),
  recordCallbackAction: () => ({ form: { callbackId: String(world.ids.callback), outcome: 'reached', opinion: '满意' } }),
  takeComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint) } }),
  transferComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint), toStaffId: String(world.ids.complaint), reason: '矩阵测试转办' } }),
  resolveComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint), reply: '已核实并处理。' } }),
  confirmComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint) } }),
  reopenComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint), reason: '问题没有解决' } }),
  rateComplaintAction: () => ({ form: { complaintId: String(world.ids.complaint), rating: '4' } }),
  advanceBookingAction: () => ({ form: { bookingId: String(world.ids.booking), to: 'confirmed' } }),
  cancelBookingAction: () => ({ form: { bookingId: String(world.ids.booking), reason: '客户改期' } }),
  lendLoanerAction: () => ({ form: { bookingId: String(world.ids.repairBooking), loanerId: String(world.ids.loaner), dueDate: beijingDay(Date.now() + 3 * DAY) } }),
  returnLoanerAction: () => ({ form: { loanId: String(world.ids.loan), condition: '良好' } }),
  registerHandsetAction: () => {
    const body = `86${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    return { form: { hallId: String(world.ids.hall), imei: `${body}${imeiCheckDigit(body)}`, model: '矩阵手机', purchasedOn: beijingDay(Date.now()) } };
  },
  serveRepairAction: () => ({ form: { handsetId: String(world.ids.handset), hallId: String(world.ids.hall), fault: '屏幕失灵', work: '更换屏幕', requestKey: randomUUID() } }),
  addLoanerAction: () => ({ form: { provinceCode: world.home, hallId: String(world.ids.hall), model: '矩阵备用机', imei: `86${String(randomInt(0, 1e13)).padStart(13, '0')}`, condition: '良好' } }),
  createSlotAction: () => ({
    form: { serviceId: String(world.ids.cleaningService), hallId: String(world.ids.hall), date: beijingDay(Date.now() + 5 * DAY), startTime: '10:00', endTime: '11:00', opensAt: local(Date.now()), capacity: '5' },
  }),
  updateServiceAction: () => ({
    form: { serviceId: String(world.ids.cleaningService), descriptionZh: '手机清洁保养', 'eligibleSegments[]': ['prepaid', 'postpaid', 'postpaid_vip'], vipPriorityHours: '0', pricePoints: '0', active: 'on' },
  }),
  createTrialAction: () => ({
    form: {
      serviceId: String(world.ids.trialService),
      titleZh: '矩阵新机试用',
      units: '3',
      vipOpensAt: local(Date.now() + DAY),
      opensAt: local(Date.now() + 2 * DAY),
      closesAt: local(Date.now() + 9 * DAY),
      loanDays: '7',
    },
  }),
  trialStepAction: () => ({ form: { applicationId: String(world.ids.trialApplication), step: 'select' } }),
  checkInVisitorAction: () => ({ form: { hallId: String(world.ids.hall), mobile: world.mobiles.customer, purpose: 'enquiry' } }),
  hallVisitStepAction: () => ({ form: { visitId: String(world.ids.hallVisit), step: 'start' } }),
  saveHallAction: () => ({ form: { hallId: String(world.ids.hall), provinceCode: world.home, kind: 'hall', nameZh: world.hallName, city: '西安', address: '雁塔区', active: 'on' } }),
};

/** Actions that take the form alone (a plain <form action>), not a previous state and the form (useActionState). */
const FORM_ONLY_ACTIONS = new Set(['setLocale']);

const callFor = (row: MatrixRow): Call => (CALLS[row.surface === 'action' ? row.action : rowId(row)] ?? (() => ({})))();

/** The URL of a page by its pattern in the build (`app/(member)/events/[id]/page`), with the page row's samples. */
function pageUrl(worker: string): string {
  const pattern = `/${worker.replace(/^app\//, '').replace(/\/?page$/, '')}`
    .split('/')
    .filter((s) => !/^\(.*\)$/.test(s))
    .join('/');
  const url = pattern === '' ? '/' : pattern;
  const row = AUTHORIZATION_MATRIX.find((r): r is PageRow => r.surface === 'page' && r.path === url);
  return fillPath(url, row?.params, 'page');
}

/**
 * React's encodeReply of (previous state, form), or of the form alone: the form's fields under the
 * reference's prefix, then the root ("0") last, as the server resolves the root when it arrives.
 */
function actionBody(row: ActionRow, form: Form): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) data.append(`_1_${key}`, v);
  data.append('0', JSON.stringify(FORM_ONLY_ACTIONS.has(row.action) ? ['$K1'] : [{ status: 'idle' }, '$K1']));
  return data;
}

/** The action's return value from an RSC answer (row 0 points at the row that holds it); 'threw' when the action failed. */
function actionResult(text: string): { status?: string; code?: string } | 'threw' | undefined {
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const root = JSON.parse(rows.get('0') ?? '{}') as { a?: string };
  const ref = /^\$@([0-9a-f]+)$/.exec(root.a ?? '')?.[1];
  const value = ref ? rows.get(ref) : undefined;
  if (value === undefined) return undefined;
  // An error row (E{"digest":…}) is what a user sees as "something went wrong".
  if (value.startsWith('E')) return 'threw';
  const parsed = JSON.parse(value) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as { status?: string; code?: string }) : {};
}

async function send(actor: ActorKind, row: MatrixRow): Promise<APIResponse> {
  const ctx = contexts.get(actor)!;
  const call = callFor(row);
  const token = ACTOR_PROFILES[actor].credential === 'token' ? world.tokens[actor as 'token' | 'tokenOfOtherProvince'] : undefined;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // A browser names the page's origin on every POST, form or fetch; so does the walk.
  if (row.surface === 'action' || (row.surface !== 'page' && row.method !== 'GET')) headers.origin = appOrigin;
  if (row.surface === 'action') {
    const action = actions.get(rowId(row));
    if (!action) throw new Error(`${rowId(row)} is not in the build's server-reference-manifest.json`);
    return ctx.fetch(pageUrl(action.worker), {
      method: 'POST',
      headers: { ...headers, 'next-action': action.id, accept: 'text/x-component' },
      multipart: actionBody(row, call.form ?? {}),
      maxRedirects: 0,
    });
  }
  const url = (row.surface === 'page' ? fillPath(row.path, row.params, row.surface) : (row.example ?? fillPath(row.path, row.params, row.surface))) + (call.query ?? '');
  if (row.surface === 'api' && row.method !== 'GET') headers['idempotency-key'] = `matrix-${randomUUID()}`;
  return ctx.fetch(url, {
    method: row.surface === 'page' ? 'GET' : row.method,
    headers,
    ...(call.json !== undefined ? { data: call.json } : {}),
    ...(call.urlencoded !== undefined ? { form: call.urlencoded } : {}),
    maxRedirects: 0,
  });
}

/** Reads an answer as an outcome; refusals of handlers must be problem+json. */
async function outcomeOf(row: MatrixRow, response: APIResponse): Promise<{ outcome: Outcome; code?: string }> {
  const status = response.status();
  if (row.surface === 'page') {
    if (status === 200) return { outcome: 'ok' };
    if (status >= 300 && status < 400) return { outcome: new URL(response.headers().location ?? '', 'http://x').pathname === '/signin' ? 'signin' : 'redirect' };
    if (status === 403) return { outcome: 'forbidden' };
    if (status === 404) return { outcome: 'not_found' };
    return { outcome: `status ${status}` };
  }
  if (row.surface === 'action') {
    // A refusal is a form state; a redirect is where a done action sends the page (signing out: to sign-in).
    if (response.headers()['x-action-redirect']) return { outcome: 'redirect' };
    if (status !== 200) return { outcome: `status ${status}` };
    const result = actionResult(await response.text());
    if (!result) return { outcome: 'unexpected: no action result' };
    if (result === 'threw') return { outcome: 'unexpected: the action threw' };
    if (result.status === 'error' && (result.code === 'unauthenticated' || result.code === 'forbidden' || result.code === 'not_found')) return { outcome: result.code, code: result.code };
    if (result.status === 'error' && result.code !== undefined && result.code === row.notFoundCode) return { outcome: 'not_found', code: result.code };
    return { outcome: 'ok', code: result.code ?? result.status };
  }
  if (status >= 200 && status < 300) return { outcome: 'ok' };
  if (status >= 300 && status < 400) return { outcome: 'redirect' };
  const refusal: Record<number, Outcome> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };
  const outcome = refusal[status] ?? `status ${status}`;
  if (refusal[status] && row.roles !== 'public' && !(response.headers()['content-type'] ?? '').includes('application/problem+json')) {
    return { outcome: `unexpected: ${status} not as problem+json` };
  }
  return { outcome, code: outcome };
}

/** The outcomes that satisfy an expected access on a surface. */
function accepted(row: MatrixRow, actor: ActorKind, access: Access): Outcome[] {
  const signedIn = ACTOR_PROFILES[actor].credential === 'session';
  switch (access) {
    case 'allowed':
      if (row.surface === 'page') return row.redirectsSignedIn && signedIn ? ['redirect'] : ['ok'];
      // Actions redirect when done; a public handler may send the browser on (next-auth does).
      return row.surface === 'action' || row.roles === 'public' ? ['ok', 'redirect'] : ['ok'];
    case 'unauthenticated':
      return row.surface === 'page' ? ['signin'] : ['unauthenticated'];
    case 'forbidden':
      return ['forbidden'];
    case 'not_found':
      return ['not_found'];
    case 'outside_club':
      return ['forbidden', 'not_found'];
  }
}

async function signIn(ctx: APIRequestContext, who: { kind: 'member' | 'staff'; login: string }, password: string) {
  const { csrfToken } = (await (await ctx.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await ctx.post(`/api/auth/callback/${who.kind}`, {
    form: { csrfToken, password, json: 'true', ...(who.kind === 'member' ? { mobile: who.login } : { username: who.login }) },
  });
  expect(response.ok(), `sign-in of ${who.login}`).toBe(true);
  expect((await ctx.storageState()).cookies.some((c) => c.name.includes('next-auth.session-token')), `session cookie of ${who.login}`).toBe(true);
}

function loadActionIds() {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    // The page with the fewest parameters renders fastest when an action revalidates it.
    const worker = Object.keys(entry.workers)
      .filter((w) => w.endsWith('/page') && !w.includes('_not-found'))
      .sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0) || a.length - b.length)[0];
    if (worker) actions.set(`${entry.filename}#${entry.exportedName}`, { id, worker });
  }
}

test.describe('the authorization matrix', () => {
  test.beforeAll(async ({}, testInfo) => {
    test.setTimeout(120_000);
    const baseURL = testInfo.project.use.baseURL;
    appOrigin = new URL(baseURL!).origin;
    // A password of this run only: nothing in the repository signs in to these accounts.
    const password = randomBytes(18).toString('base64url');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-world-')), 'world.json');
    const made = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'e2e/authorization-world.ts', out], {
      env: { ...process.env, DATABASE_URL: E2E_DATABASE, MATRIX_PASSWORD: password },
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
    world = JSON.parse(fs.readFileSync(out, 'utf8')) as MatrixWorld;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    loadActionIds();
    for (const kind of ACTOR_KINDS) {
      const ctx = await playwrightRequest.newContext({ baseURL });
      const login = world.logins[kind];
      if (login) await signIn(ctx, login, password);
      contexts.set(kind, ctx);
    }
  });

  test.afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.dispose();
  });

  test('answers every row to every actor kind as the matrix says', async () => {
    test.setTimeout(300_000);
    // A row that names a target needs a request naming the sample, or its scope goes unchecked.
    const uncalled = AUTHORIZATION_MATRIX.filter((r) => r.target && (r.surface === 'action' ? !CALLS[r.action] : !r.params && !CALLS[rowId(r)]));
    expect(uncalled.map(rowId), 'rows with a target but no sample request in CALLS').toEqual([]);
    const started = Date.now();
    let checked = 0;
    // Reads do not change what a later row meets: they go four at a time; writes one by one, in the table's order, signing out last.
    const isRead = (row: MatrixRow) => row.surface === 'page' || ((row.surface === 'route' || row.surface === 'api') && (row as HandlerRow).method === 'GET');
    const reads = AUTHORIZATION_MATRIX.filter(isRead);
    const endsSession = (row: MatrixRow) => row.surface === 'action' && row.endsSession === true;
    const writes = [...AUTHORIZATION_MATRIX.filter((row) => !isRead(row) && !endsSession(row)), ...AUTHORIZATION_MATRIX.filter(endsSession)];
    for (const actor of ACTOR_KINDS) {
      const mismatches: string[] = [];
      const check = async (row: MatrixRow) => {
        const expected = expectedAccess(row, actor);
        const { outcome, code } = await outcomeOf(row, await send(actor, row));
        checked++;
        if (!accepted(row, actor, expected).includes(outcome)) {
          mismatches.push(`${row.surface.padEnd(6)} ${rowId(row)}: expected ${expected}, got ${outcome}${code && code !== outcome ? ` (${code})` : ''}`);
        }
      };
      for (let i = 0; i < reads.length; i += 4) await Promise.all(reads.slice(i, i + 4).map(check));
      for (const row of writes) await check(row);
      expect.soft(mismatches, `${mismatches.length} answers to ${actor} differ from the matrix:\n${mismatches.join('\n')}`).toEqual([]);
    }
    console.log(`authorization matrix: ${AUTHORIZATION_MATRIX.length} rows x ${ACTOR_KINDS.length} actor kinds = ${checked} answers checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
