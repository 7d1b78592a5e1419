import 'server-only';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import {
  billingChargeListOutput,
  billingChargesQuery,
  cancellationOutput,
  channelEventListOutput,
  channelEventsQuery,
  complaintApiInput,
  complaintListOutput,
  complaintOutput,
  customerLookupQuery,
  customerOutput,
  customerPath,
  customerRegistrationListOutput,
  enrollmentInput,
  healthOutput,
  ledgerEntriesInput,
  ledgerEntriesOutput,
  membershipListOutput,
  membershipOutput,
  membershipPath,
  problemOutput,
  registrationInput,
  registrationPath,
  registrationResultOutput,
} from '@/lib/validation/api';
import { NOT_REPLAYED_CODES } from '@/lib/domain/idempotent-replay';
import {
  customerServiceBookingListOutput,
  loanApiInput,
  loanerOptionsOutput,
  loanOutput,
  serviceBookingApiInput,
  serviceBookingOutput,
  serviceBookingPath,
  serviceCancelApiInput,
  serviceCancellationOutput,
  serviceSlotListOutput,
  trialApplicationApiInput,
  trialApplicationOutput,
  trialProgrammeListOutput,
} from '@/lib/validation/api';
import { appBaseUrl } from './calendar';
import { API_BODY_LIMIT } from './http-server/body-limits';
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_TTL_MS } from './idempotency';
import { API_EXAMPLES } from './openapi-examples';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problem-document';

export const API_VERSION = '1.0.0';

/** The statuses of refusals an operation documents, each with the error codes it answers there. */
type Refusals = Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 422, readonly string[]>>;

const REFUSAL_TEXT: Record<keyof Refusals, string> = {
  400: 'The request cannot be read',
  401: 'No valid bearer token: missing, unknown or revoked',
  403: 'The token’s scope does not cover this province or club',
  404: 'No such resource in the token’s scope (customers and events of other provinces do not exist for it)',
  409: 'Refused by the current state',
  413: `A declared body larger than ${API_BODY_LIMIT / 1024} KiB, refused before it is read`,
  422: 'Invalid input (`errors` names a code per field) or a rule of the domain refused the request',
};

/**
 * Every /api/v1 path: the HTTP server in front of the app refuses an oversized declared body, and
 * a path that is not valid percent-encoded UTF-8, before any handler runs.
 */
const EVERY_OPERATION: Refusals = { 400: ['invalid_path'], 413: ['payload_too_large'] };
/** Behind a bearer token, in addition. */
const SECURED: Refusals = { 401: ['unauthenticated'] };
/** A write with a JSON body, in addition. */
const JSON_BODY: Refusals = { 400: ['invalid_json'], 422: ['invalid_input'] };
/** A write under an Idempotency-Key, in addition. */
const IDEMPOTENT: Refusals = { 422: ['idempotency_key_required', 'idempotency_key_invalid', 'idempotency_key_reused'] };

/** The refusals of an operation: each status once, listing its codes, with one example problem per code. */
function refusals(...lists: Refusals[]): Record<string, ZodOpenApiResponseObject> {
  const byStatus = new Map<keyof Refusals, string[]>();
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list) as [`${keyof Refusals}`, string[]][]) {
      const key = Number(status) as keyof Refusals;
      byStatus.set(key, [...new Set([...(byStatus.get(key) ?? []), ...codes])]);
    }
  }
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [
      status,
      {
        description: `${REFUSAL_TEXT[status]}. Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: problemOutput,
            examples: Object.fromEntries(codes.map((code) => [code, { summary: code.replace(/_/g, ' '), value: problemDocument(status, code, EXAMPLE_EXTRAS[code]) }])),
          },
        },
      },
    ]),
  );
}

/** Examples read better with the parts a code carries. */
const EXAMPLE_EXTRAS: Record<string, Parameters<typeof problemDocument>[2]> = {
  invalid_input: { errors: { mobile: 'invalid_mobile' } },
  registration_not_open: { params: { opensAt: '2027-03-01T02:00:00.000Z' } },
  payload_too_large: { params: { limit: API_BODY_LIMIT } },
};

const internalError: ZodOpenApiResponseObject = {
  id: 'InternalError',
  description: 'An unexpected error; nothing is disclosed.',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemOutput, example: problemDocument(500, 'internal_error') } },
};

/** A JSON answer; its example is given here, or by the schema's own `example` (rendered with it). */
const json = (schema: z.ZodType, description: string, example?: unknown): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});

const jsonBody = (schema: z.ZodType, example: unknown) => ({ required: true, content: { 'application/json': { schema, example } } });

const idempotencyKey = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN)
  .meta({
    description: `Chosen by the caller, unique per request it means (8–128 of A–Z a–z 0–9 . _ : -). A repeat with the same key and request returns the first result, refusals included, and writes nothing — except refusals that time or state may lift (${NOT_REPLAYED_CODES.map((c) => `\`${c}\``).join(', ')}, a busy database, a rate limit), which are not kept, so the same key is served once they no longer hold; a repeat that arrives while the first still runs waits for it and returns its result; the same key with another request is refused with 422 \`idempotency_key_reused\`. Keys are remembered for ${IDEMPOTENCY_TTL_MS / 3_600_000} hours.`,
    example: 'hotline-20270301-000123',
    param: { id: 'IdempotencyKey' },
  });

/** An operation behind a bearer token: every one may answer 401 and 500 as well. */
function secured(operation: ZodOpenApiOperationObject, ...lists: Refusals[]): ZodOpenApiOperationObject {
  return { ...operation, responses: { ...operation.responses, ...refusals(EVERY_OPERATION, SECURED, ...lists), 500: internalError } };
}

/* Billing (issue 26 item 1): its own block, so that it merges apart from the other operations. */
const BILLING_PATHS: ZodOpenApiPathsObject = {
  '/api/v1/billing/charges': {
    get: secured(
      {
        operationId: 'listBillingCharges',
        tags: ['billing'],
        summary: 'Charge lines and reversals in id order after a cursor, for billing systems that pull',
        description:
          'Each line comes once: a page ends before the first line that has not settled (a minute after it was written), so no line is skipped while new ones arrive, and the same cursor always gives the same lines. A province token sees its province’s customers, an HQ token every province. The same lines make up the per-cycle files described in docs/billing.md.',
        requestParams: { query: billingChargesQuery },
        responses: { 200: json(billingChargeListOutput, 'The page of lines and the cursor to go on from.', API_EXAMPLES.billingChargeList) },
      },
      { 422: ['invalid_input', 'invalid_cursor'] },
    ),
  },
};

/*
 * Handset services for the hotline's and the halls' systems (issue 26, item 5): the same rules as a
 * member's own booking, the token's channel on the customer's record.
 */
const keyHeader = z.object({ 'Idempotency-Key': idempotencyKey });
const IN_SCOPE: Refusals = { 404: ['not_found'], 422: ['invalid_input'] };

const SERVICE_PATHS: ZodOpenApiPathsObject = {
  '/api/v1/customers/{customerId}/service-slots': {
    get: secured(
      {
        operationId: 'listServiceSlotsForCustomer',
        tags: ['services'],
        summary: 'The handset service slots this customer may book now (VIP window, HQ’s service access rule, segment, points and room applied)',
        requestParams: { path: customerPath },
        responses: { 200: json(serviceSlotListOutput, 'The slots ahead in the customer’s province that no rule refuses them now, soonest first.') },
      },
      IN_SCOPE,
    ),
  },
  '/api/v1/customers/{customerId}/service-bookings': {
    get: secured(
      {
        operationId: 'listCustomerServiceBookings',
        tags: ['services'],
        summary: 'A customer’s handset service bookings of the last 30 days and ahead, with the channel each came through',
        requestParams: { path: customerPath },
        responses: { 200: json(customerServiceBookingListOutput, 'The bookings, latest slot first.') },
      },
      IN_SCOPE,
    ),
    post: secured(
      {
        operationId: 'bookServiceForCustomer',
        tags: ['services'],
        summary: 'Book a handset service slot for a customer, recorded with the token’s channel; the customer gets the SMS and inbox message of a booking of their own',
        requestParams: { path: customerPath, header: keyHeader },
        requestBody: { required: true, content: { 'application/json': { schema: serviceBookingApiInput } } },
        responses: { 201: json(serviceBookingOutput, 'Booked (a repeat with the same Idempotency-Key returns the same body).') },
      },
      JSON_BODY,
      IDEMPOTENT,
      {
        404: ['not_found'],
        409: ['slot_full', 'already_booked'],
        422: [
          'address_required',
          'service_unavailable',
          'customer_not_active',
          'not_handset_member',
          'not_handset_member_or_vip',
          'service_segment_not_eligible',
          'points_payment_not_allowed',
          'slot_passed',
          'vip_window_only',
          'booking_not_open',
          'insufficient_points',
        ],
      },
    ),
  },
  '/api/v1/service-bookings/{bookingId}/cancel': {
    post: secured(
      {
        operationId: 'cancelServiceBooking',
        tags: ['services'],
        summary: 'Cancel a handset service booking with a reason; points paid go back once and the customer is told',
        requestParams: { path: serviceBookingPath, header: keyHeader },
        requestBody: { required: true, content: { 'application/json': { schema: serviceCancelApiInput } } },
        responses: { 200: json(serviceCancellationOutput, 'Cancelled (a repeat with the same Idempotency-Key returns the same body).') },
      },
      JSON_BODY,
      IDEMPOTENT,
      { 404: ['not_found'], 409: ['booking_transition_refused'], 422: ['reason_required'] },
    ),
  },
  '/api/v1/customers/{customerId}/trial-programmes': {
    get: secured(
      {
        operationId: 'listTrialProgrammesForCustomer',
        tags: ['services'],
        summary: 'The handset and new-service trials this customer may apply for now (VIPs first)',
        requestParams: { path: customerPath },
        responses: { 200: json(trialProgrammeListOutput, 'The open programmes of the customer’s province.') },
      },
      IN_SCOPE,
    ),
  },
  '/api/v1/customers/{customerId}/trial-applications': {
    post: secured(
      {
        operationId: 'applyForTrialForCustomer',
        tags: ['services'],
        summary: 'Apply for a trial for a customer, recorded with the token’s channel',
        requestParams: { path: customerPath, header: keyHeader },
        requestBody: { required: true, content: { 'application/json': { schema: trialApplicationApiInput } } },
        responses: { 201: json(trialApplicationOutput, 'Applied (a repeat with the same Idempotency-Key returns the same body).') },
      },
      JSON_BODY,
      IDEMPOTENT,
      { 404: ['not_found'], 409: ['already_applied'], 422: ['customer_not_active', 'not_handset_member', 'not_handset_member_or_vip', 'trial_closed', 'trial_not_open', 'vip_window_only'] },
    ),
  },
  '/api/v1/customers/{customerId}/loaners': {
    get: secured(
      {
        operationId: 'listLoanerOptionsForCustomer',
        tags: ['services'],
        summary: 'The loaner phones on the shelf in the customer’s province, and the customer’s open repairs a loaner may be lent against',
        requestParams: { path: customerPath },
        responses: { 200: json(loanerOptionsOutput, 'Phones and repairs.') },
      },
      IN_SCOPE,
    ),
    post: secured(
      {
        operationId: 'lendLoanerToCustomer',
        tags: ['services'],
        summary: 'Lend a loaner phone against one of the customer’s open repair bookings, recorded with the token’s channel',
        requestParams: { path: customerPath, header: keyHeader },
        requestBody: { required: true, content: { 'application/json': { schema: loanApiInput } } },
        responses: { 201: json(loanOutput, 'Lent (a repeat with the same Idempotency-Key returns the same body).') },
      },
      JSON_BODY,
      IDEMPOTENT,
      { 404: ['not_found'], 409: ['loaner_already_lent', 'booking_has_loaner', 'booking_finished'], 422: ['not_a_repair', 'loaner_retired', 'due_in_past'] },
    ),
  },
};

/** Balances from billing (issue 26, item 2): ledger entries, each applied once by its reference. */
const LEDGER_PATHS: ZodOpenApiPathsObject = {
  '/api/v1/ledger-entries': {
    post: secured(
      {
        operationId: 'recordLedgerEntries',
        tags: ['balances'],
        summary: 'Record points accruals, prepaid top-ups and adjustments from billing, each once by its reference',
        description:
          'All entries or none: a refusal names the entry in `params.index`. `balance_below_zero` carries `balance` and `amount` and is not kept under the Idempotency-Key; `ledger_entry_conflict` means the reference was applied before with other content (correct it under a new reference).',
        requestParams: { header: z.object({ 'Idempotency-Key': idempotencyKey }) },
        requestBody: { required: true, content: { 'application/json': { schema: ledgerEntriesInput } } },
        responses: {
          200: json(ledgerEntriesOutput, 'Every entry had been applied before with the same content (status `already_applied`); nothing was written.'),
          201: json(ledgerEntriesOutput, 'Applied, in order (a repeat with the same Idempotency-Key returns the same body).'),
        },
      },
      JSON_BODY,
      IDEMPOTENT,
      { 404: ['customer_not_found'], 409: ['ledger_entry_conflict', 'balance_below_zero'], 422: ['points_not_earned'] },
    ),
  },
};

let document: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, rendered from the schemas the route handlers validate with. */
export function getOpenApiDocument() {
  document ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Club Hub channel API',
      version: API_VERSION,
      description:
        'For the operator’s other systems (hotline desk, online / SMS / mobile halls): look up customers, enroll and withdraw them, list events, register and cancel, take down complaints, with the same rules as the web app. Each token belongs to one channel and one province (or HQ, every province); what a token may not see does not exist for it. Errors are RFC 9457 problem documents with a stable `code`.',
      license: { name: 'Proprietary: for the operator’s own systems', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: appBaseUrl() ?? '/', description: 'This Club Hub installation (PUBLIC_URL); the paths below start with /api/v1.' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'customers', description: 'Customers and their club memberships.' },
      { name: 'events', description: 'Events and registrations.' },
      { name: 'services', description: 'Handset club services: slots, bookings, trials and loaner phones, booked for a customer.' },
      { name: 'meta', description: 'Health and this document.' },
      { name: 'billing', description: 'Charge lines for the billing system (docs/billing.md).' },
      { name: 'balances', description: 'Points and prepaid balances, fed by billing as ledger entries.' },
    ],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A channel token (chk_…) created by an HQ admin in the web app or with `npm run token -- create`.',
        },
      },
    },
    paths: {
      '/api/v1/health': {
        get: {
          operationId: 'getHealth',
          tags: ['meta'],
          summary: 'Whether the service answers',
          security: [],
          responses: { 200: json(healthOutput, 'The service is up.', API_EXAMPLES.health), ...refusals(EVERY_OPERATION) },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['meta'],
          summary: 'This document',
          security: [],
          responses: {
            200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' }, example: { openapi: '3.1.0', info: { title: 'Club Hub channel API', version: API_VERSION } } } } },
            ...refusals(EVERY_OPERATION),
          },
        },
      },
      '/api/v1/customers': {
        get: secured(
          {
            operationId: 'findCustomerByMobile',
            tags: ['customers'],
            summary: 'Look up a customer by full mobile number',
            requestParams: { query: customerLookupQuery },
            responses: { 200: json(customerOutput, 'The customer.', API_EXAMPLES.customer) },
          },
          { 404: ['not_found'], 422: ['invalid_input'] },
        ),
      },
      '/api/v1/customers/{customerId}/memberships': {
        get: secured(
          {
            operationId: 'listMemberships',
            tags: ['customers'],
            summary: 'A customer’s membership periods, newest first',
            requestParams: { path: customerPath },
            responses: { 200: json(membershipListOutput, 'Every period, open and closed.', API_EXAMPLES.membershipList) },
          },
          { 404: ['not_found'], 422: ['invalid_input'] },
        ),
        post: secured(
          {
            operationId: 'enrollCustomer',
            tags: ['customers'],
            summary: 'Enroll a customer in a club, recorded with the token’s channel',
            requestParams: { path: customerPath },
            requestBody: jsonBody(enrollmentInput, API_EXAMPLES.enrollmentInput),
            responses: { 201: json(membershipOutput, 'The new membership period.', API_EXAMPLES.membership) },
          },
          JSON_BODY,
          { 403: ['forbidden'], 404: ['not_found', 'unknown_club'], 409: ['already_member'], 422: ['customer_not_active', 'segment_not_allowed'] },
        ),
      },
      '/api/v1/customers/{customerId}/memberships/{clubCode}': {
        delete: secured(
          {
            operationId: 'withdrawCustomer',
            tags: ['customers'],
            summary: 'Withdraw a customer from a club; the period stays in the history',
            requestParams: { path: membershipPath },
            responses: { 200: json(membershipOutput, 'The closed membership period.', API_EXAMPLES.closedMembership) },
          },
          { 403: ['forbidden'], 404: ['not_found'], 422: ['invalid_input', 'not_member'] },
        ),
      },
      '/api/v1/customers/{customerId}/registrations': {
        get: secured(
          {
            operationId: 'listCustomerRegistrations',
            tags: ['events'],
            summary: 'A customer’s registrations, newest event first',
            requestParams: { path: customerPath },
            responses: { 200: json(customerRegistrationListOutput, 'The registrations.', API_EXAMPLES.customerRegistrationList) },
          },
          { 404: ['not_found'], 422: ['invalid_input'] },
        ),
      },
      '/api/v1/customers/{customerId}/complaints': {
        get: secured(
          {
            operationId: 'listCustomerComplaints',
            tags: ['customers'],
            summary: 'A customer’s complaints with their answers, newest first',
            requestParams: { path: customerPath },
            responses: { 200: json(complaintListOutput, 'The latest 50 complaints.', API_EXAMPLES.complaintList) },
          },
          { 404: ['not_found'], 422: ['invalid_input'] },
        ),
        post: secured(
          {
            operationId: 'fileComplaint',
            tags: ['customers'],
            summary: 'Take down a customer’s complaint, recorded with the token’s channel; the customer is told by SMS that it was received',
            requestParams: { path: customerPath, header: z.object({ 'Idempotency-Key': idempotencyKey }) },
            requestBody: jsonBody(complaintApiInput, API_EXAMPLES.complaintInput),
            responses: { 201: json(complaintOutput, 'The open complaint, in the province’s queue (a repeat with the same Idempotency-Key returns the same body).', API_EXAMPLES.complaint) },
          },
          JSON_BODY,
          IDEMPOTENT,
          { 404: ['not_found'] },
        ),
      },
      '/api/v1/events': {
        get: secured(
          {
            operationId: 'listEvents',
            tags: ['events'],
            summary: 'Events of a year in the token’s province (drafts excluded)',
            requestParams: { query: channelEventsQuery },
            responses: { 200: json(channelEventListOutput, 'The events, by start time.', API_EXAMPLES.eventList) },
          },
          { 403: ['forbidden'], 422: ['invalid_input'] },
        ),
      },
      '/api/v1/registrations': {
        post: secured(
          {
            operationId: 'registerForEvent',
            tags: ['events'],
            summary: 'Register a customer for an event: a seat and its price, or a place on the waiting list',
            requestParams: { header: z.object({ 'Idempotency-Key': idempotencyKey }) },
            requestBody: jsonBody(registrationInput, API_EXAMPLES.registrationInput),
            responses: { 201: json(registrationResultOutput, 'Registered (a repeat with the same Idempotency-Key returns the same body).', API_EXAMPLES.registrationResult) },
          },
          JSON_BODY,
          IDEMPOTENT,
          {
            404: ['not_found'],
            409: ['already_registered', 'event_full'],
            422: [
              'event_not_open',
              'registration_not_open',
              'vip_window_only',
              'registration_closed',
              'customer_not_active',
              'wrong_province',
              'not_club_member',
              'segment_not_eligible',
              'points_payment_not_allowed',
              'insufficient_points',
              'insufficient_balance',
            ],
          },
        ),
      },
      '/api/v1/registrations/{registrationId}/cancel': {
        post: secured(
          {
            operationId: 'cancelRegistration',
            tags: ['events'],
            summary: 'Cancel a registration; before the registration deadline the price is refunded in full, once',
            requestParams: { path: registrationPath, header: z.object({ 'Idempotency-Key': idempotencyKey }) },
            responses: { 200: json(cancellationOutput, 'Cancelled (a repeat with the same Idempotency-Key returns the same body).', API_EXAMPLES.cancellation) },
          },
          IDEMPOTENT,
          { 404: ['not_found'], 422: ['invalid_input', 'not_cancellable', 'cancellation_closed'] },
        ),
      },
      ...BILLING_PATHS,
      ...SERVICE_PATHS,
      ...LEDGER_PATHS,
    },
  });
  return document;
}
