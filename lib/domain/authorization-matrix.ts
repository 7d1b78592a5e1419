import type { ClubCode, Role } from './types';

/**
 * The authorization matrix: every page, route handler, server action and API operation of the app,
 * who may use it and within which scope. It is written down here apart from the code it describes
 * (the guard, AREA_ROLES, the use-cases' scope checks), so that a change of either shows as a
 * difference: `authorization-matrix.test.ts` fails for a route without a row (or a row without a
 * route), and `e2e/authorization-matrix.spec.ts` walks every row for every actor kind against the
 * production server and checks each answer against `expectedAccess`.
 *
 * Adding a route is one row: its surface, path (or action), roles and, when its parameters name
 * something that belongs to a province, a club or a member, the target and its scope.
 */

/** Pages answer in HTML; route handlers (cookie session) and the channel API (bearer token) in JSON or files; actions with a form state. */
export type Surface = 'page' | 'route' | 'action' | 'api';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Channel systems act through API tokens; they have no role of the web app. */
export type Principal = Role | 'channel';
/** Anyone, signed in or not; or the principals allowed. */
export type Allowed = 'public' | readonly Principal[];

/** What a parameter of a row (path, query, form or body) names. */
export type Target =
  | 'province'
  | 'club'
  | 'event'
  | 'registration'
  | 'customer'
  | 'complaint'
  | 'callback'
  | 'import'
  | 'service'
  | 'slot'
  | 'booking'
  | 'trial'
  | 'trialApplication'
  | 'loaner'
  | 'loan'
  | 'hall'
  | 'hallVisit';

/**
 * How far the target must be inside the actor's scope.
 * - province: the target's province (members, operators, analysts and tokens of a province; HQ
 *   covers all). Outside it the answer is 404, as if it did not exist: out of scope means 404,
 *   everywhere (issue 21 item 14), so that nobody learns what another province holds.
 * - club: the province as above (a club itself is in every province), and for operators also the
 *   target's club. An operator limited to other clubs is refused with 403 or 404 (item 14: "the
 *   club scope applies to every read as it does to writes, and answers 403/404"): the club's
 *   targets in their own province are no secret to them (the province's event list shows them),
 *   only what they may do with them is limited.
 * - own: the member's own (another member, even of the same province, finds nothing: 404).
 */
export type Scope = 'province' | 'club' | 'own';

type RowBase = {
  roles: Allowed;
  /** The target named by the row's parameters, and the scope it must be in. */
  target?: { kind: Target; scope: Scope };
  /** A club's area of the operators (the handset services): an operator without that club is refused as outside the club. */
  area?: ClubCode;
};

export type PageRow = RowBase & {
  surface: 'page';
  /** URL pattern as in app/ (route groups left out), e.g. /ops/events/[id]. */
  path: string;
  /** Path parameters and what they name. */
  params?: Record<string, Target>;
  /** Pages that send a signed-in visitor elsewhere (the landing page, sign-in when already signed in): a redirect is their answer. */
  redirectsSignedIn?: true;
  /** Pages with a public view for whoever has no session (an event's shared link): the roles apply to the signed-in only. */
  signedOutView?: true;
};

export type HandlerRow = RowBase & {
  surface: 'route' | 'api';
  method: Method;
  path: string;
  params?: Record<string, Target>;
  /** The path to call when its parameters name no target (a catch-all, a file or table name). */
  example?: string;
  /**
   * The path carries its own secret (a personal calendar feed, for apps that cannot sign in): the
   * walk asks with a made-up one, which nobody finds. Unit tests cover the real secret.
   */
  secretLink?: true;
  /**
   * Called by the SMS gateway, signed with the secret it shares with the app (SMS_GATEWAY_SECRET):
   * nobody the walk plays holds it, so every caller is unauthenticated. Unit tests sign for real.
   */
  gatewaySigned?: true;
};

export type ActionRow = RowBase & {
  surface: 'action';
  /** The module under app/ that exports it. */
  file: string;
  action: string;
  /**
   * How the action refuses a target outside the actor's scope when the form picks it among the
   * actor's own (a hall for a new loaner): with the field error it gives a target that does not
   * exist, which tells as little as a 404.
   */
  notFoundCode?: string;
  /** Ends the caller's session (signing out): walked last, after everything else the actor asks. */
  endsSession?: true;
};

export type MatrixRow = PageRow | HandlerRow | ActionRow;

const MEMBER = ['member'] as const;
const OPERATIONS = ['operator', 'admin'] as const;
/** The callback queue: the hotline staff, and account managers for their own VIPs. */
const CALLBACKS = ['operator', 'admin', 'account_manager'] as const;
const ACCOUNT_MANAGER = ['account_manager'] as const;
const STATISTICS = ['analyst', 'admin'] as const;
const ADMIN = ['admin'] as const;
const STAFF = ['operator', 'analyst', 'admin'] as const;
const SIGNED_IN = ['member', 'operator', 'analyst', 'admin'] as const;
const CHANNEL = ['channel'] as const;

const inProvince = (kind: Target) => ({ kind, scope: 'province' as const });
const inClub = (kind: Target) => ({ kind, scope: 'club' as const });
const own = (kind: Target) => ({ kind, scope: 'own' as const });

const page = (path: string, roles: Allowed, extra: Omit<PageRow, 'surface' | 'path' | 'roles'> = {}): PageRow => ({ surface: 'page', path, roles, ...extra });
const route = (method: Method, path: string, roles: Allowed, extra: Omit<HandlerRow, 'surface' | 'method' | 'path' | 'roles'> = {}): HandlerRow => ({
  surface: 'route',
  method,
  path,
  roles,
  ...extra,
});
const api = (method: Method, path: string, roles: Allowed, extra: Omit<HandlerRow, 'surface' | 'method' | 'path' | 'roles'> = {}): HandlerRow => ({
  surface: 'api',
  method,
  path,
  roles,
  ...extra,
});
const action = (file: string, name: string, roles: Allowed, extra: Omit<ActionRow, 'surface' | 'file' | 'action' | 'roles'> = {}): ActionRow => ({
  surface: 'action',
  file,
  action: name,
  roles,
  ...extra,
});

export const AUTHORIZATION_MATRIX: readonly MatrixRow[] = [
  // Pages: everyone's
  page('/', SIGNED_IN, { redirectsSignedIn: true }),
  page('/signin', 'public', { redirectsSignedIn: true }),
  page('/activate', 'public', { redirectsSignedIn: true }),
  page('/account', STAFF),

  // Pages: members
  page('/clubs', MEMBER),
  page('/events', MEMBER),
  // An event's link in an SMS or shared by a friend opens for anyone: signed out, its public poster.
  page('/events/[id]', MEMBER, { params: { id: 'event' }, target: inProvince('event'), signedOutView: true }),
  page('/tickets', MEMBER),
  page('/tickets/[id]', MEMBER, { params: { id: 'registration' }, target: own('registration') }),
  page('/messages', MEMBER),
  page('/services', MEMBER),
  page('/services/[serviceId]', MEMBER, { params: { serviceId: 'service' }, target: inProvince('service') }),
  // A hall's signed code names the hall (its ?code= is the secret): any member may join any hall's line (全国联保).
  page('/visit', MEMBER),
  page('/points', MEMBER),
  page('/record', MEMBER),
  page('/complaints', MEMBER),

  // Pages: operators (and admins, with HQ scope)
  page('/ops/events', OPERATIONS),
  page('/ops/events/new', OPERATIONS),
  page('/ops/events/series/new', OPERATIONS),
  page('/ops/events/[id]', OPERATIONS, { params: { id: 'event' }, target: inClub('event') }),
  page('/ops/events/[id]/roster', OPERATIONS, { params: { id: 'event' }, target: inClub('event') }),
  page('/ops/plan', OPERATIONS),
  page('/ops/members', OPERATIONS),
  page('/ops/members/[club]', OPERATIONS, { params: { club: 'club' }, target: inClub('club') }),
  page('/ops/clubs', OPERATIONS),
  page('/ops/customers/[id]', OPERATIONS, { params: { id: 'customer' }, target: inProvince('customer') }),
  page('/ops/import', OPERATIONS),
  page('/ops/checkin', OPERATIONS),
  page('/ops/checkin/[eventId]', OPERATIONS, { params: { eventId: 'event' }, target: inClub('event') }),
  page('/ops/callbacks', CALLBACKS),
  page('/ops/my-vips', ACCOUNT_MANAGER),
  page('/ops/complaints', OPERATIONS),
  page('/ops/halls', OPERATIONS),
  page('/ops/halls/[id]/queue', OPERATIONS, { params: { id: 'hall' }, target: inProvince('hall') }),
  page('/ops/halls/[id]/code', OPERATIONS, { params: { id: 'hall' }, target: inProvince('hall') }),
  // Nationwide warranty: any province finds any handset by IMEI (the buyer masked outside the selling province).
  page('/ops/warranty', OPERATIONS),
  page('/ops/services', OPERATIONS, { area: 'handset' }),
  page('/ops/services/slots', OPERATIONS, { area: 'handset' }),
  page('/ops/services/catalogue', OPERATIONS, { area: 'handset' }),
  page('/ops/services/halls', OPERATIONS, { area: 'handset' }),
  page('/ops/services/loaners', OPERATIONS, { area: 'handset' }),
  page('/ops/services/trials', OPERATIONS, { area: 'handset' }),
  page('/ops/services/trials/[id]', OPERATIONS, { params: { id: 'trial' }, target: inClub('trial') }),

  // Pages: analysts and admins
  page('/stats', STATISTICS),
  page('/stats/compliance', STATISTICS),
  page('/stats/compliance/[province]', STATISTICS, { params: { province: 'province' }, target: inProvince('province') }),
  page('/stats/opinions', STATISTICS),
  // Inspections: every staff role, each in its own province (HQ picks one); which kind each may record is the use-case's rule.
  page('/stats/inspections', STAFF),
  page('/stats/inspections/new', STAFF),

  // Pages: admins
  page('/admin', ADMIN),
  page('/admin/settings', ADMIN),
  page('/admin/staff', ADMIN),
  page('/admin/tokens', ADMIN),
  page('/admin/billing', ADMIN),
  page('/admin/audit', ADMIN),

  // Route handlers (cookie session)
  // Readiness for load balancers: no token, nothing personal.
  route('GET', '/api/health', 'public'),
  route('GET', '/api/auth/[...nextauth]', 'public', { example: '/api/auth/session' }),
  // Without a CSRF token next-auth only sends the browser back to its sign-in page: nothing is tried.
  route('POST', '/api/auth/[...nextauth]', 'public', { example: '/api/auth/signin/staff' }),
  // Calendar files carry published events only and nothing about people: open to calendar apps.
  route('GET', '/events/[id]/ics', 'public', { params: { id: 'event' } }),
  route('GET', '/calendar/[province]/[file]', 'public', { example: '/calendar/440000/music.ics' }),
  // A member's own events, for calendar apps that cannot sign in: the URL's secret is the credential.
  route('GET', '/calendar/personal/[file]', 'public', { example: '/calendar/personal/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', secretLink: true }),
  // Covers are shown on public event pages; the address is a content hash, and only covers are stored under one.
  // The example is the demo's music cover (db/seed/covers/music.jpg), which the walked servers are seeded with.
  route('GET', '/images/[hash]', 'public', { example: '/images/9da775923a902bf3e26396e7909263564da15ffdcdbdbda92fe83c610d92b12c' }),
  route('GET', '/ops/checkin/[eventId]/roster', OPERATIONS, { params: { eventId: 'event' }, target: inClub('event') }),
  route('POST', '/ops/checkin/[eventId]/scans', OPERATIONS, { params: { eventId: 'event' }, target: inClub('event') }),
  route('POST', '/ops/checkin/[eventId]/undo', OPERATIONS, { params: { eventId: 'event' }, target: inClub('event') }),
  // Analysts read attendance too, masked.
  route('GET', '/ops/events/[id]/attendance', ['operator', 'analyst', 'admin'], { params: { id: 'event' }, target: inClub('event') }),
  route('GET', '/ops/import/[id]/errors', OPERATIONS, { params: { id: 'import' }, target: inProvince('import') }),
  route('GET', '/stats/export/[table]', STATISTICS, { example: '/stats/export/summary' }),
  route('GET', '/stats/export/registrations', STATISTICS),
  route('GET', '/stats/opinions/export', STATISTICS),
  // A cycle far ahead is open: its file is a preview, so the walk records no export.
  route('GET', '/admin/billing/export', ADMIN, { example: '/admin/billing/export?cycle=2100-01&province=ALL' }),
  // Delivery receipts from an HTTP SMS gateway (docs/sms.md).
  route('POST', '/api/sms/receipts', 'public', { gatewaySigned: true }),

  // The channel API (bearer token)
  api('GET', '/api/v1/health', 'public'),
  api('GET', '/api/v1/openapi.json', 'public'),
  api('GET', '/api/v1/events', CHANNEL),
  api('GET', '/api/v1/billing/charges', CHANNEL),
  // Entries name their customer by mobile number: one of another province is not found.
  api('POST', '/api/v1/ledger-entries', CHANNEL, { target: inProvince('customer') }),
  api('GET', '/api/v1/customers', CHANNEL, { target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/memberships', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/customers/[customerId]/memberships', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('DELETE', '/api/v1/customers/[customerId]/memberships/[clubCode]', CHANNEL, { params: { customerId: 'customer', clubCode: 'club' }, target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/registrations', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/complaints', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/customers/[customerId]/complaints', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/registrations', CHANNEL, { target: inProvince('event') }),
  api('POST', '/api/v1/registrations/[registrationId]/cancel', CHANNEL, { params: { registrationId: 'registration' }, target: inProvince('registration') }),
  api('GET', '/api/v1/customers/[customerId]/service-slots', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/service-bookings', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/customers/[customerId]/service-bookings', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/trial-programmes', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/customers/[customerId]/trial-applications', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('GET', '/api/v1/customers/[customerId]/loaners', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/customers/[customerId]/loaners', CHANNEL, { params: { customerId: 'customer' }, target: inProvince('customer') }),
  api('POST', '/api/v1/service-bookings/[bookingId]/cancel', CHANNEL, { params: { bookingId: 'booking' }, target: inProvince('booking') }),

  // Server actions: everyone's
  action('app/actions.ts', 'setLocale', 'public'),
  action('app/activate/actions.ts', 'requestActivationCode', 'public'),
  action('app/activate/actions.ts', 'activateWithCode', 'public'),
  action('app/account/actions.ts', 'changeOwnPasswordAction', STAFF),
  // Signed out it only sends to sign-in; signed in it ends the session on the server.
  action('app/signin/actions.ts', 'signOutAction', 'public', { endsSession: true }),

  // Server actions: members
  action('app/(member)/clubs/actions.ts', 'joinMyClub', MEMBER),
  action('app/(member)/clubs/actions.ts', 'leaveMyClub', MEMBER),
  action('app/(member)/events/actions.ts', 'resetMyCalendarFeed', MEMBER),
  action('app/(member)/events/[id]/actions.ts', 'registerMe', MEMBER, { target: inProvince('event') }),
  action('app/(member)/events/[id]/actions.ts', 'remindMe', MEMBER, { target: inProvince('event') }),
  action('app/(member)/events/[id]/actions.ts', 'forgetReminder', MEMBER, { target: inProvince('event') }),
  action('app/(member)/events/[id]/feedback-actions.ts', 'submitMyFeedback', MEMBER, { target: own('registration') }),
  action('app/(member)/tickets/actions.ts', 'cancelMyRegistration', MEMBER, { target: own('registration') }),
  action('app/(member)/messages/actions.ts', 'markInboxSeen', MEMBER),
  action('app/(member)/messages/actions.ts', 'markInboxRead', MEMBER),
  action('app/(member)/services/actions.ts', 'bookSlotAction', MEMBER, { target: inProvince('slot') }),
  action('app/(member)/services/actions.ts', 'cancelMyBookingAction', MEMBER, { target: own('booking') }),
  action('app/(member)/services/actions.ts', 'applyForTrialAction', MEMBER, { target: inProvince('trial') }),
  action('app/(member)/visit/actions.ts', 'checkInByHallCodeAction', MEMBER),
  action('app/(member)/complaints/actions.ts', 'fileComplaintAction', MEMBER),
  action('app/(member)/complaints/actions.ts', 'confirmComplaintAction', MEMBER, { target: own('complaint') }),
  action('app/(member)/complaints/actions.ts', 'reopenComplaintAction', MEMBER, { target: own('complaint') }),
  action('app/(member)/complaints/actions.ts', 'rateComplaintAction', MEMBER, { target: own('complaint') }),

  // Server actions: operators (and admins)
  action('app/ops/events/actions.ts', 'createEventAction', OPERATIONS, { target: inClub('club') }),
  action('app/ops/events/actions.ts', 'updateEventAction', OPERATIONS, { target: inClub('event') }),
  action('app/ops/events/actions.ts', 'publishEventAction', OPERATIONS, { target: inClub('event') }),
  action('app/ops/events/actions.ts', 'cancelEventAction', OPERATIONS, { target: inClub('event') }),
  action('app/ops/events/actions.ts', 'createSeriesAction', OPERATIONS, { target: inClub('club') }),
  action('app/ops/events/[id]/cover-actions.ts', 'setEventCoverAction', OPERATIONS, { target: inClub('event') }),
  action('app/ops/events/[id]/cover-actions.ts', 'removeEventCoverAction', OPERATIONS, { target: inClub('event') }),
  // A club's cover is the province's: the form names both, the province decides the scope and the club the operator's.
  action('app/ops/clubs/actions.ts', 'setClubCoverAction', OPERATIONS, { target: inClub('province') }),
  action('app/ops/clubs/actions.ts', 'removeClubCoverAction', OPERATIONS, { target: inClub('province') }),
  action('app/ops/events/[id]/attendance-actions.ts', 'closeEventAction', OPERATIONS, { target: inClub('event') }),
  action('app/ops/events/[id]/attendance-actions.ts', 'correctAttendanceAction', OPERATIONS, { target: inClub('registration') }),
  action('app/ops/customers/[id]/actions.ts', 'assignAccountManagerAction', OPERATIONS, { target: inProvince('customer') }),
  action('app/ops/customers/[id]/actions.ts', 'enrollCustomer', OPERATIONS, { target: inClub('customer') }),
  action('app/ops/customers/[id]/actions.ts', 'withdrawCustomer', OPERATIONS, { target: inClub('customer') }),
  action('app/ops/customers/[id]/actions.ts', 'fileComplaintForCustomer', OPERATIONS, { target: inProvince('customer') }),
  action('app/ops/customers/[id]/registration-actions.ts', 'registerCustomer', OPERATIONS, { target: inClub('event') }),
  action('app/ops/customers/[id]/registration-actions.ts', 'cancelCustomerRegistration', OPERATIONS, { target: inClub('registration') }),
  // The desk's handset services for a customer: the slot, trial or loaner picked is the handset club's, in the customer's province.
  action('app/ops/customers/[id]/service-actions.ts', 'bookServiceForCustomer', OPERATIONS, { target: inClub('slot') }),
  action('app/ops/customers/[id]/service-actions.ts', 'applyTrialForCustomer', OPERATIONS, { target: inClub('trial') }),
  action('app/ops/customers/[id]/service-actions.ts', 'lendLoanerForCustomer', OPERATIONS, { target: inClub('loaner') }),
  action('app/ops/import/actions.ts', 'importCustomerFile', OPERATIONS),
  action('app/ops/import/actions.ts', 'importLedgerFile', OPERATIONS),
  action('app/ops/callbacks/actions.ts', 'recordCallbackAction', CALLBACKS, { target: inClub('callback') }),
  action('app/ops/complaints/actions.ts', 'takeComplaintAction', OPERATIONS, { target: inProvince('complaint') }),
  action('app/ops/complaints/actions.ts', 'transferComplaintAction', OPERATIONS, { target: inProvince('complaint') }),
  action('app/ops/my-vips/actions.ts', 'registerMyVip', ACCOUNT_MANAGER),
  action('app/ops/my-vips/actions.ts', 'bookForMyVip', ACCOUNT_MANAGER),
  action('app/ops/complaints/actions.ts', 'resolveComplaintAction', OPERATIONS, { target: inProvince('complaint') }),
  action('app/ops/services/actions.ts', 'advanceBookingAction', OPERATIONS, { target: inClub('booking') }),
  action('app/ops/services/actions.ts', 'cancelBookingAction', OPERATIONS, { target: inClub('booking') }),
  action('app/ops/services/actions.ts', 'lendLoanerAction', OPERATIONS, { target: inClub('loaner') }),
  action('app/ops/services/actions.ts', 'returnLoanerAction', OPERATIONS, { target: inClub('loan') }),
  action('app/ops/services/actions.ts', 'addLoanerAction', OPERATIONS, { target: inClub('hall'), notFoundCode: 'hall_unavailable' }),
  action('app/ops/services/actions.ts', 'createSlotAction', OPERATIONS, { target: inClub('service') }),
  action('app/ops/services/actions.ts', 'updateServiceAction', OPERATIONS, { target: inClub('service') }),
  action('app/ops/services/actions.ts', 'createTrialAction', OPERATIONS, { target: inClub('service') }),
  action('app/ops/services/actions.ts', 'trialStepAction', OPERATIONS, { target: inClub('trialApplication') }),
  action('app/ops/services/actions.ts', 'saveHallAction', OPERATIONS, { target: inClub('hall') }),
  action('app/ops/halls/actions.ts', 'checkInVisitorAction', OPERATIONS, { target: inProvince('hall') }),
  action('app/ops/halls/actions.ts', 'hallVisitStepAction', OPERATIONS, { target: inProvince('hallVisit') }),
  // The hall sells or serves: it must be one of the operator's province, whatever province sold the handset.
  action('app/ops/warranty/actions.ts', 'registerHandsetAction', OPERATIONS, { target: inProvince('hall'), notFoundCode: 'hall_unavailable' }),
  action('app/ops/warranty/actions.ts', 'serveRepairAction', OPERATIONS, { target: inProvince('hall'), notFoundCode: 'hall_unavailable' }),

  // Server actions: inspections. HQ records open and covert visits, a province its self-inspections, its
  // operators follow findings up (lib/domain/inspections.ts); the province of each is checked by the use-case.
  action('app/stats/inspections/actions.ts', 'recordInspectionAction', STAFF),
  action('app/stats/inspections/actions.ts', 'followUpFindingAction', STAFF),

  // Server actions: admins
  action('app/admin/settings/actions.ts', 'saveClubSettings', ADMIN),
  action('app/admin/settings/actions.ts', 'saveHqSettings', ADMIN),
  action('app/admin/settings/actions.ts', 'saveSegmentPolicy', ADMIN),
  action('app/admin/staff/actions.ts', 'createStaffAction', ADMIN),
  action('app/admin/staff/actions.ts', 'updateStaffAction', ADMIN),
  action('app/admin/staff/actions.ts', 'setStaffActiveAction', ADMIN),
  action('app/admin/staff/actions.ts', 'resetStaffPasswordAction', ADMIN),
  action('app/admin/tokens/actions.ts', 'createToken', ADMIN),
  action('app/admin/tokens/actions.ts', 'revokeToken', ADMIN),
];

/** A row's stable name: the page's path, the handler's method and path, or the action's module and export. */
export function rowId(row: MatrixRow): string {
  if (row.surface === 'page') return row.path;
  if (row.surface === 'action') return `${row.file}#${row.action}`;
  return `${row.method} ${row.path}`;
}

/**
 * The actor kinds every row is walked with. The sample targets all belong to one province (home),
 * and those with a club to one club (the sample club).
 */
export const ACTOR_KINDS = [
  'signedOut',
  'member',
  'memberOfOtherProvince',
  'operator',
  'operatorOfOtherClubs',
  'operatorOfOtherProvince',
  'provincialAnalyst',
  'hqAnalyst',
  'admin',
  'token',
  'tokenOfOtherProvince',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export type ActorProfile = {
  /** How the actor proves who it is: a session cookie, a bearer token, or nothing. */
  credential: 'none' | 'session' | 'token';
  principal?: Principal;
  /** Where the actor works, relative to the sample targets. */
  province?: 'home' | 'other' | 'hq';
  /** An operator's clubs, relative to the sample club: it, others only, or every club. */
  clubs?: 'sample' | 'others' | 'all';
  /** The member who owns the sample's own things (tickets, bookings, feedback). */
  ownsSamples?: true;
};

export const ACTOR_PROFILES: Record<ActorKind, ActorProfile> = {
  signedOut: { credential: 'none' },
  member: { credential: 'session', principal: 'member', province: 'home', ownsSamples: true },
  memberOfOtherProvince: { credential: 'session', principal: 'member', province: 'other' },
  operator: { credential: 'session', principal: 'operator', province: 'home', clubs: 'sample' },
  operatorOfOtherClubs: { credential: 'session', principal: 'operator', province: 'home', clubs: 'others' },
  operatorOfOtherProvince: { credential: 'session', principal: 'operator', province: 'other', clubs: 'all' },
  provincialAnalyst: { credential: 'session', principal: 'analyst', province: 'home', clubs: 'all' },
  hqAnalyst: { credential: 'session', principal: 'analyst', province: 'hq', clubs: 'all' },
  admin: { credential: 'session', principal: 'admin', province: 'hq', clubs: 'all' },
  token: { credential: 'token', principal: 'channel', province: 'home', clubs: 'all' },
  tokenOfOtherProvince: { credential: 'token', principal: 'channel', province: 'other', clubs: 'all' },
};

/** `outside_club`: refused as outside an operator's clubs, with 403 or 404 (see Scope). */
export type Access = 'allowed' | 'unauthenticated' | 'forbidden' | 'not_found' | 'outside_club';

function inScope(target: { kind: Target; scope: Scope }, actor: ActorProfile): boolean {
  if (target.scope === 'own') return actor.principal !== 'member' || actor.ownsSamples === true;
  // A club is every province's: naming one says nothing about where the actor works.
  if (target.kind === 'club') return true;
  return actor.province === 'home' || actor.province === 'hq';
}

/**
 * What a row must answer an actor: signed out (or with the other surface's credential: a cookie on
 * the API, a token on a page) it is unauthenticated; a principal not in the row's roles is
 * forbidden; a target outside the actor's province, or not their own, is not found; an operator
 * outside the row's club or club area is refused as such; anything else is allowed.
 */
export function expectedAccess(row: MatrixRow, kind: ActorKind): Access {
  if ((row.surface === 'route' || row.surface === 'api') && row.secretLink) return 'not_found';
  if ((row.surface === 'route' || row.surface === 'api') && row.gatewaySigned) return 'unauthenticated';
  if (row.roles === 'public') return 'allowed';
  const actor = ACTOR_PROFILES[kind];
  const credential = row.surface === 'api' ? 'token' : 'session';
  if (row.surface === 'page' && row.signedOutView && (actor.credential !== credential || !actor.principal)) return 'allowed';
  if (actor.credential !== credential || !actor.principal) return 'unauthenticated';
  if (!row.roles.includes(actor.principal)) return 'forbidden';
  if (row.target && !inScope(row.target, actor)) return 'not_found';
  const clubBound = row.area !== undefined || row.target?.scope === 'club';
  if (clubBound && actor.clubs === 'others') return 'outside_club';
  return 'allowed';
}
