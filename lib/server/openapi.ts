import 'server-only';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from 'zod-openapi';
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
    description: `Chosen by the caller, unique per request it means (8–128 of A–Z a–z 0–9 . _ : -). A repeat with the same key and request returns the first result, refusals included, and writes nothing — except refusals that time or state may lift (${NOT_REPLAYED_CODES.map((c) => `\`${c}\``).join(', ')}, a busy database, a rate limit), which are not kept, so the same key is served once they no longer hold; a repeat that arrives while the first still runs waits for it and returns its result; the same key with another request is refused with 422 \`idempotency_key_reused\`. Keys are remembered for ${IDEMPOTENCY_TTL_MS / 3_600_000} hours.`,
    example: 'hotline-20270301-000123',
    param: { id: 'IdempotencyKey' },
  });

/** An operation behind a bearer token: every one may answer 401 and 500 as well. */
function secured(operation: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  return { ...operation, responses: { ...operation.responses, 401: PROBLEMS.unauthenticated, 500: PROBLEMS.internal } };
}

/** Balances from billing (issue 26, item 2): kept in a block of its own. */
function ledgerPaths() {
  return {
    '/api/v1/ledger-entries': {
      post: secured({
        operationId: 'recordLedgerEntries',
        tags: ['balances'],
        summary: 'Record points accruals, prepaid top-ups and adjustments from billing, each once by its reference',
        requestParams: { header: z.object({ 'Idempotency-Key': idempotencyKey }) },
        requestBody: { required: true, content: { 'application/json': { schema: ledgerEntriesInput } } },
        responses: {
          200: json(ledgerEntriesOutput, 'Every entry had been applied before with the same content (status `already_applied`); nothing was written.'),
          201: json(ledgerEntriesOutput, 'Applied, in order (a repeat with the same Idempotency-Key returns the same body).'),
          400: problem('LedgerInvalidJson', 'The body is not JSON (`invalid_json`).'),
          404: problem('LedgerCustomerNotFound', 'No customer with an entry’s mobile number in the token’s province (`customer_not_found`; `params.index` names the entry).'),
          409: problem(
            'LedgerConflict',
            'Refused by the state of the ledger: `ledger_entry_conflict` (the reference was applied before with other content; correct it under a new reference) or `balance_below_zero` (with `balance` and `amount`; not kept under the Idempotency-Key). `params.index` names the entry; nothing was written.',
          ),
          413: problem('LedgerPayloadTooLarge', 'The body is larger than the API’s limit (`payload_too_large`).'),
          422: problem(
            'LedgerInvalidInput',
            'Invalid input, `invalid_input` with `errors` per field (`entries.0.amount`: `invalid_amount`, `invalid_external_ref`, `unknown_kind`, `invalid_mobile`, `invalid_occurred_at`, `invalid_entries`, `too_many_entries`, `unknown_field`), `points_not_earned` (a points accrual for a segment that earns none), or `idempotency_key_required`, `idempotency_key_invalid`, `idempotency_key_reused`.',
          ),
        },
      }),
    },
  };
}

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
      { name: 'meta', description: 'Health and this document.' },
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
      ...ledgerPaths(),
    },
  });
  return document;
}
