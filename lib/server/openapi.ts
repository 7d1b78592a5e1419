import 'server-only';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import {
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
  membershipListOutput,
  membershipOutput,
  membershipPath,
  problemOutput,
  registrationInput,
  registrationPath,
  registrationResultOutput,
} from '@/lib/validation/api';
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
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_TTL_MS } from './idempotency';

export const API_VERSION = '1.0.0';

const problem = (id: string, description: string): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { 'application/problem+json': { schema: problemOutput } },
});

const PROBLEMS = {
  invalidJson: problem('InvalidJson', 'The body is not JSON (code `invalid_json`).'),
  unauthenticated: problem('Unauthenticated', 'No valid bearer token: missing, unknown or revoked (code `unauthenticated`).'),
  forbidden: problem('Forbidden', 'The token’s scope does not cover this customer or province.'),
  notFound: problem('NotFound', 'No such resource in the token’s scope (customers of other provinces do not exist for it).'),
  conflict: problem('Conflict', 'Refused by the current state, e.g. `already_member`, `event_full`, `already_registered`.'),
  invalidInput: problem('InvalidInput', 'Invalid input (`errors` names each field) or a rule of the domain refused the request (`code` says which).'),
  internal: problem('InternalError', 'An unexpected error; nothing is disclosed.'),
};

const json = (schema: z.ZodType, description: string): ZodOpenApiResponseObject => ({ description, content: { 'application/json': { schema } } });

const idempotencyKey = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN)
  .meta({
    description: `Chosen by the caller, unique per request it means (8–128 of A–Z a–z 0–9 . _ : -). A repeat with the same key and request returns the first result, refusals included, and writes nothing; a repeat that arrives while the first still runs waits for it and returns its result; the same key with another request is refused with 422 \`idempotency_key_reused\`. Keys are remembered for ${IDEMPOTENCY_TTL_MS / 3_600_000} hours.`,
    example: 'hotline-20270301-000123',
    param: { id: 'IdempotencyKey' },
  });

/** An operation behind a bearer token: every one may answer 401 and 500 as well. */
function secured(operation: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { ...operation, responses: { ...operation.responses, 401: PROBLEMS.unauthenticated, 500: PROBLEMS.internal } };
}

/*
 * Handset services for the hotline's and the halls' systems (issue 26, item 5): the same rules as a
 * member's own booking, the token's channel on the customer's record. Each refusal lists its codes.
 */
const refusal = (description: string): ZodOpenApiResponseObject => ({ description, content: { 'application/problem+json': { schema: problemOutput } } });
const keyHeader = z.object({ 'Idempotency-Key': idempotencyKey });
const OUT_OF_SCOPE = 'The customer (or the slot, programme, loaner or booking named) does not exist in the token’s scope: `not_found`.';
const KEY_CODES = '`idempotency_key_required`, `idempotency_key_invalid`, `idempotency_key_reused`';
const PATH_ID = '`invalid_input` (`errors` names the path parameter: `invalid_id`)';
const BODY_CODES = '`invalid_input` (`errors` names each field: `field_required`, `invalid_id`, `text_too_long`, `unknown_field`, `invalid_body`)';

const SERVICE_PATHS: ZodOpenApiPathsObject = {
  '/api/v1/customers/{customerId}/service-slots': {
    get: secured({
      operationId: 'listServiceSlotsForCustomer',
      tags: ['services'],
      summary: 'The handset service slots this customer may book now (VIP window, HQ’s service access rule, segment, points and room applied)',
      requestParams: { path: customerPath },
      responses: { 200: json(serviceSlotListOutput, 'The slots ahead in the customer’s province that no rule refuses them now, soonest first.'), 404: refusal(OUT_OF_SCOPE), 422: refusal(`${PATH_ID}.`) },
    }),
  },
  '/api/v1/customers/{customerId}/service-bookings': {
    get: secured({
      operationId: 'listCustomerServiceBookings',
      tags: ['services'],
      summary: 'A customer’s handset service bookings of the last 30 days and ahead, with the channel each came through',
      requestParams: { path: customerPath },
      responses: { 200: json(customerServiceBookingListOutput, 'The bookings, latest slot first.'), 404: refusal(OUT_OF_SCOPE), 422: refusal(`${PATH_ID}.`) },
    }),
    post: secured({
      operationId: 'bookServiceForCustomer',
      tags: ['services'],
      summary: 'Book a handset service slot for a customer, recorded with the token’s channel; the customer gets the SMS and inbox message of a booking of their own',
      requestParams: { path: customerPath, header: keyHeader },
      requestBody: { required: true, content: { 'application/json': { schema: serviceBookingApiInput } } },
      responses: {
        201: json(serviceBookingOutput, 'Booked (a repeat with the same Idempotency-Key returns the same body).'),
        400: refusal('The body is not JSON: `invalid_json`.'),
        404: refusal(OUT_OF_SCOPE),
        409: refusal('Refused by the slot’s state: `slot_full`, `already_booked`.'),
        422: refusal(
          `${BODY_CODES}; a rule of the booking: \`address_required\`, \`service_unavailable\`, \`customer_not_active\`, \`not_handset_member\`, \`not_handset_member_or_vip\`, \`service_segment_not_eligible\`, \`points_payment_not_allowed\`, \`slot_passed\`, \`vip_window_only\`, \`booking_not_open\`, \`insufficient_points\`; or the key: ${KEY_CODES}.`,
        ),
      },
    }),
  },
  '/api/v1/service-bookings/{bookingId}/cancel': {
    post: secured({
      operationId: 'cancelServiceBooking',
      tags: ['services'],
      summary: 'Cancel a handset service booking with a reason; points paid go back once and the customer is told',
      requestParams: { path: serviceBookingPath, header: keyHeader },
      requestBody: { required: true, content: { 'application/json': { schema: serviceCancelApiInput } } },
      responses: {
        200: json(serviceCancellationOutput, 'Cancelled (a repeat with the same Idempotency-Key returns the same body).'),
        400: refusal('The body is not JSON: `invalid_json`.'),
        404: refusal('No such booking in the token’s scope: `not_found`.'),
        409: refusal('The booking is done or already cancelled: `booking_transition_refused`.'),
        422: refusal(`${BODY_CODES}, \`reason_required\`; or the key: ${KEY_CODES}.`),
      },
    }),
  },
  '/api/v1/customers/{customerId}/trial-programmes': {
    get: secured({
      operationId: 'listTrialProgrammesForCustomer',
      tags: ['services'],
      summary: 'The handset and new-service trials this customer may apply for now (VIPs first)',
      requestParams: { path: customerPath },
      responses: { 200: json(trialProgrammeListOutput, 'The open programmes of the customer’s province.'), 404: refusal(OUT_OF_SCOPE), 422: refusal(`${PATH_ID}.`) },
    }),
  },
  '/api/v1/customers/{customerId}/trial-applications': {
    post: secured({
      operationId: 'applyForTrialForCustomer',
      tags: ['services'],
      summary: 'Apply for a trial for a customer, recorded with the token’s channel',
      requestParams: { path: customerPath, header: keyHeader },
      requestBody: { required: true, content: { 'application/json': { schema: trialApplicationApiInput } } },
      responses: {
        201: json(trialApplicationOutput, 'Applied (a repeat with the same Idempotency-Key returns the same body).'),
        400: refusal('The body is not JSON: `invalid_json`.'),
        404: refusal(OUT_OF_SCOPE),
        409: refusal('The customer has applied already: `already_applied`.'),
        422: refusal(
          `${BODY_CODES}; a rule of the trial: \`customer_not_active\`, \`not_handset_member\`, \`not_handset_member_or_vip\`, \`trial_closed\`, \`trial_not_open\`, \`vip_window_only\`; or the key: ${KEY_CODES}.`,
        ),
      },
    }),
  },
  '/api/v1/customers/{customerId}/loaners': {
    get: secured({
      operationId: 'listLoanerOptionsForCustomer',
      tags: ['services'],
      summary: 'The loaner phones on the shelf in the customer’s province, and the customer’s open repairs a loaner may be lent against',
      requestParams: { path: customerPath },
      responses: { 200: json(loanerOptionsOutput, 'Phones and repairs.'), 404: refusal(OUT_OF_SCOPE), 422: refusal(`${PATH_ID}.`) },
    }),
    post: secured({
      operationId: 'lendLoanerToCustomer',
      tags: ['services'],
      summary: 'Lend a loaner phone against one of the customer’s open repair bookings, recorded with the token’s channel',
      requestParams: { path: customerPath, header: keyHeader },
      requestBody: { required: true, content: { 'application/json': { schema: loanApiInput } } },
      responses: {
        201: json(loanOutput, 'Lent (a repeat with the same Idempotency-Key returns the same body).'),
        400: refusal('The body is not JSON: `invalid_json`.'),
        404: refusal(OUT_OF_SCOPE),
        409: refusal('Refused by the phone’s or the booking’s state: `loaner_already_lent`, `booking_has_loaner`, `booking_finished`.'),
        422: refusal(`${BODY_CODES.replace('`invalid_body`', '`invalid_body`, `invalid_time`')}; a rule of the loan: \`not_a_repair\`, \`loaner_retired\`, \`due_in_past\`; or the key: ${KEY_CODES}.`),
      },
    }),
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
    },
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'customers', description: 'Customers and their club memberships.' },
      { name: 'events', description: 'Events and registrations.' },
      { name: 'services', description: 'Handset club services: slots, bookings, trials and loaner phones, booked for a customer.' },
      { name: 'meta', description: 'Health and this document.' },
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
          responses: { 200: json(healthOutput, 'The service is up.') },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['meta'],
          summary: 'This document',
          security: [],
          responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/api/v1/customers': {
        get: secured({
          operationId: 'findCustomerByMobile',
          tags: ['customers'],
          summary: 'Look up a customer by full mobile number',
          requestParams: { query: customerLookupQuery },
          responses: { 200: json(customerOutput, 'The customer.'), 404: PROBLEMS.notFound, 422: PROBLEMS.invalidInput },
        }),
      },
      '/api/v1/customers/{customerId}/memberships': {
        get: secured({
          operationId: 'listMemberships',
          tags: ['customers'],
          summary: 'A customer’s membership periods, newest first',
          requestParams: { path: customerPath },
          responses: { 200: json(membershipListOutput, 'Every period, open and closed.'), 404: PROBLEMS.notFound, 422: PROBLEMS.invalidInput },
        }),
        post: secured({
          operationId: 'enrollCustomer',
          tags: ['customers'],
          summary: 'Enroll a customer in a club, recorded with the token’s channel',
          requestParams: { path: customerPath },
          requestBody: { required: true, content: { 'application/json': { schema: enrollmentInput } } },
          responses: {
            201: json(membershipOutput, 'The new membership period.'),
            400: PROBLEMS.invalidJson,
            403: PROBLEMS.forbidden,
            404: PROBLEMS.notFound,
            409: PROBLEMS.conflict,
            422: PROBLEMS.invalidInput,
          },
        }),
      },
      '/api/v1/customers/{customerId}/memberships/{clubCode}': {
        delete: secured({
          operationId: 'withdrawCustomer',
          tags: ['customers'],
          summary: 'Withdraw a customer from a club; the period stays in the history',
          requestParams: { path: membershipPath },
          responses: { 200: json(membershipOutput, 'The closed membership period.'), 403: PROBLEMS.forbidden, 404: PROBLEMS.notFound, 422: PROBLEMS.invalidInput },
        }),
      },
      '/api/v1/customers/{customerId}/registrations': {
        get: secured({
          operationId: 'listCustomerRegistrations',
          tags: ['events'],
          summary: 'A customer’s registrations, newest event first',
          requestParams: { path: customerPath },
          responses: { 200: json(customerRegistrationListOutput, 'The registrations.'), 404: PROBLEMS.notFound, 422: PROBLEMS.invalidInput },
        }),
      },
      '/api/v1/customers/{customerId}/complaints': {
        get: secured({
          operationId: 'listCustomerComplaints',
          tags: ['customers'],
          summary: 'A customer’s complaints with their answers, newest first',
          requestParams: { path: customerPath },
          responses: { 200: json(complaintListOutput, 'The latest 50 complaints.'), 404: PROBLEMS.notFound, 422: PROBLEMS.invalidInput },
        }),
        post: secured({
          operationId: 'fileComplaint',
          tags: ['customers'],
          summary: 'Take down a customer’s complaint, recorded with the token’s channel; the customer is told by SMS that it was received',
          requestParams: { path: customerPath, header: z.object({ 'Idempotency-Key': idempotencyKey }) },
          requestBody: { required: true, content: { 'application/json': { schema: complaintApiInput } } },
          responses: {
            201: json(complaintOutput, 'The open complaint, in the province’s queue (a repeat with the same Idempotency-Key returns the same body).'),
            400: PROBLEMS.invalidJson,
            404: PROBLEMS.notFound,
            409: PROBLEMS.conflict,
            422: PROBLEMS.invalidInput,
          },
        }),
      },
      '/api/v1/events': {
        get: secured({
          operationId: 'listEvents',
          tags: ['events'],
          summary: 'Events of a year in the token’s province (drafts excluded)',
          requestParams: { query: channelEventsQuery },
          responses: { 200: json(channelEventListOutput, 'The events, by start time.'), 403: PROBLEMS.forbidden, 422: PROBLEMS.invalidInput },
        }),
      },
      '/api/v1/registrations': {
        post: secured({
          operationId: 'registerForEvent',
          tags: ['events'],
          summary: 'Register a customer for an event: a seat and its price, or a place on the waiting list',
          requestParams: { header: z.object({ 'Idempotency-Key': idempotencyKey }) },
          requestBody: { required: true, content: { 'application/json': { schema: registrationInput } } },
          responses: {
            201: json(registrationResultOutput, 'Registered (a repeat with the same Idempotency-Key returns the same body).'),
            400: PROBLEMS.invalidJson,
            403: PROBLEMS.forbidden,
            404: PROBLEMS.notFound,
            409: PROBLEMS.conflict,
            422: PROBLEMS.invalidInput,
          },
        }),
      },
      '/api/v1/registrations/{registrationId}/cancel': {
        post: secured({
          operationId: 'cancelRegistration',
          tags: ['events'],
          summary: 'Cancel a registration; before the registration deadline the price is refunded in full, once',
          requestParams: { path: registrationPath, header: z.object({ 'Idempotency-Key': idempotencyKey }) },
          responses: { 200: json(cancellationOutput, 'Cancelled (a repeat with the same Idempotency-Key returns the same body).'), 404: PROBLEMS.notFound, 409: PROBLEMS.conflict, 422: PROBLEMS.invalidInput },
        }),
      },
      ...SERVICE_PATHS,
    },
  });
  return document;
}
