import { z } from 'zod';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_MIN_LENGTH } from '@/lib/domain/complaint-rules';
import { amountRefusal, EXTERNAL_REF_PATTERN, LEDGER_ENTRY_KINDS, MAX_LEDGER_NOTE } from '@/lib/domain/ledger-entries';
import { MOBILE_PATTERN } from '@/lib/domain/mobile';
import {
  CHANNELS,
  CLUB_CODES,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  COMPLAINT_TOPICS,
  CUSTOMER_STATUSES,
  EVENT_KINDS,
  EVENT_STATUSES,
  PRICE_TYPES,
  REGISTRATION_STATUSES,
  SEGMENTS,
} from '@/lib/domain/types';
import { optionalText, plainText } from './fields';
import { clubCode } from './members';

/*
 * The channel API's requests and responses (/api/v1). The route handlers validate with these
 * schemas and lib/server/openapi.ts renders the OpenAPI document from the same ones. Messages are
 * the stable codes a problem document carries in `errors`.
 */

/** A field of a JSON body: `field_required` when absent, `code` when present but wrong. */
const bodyField = (code: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'field_required' : code) });

/** A request body: unknown fields are refused rather than ignored, so that a typo cannot pass unnoticed. */
const body = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_body') });

const pathId = z.coerce.number('invalid_id').int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');
const bodyId = z.number(bodyField('invalid_id')).int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');

/** Instants are integer milliseconds inside the app and ISO 8601 (UTC) on the wire. */
const instant = z
  .codec(z.number().int(), z.string().meta({ format: 'date-time' }), {
    decode: (ms) => new Date(ms).toISOString(),
    encode: (iso) => Date.parse(iso),
  })
  .meta({ description: 'An instant in UTC, ISO 8601.', example: '2027-03-01T04:00:00.000Z' });

const channel = z.enum(CHANNELS);

/**
 * A response body in its documented shape (instants turned to ISO text, anything undocumented
 * dropped). A mismatch is our bug, not the caller's input: it is thrown as a plain error, a 500,
 * where a ZodError would be answered as a 422.
 */
export function presentOutput<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`response does not match its schema: ${z.prettifyError(result.error)}`);
  return result.data;
}

const count = z.number().int().min(0);

export const customerPath = z.object({
  customerId: pathId.meta({ description: 'The customer id, as returned by the customer lookup.', example: 1024 }),
});

export const membershipPath = z.object({
  customerId: customerPath.shape.customerId,
  clubCode: clubCode.meta({ description: 'The club.' }),
});

export const registrationPath = z.object({
  registrationId: pathId.meta({ description: 'The registration id, as returned when registering.', example: 4096 }),
});

export const customerLookupQuery = z.object({
  mobile: z.string('invalid_mobile').regex(MOBILE_PATTERN, 'invalid_mobile').meta({ description: 'The full 11-digit mobile number.', example: '18612341234' }),
});

/** Events a channel may list: drafts are the operators' work in progress and stay hidden. */
export const CHANNEL_EVENT_STATUSES = EVENT_STATUSES.filter((s) => s !== 'draft') as Exclude<(typeof EVENT_STATUSES)[number], 'draft'>[];
export type ChannelEventStatus = (typeof CHANNEL_EVENT_STATUSES)[number];

export const channelEventsQuery = z.object({
  year: z.coerce.number('invalid_year').int('invalid_year').min(2000, 'invalid_year').max(2100, 'invalid_year').optional().meta({ description: 'Year of the events’ start in Beijing time; this year when absent.', example: 2027 }),
  club: clubCode.optional().meta({ description: 'Only this club’s events.' }),
  status: z.enum(CHANNEL_EVENT_STATUSES, { error: 'invalid_status' }).optional().meta({ description: 'Only events in this status.' }),
  province: z.string().regex(/^\d{6}$/, 'unknown_province').optional().meta({ description: 'HQ tokens: only this province (GB/T 2260 code). A province token may name only its own.', example: '440000' }),
});

export type ChannelEventFilters = z.infer<typeof channelEventsQuery>;

export const enrollmentInput = body({ clubCode: z.enum(CLUB_CODES, bodyField('unknown_club')).meta({ description: 'The club to join.' }) }).meta({ id: 'EnrollmentInput' });

export const registrationInput = body({
  customerId: bodyId.meta({ description: 'The customer to register.' }),
  eventId: bodyId.meta({ description: 'A published event of the customer’s province.' }),
  waitlist: z.boolean('invalid_boolean').optional().meta({ description: 'When the event is full: join the waiting list instead of being refused.' }),
}).meta({ id: 'RegistrationInput' });

export const complaintApiInput = body({
  kind: z
    .enum(COMPLAINT_KINDS, bodyField('kind_required'))
    .default('complaint')
    .meta({ description: 'A complaint (投诉: a deadline by the customer’s segment, escalated when missed) or a suggestion (建议: acknowledged and forwarded).' }),
  topic: z.enum(COMPLAINT_TOPICS, bodyField('topic_required')).meta({ description: 'What the complaint is about.' }),
  body: plainText(z.string(bodyField('complaint_required')).trim().min(COMPLAINT_MIN_LENGTH, 'complaint_too_short').max(COMPLAINT_MAX_LENGTH, 'text_too_long'))
    .meta({ description: `What happened, as the customer told it (${COMPLAINT_MIN_LENGTH}–${COMPLAINT_MAX_LENGTH} characters).`, example: '来电反映：预约维修的手机超过承诺时间仍未修好。' }),
}).meta({ id: 'ComplaintInput' });

export const problemOutput = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem; stable per code.' }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'The stable error code.', example: 'event_full' }),
    detail: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().meta({ description: 'Values belonging to the code, e.g. a date.' }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: 'Invalid input: an error code per field (`_` for the body as a whole).' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document.' });

export const customerOutput = z
  .object({
    id: z.number().int(),
    mobile: z.string().meta({ description: 'Masked (186****1234) where the token may not see it.' }),
    name: z.string().meta({ description: 'Masked (张*) where the token may not see it.' }),
    masked: z.boolean(),
    segment: z.enum(SEGMENTS),
    status: z.enum(CUSTOMER_STATUSES),
    provinceCode: z.string(),
    pointsBalance: count,
    prepaidBalanceFen: count.meta({ description: 'Prepaid balance in fen (1/100 yuan).' }),
  })
  .meta({ id: 'Customer' });

export const membershipOutput = z
  .object({
    id: z.number().int(),
    clubCode: z.enum(CLUB_CODES),
    joinedAt: instant,
    joinChannel: channel,
    leftAt: instant.nullable(),
    leaveChannel: channel.nullable(),
  })
  .meta({ id: 'Membership', description: 'One membership period; an open one has no leftAt.' });

export const membershipListOutput = z.object({ memberships: z.array(membershipOutput) }).meta({ id: 'MembershipList' });

export const channelEventOutput = z
  .object({
    id: z.number().int(),
    clubCode: z.enum(CLUB_CODES),
    provinceCode: z.string(),
    kind: z.enum(EVENT_KINDS),
    titleZh: z.string(),
    titleEn: z.string().nullable(),
    venue: z.string(),
    venueEn: z.string().nullable().meta({ description: 'The venue in English, written with its city.' }),
    startsAt: instant,
    endsAt: instant,
    regOpensAt: instant,
    regClosesAt: instant,
    vipOpensAt: instant.nullable().meta({ description: 'Start of the VIP-only priority window, if any.' }),
    status: z.enum(CHANNEL_EVENT_STATUSES),
    priceType: z.enum(PRICE_TYPES),
    priceFen: count,
    pricePoints: count,
    eligibleSegments: z.array(z.enum(SEGMENTS)),
    capacity: z.number().int(),
    taken: count.meta({ description: 'Seats taken (confirmed, attended, no-show).' }),
    waitlisted: count,
  })
  .meta({ id: 'Event' });

export const channelEventListOutput = z.object({ events: z.array(channelEventOutput) }).meta({ id: 'EventList' });

export const registrationResultOutput = z
  .object({
    registrationId: z.number().int(),
    status: z.enum(['confirmed', 'waitlisted']),
    position: z.number().int().nullable().meta({ description: '1-based place on the waiting list.' }),
    paidPoints: count,
    paidFen: count,
    payment: z.enum(['none', 'points', 'prepaid', 'bill']).meta({ description: 'How the price was paid: points, the prepaid balance, or a charge on the postpaid bill.' }),
  })
  .meta({ id: 'RegistrationResult' });

export const cancellationOutput = z
  .object({
    registrationId: z.number().int(),
    status: z.literal('cancelled'),
    refunded: z.string().meta({ description: 'What was given back, in words (e.g. 500积分); empty when nothing was.' }),
  })
  .meta({ id: 'Cancellation' });

export const customerRegistrationOutput = z
  .object({
    id: z.number().int(),
    status: z.enum(REGISTRATION_STATUSES),
    position: z.number().int().nullable().meta({ description: 'Place on the waiting list while waitlisted.' }),
    channel,
    paidPoints: count,
    paidFen: count,
    refundedAt: instant.nullable(),
    shortCode: z.string().meta({ description: 'The ticket’s short code, read out at the door.' }),
    createdAt: instant,
    cancelledAt: instant.nullable(),
    cancelReason: z.enum(['cancelled', 'event_cancelled', 'cannot_pay']).nullable(),
    checkedInAt: instant.nullable(),
    cancellable: z.boolean(),
    eventId: z.number().int(),
    clubCode: z.enum(CLUB_CODES),
    titleZh: z.string(),
    titleEn: z.string().nullable(),
    venue: z.string(),
    venueEn: z.string().nullable().meta({ description: 'The venue in English, written with its city.' }),
    startsAt: instant,
    endsAt: instant,
    eventStatus: z.enum(EVENT_STATUSES),
  })
  .meta({ id: 'CustomerRegistration' });

export const customerRegistrationListOutput = z.object({ registrations: z.array(customerRegistrationOutput) }).meta({ id: 'CustomerRegistrationList' });

export const complaintOutput = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    kind: z.enum(COMPLAINT_KINDS),
    topic: z.enum(COMPLAINT_TOPICS),
    body: z.string(),
    channel: channel.meta({ description: 'Where it came in: the member’s own web, a hall, the hotline, or a system’s channel.' }),
    status: z.enum(COMPLAINT_STATUSES).meta({ description: 'open until a staff member takes it; in_progress with its owner (also when the customer reopened it); answered, waiting for the customer to confirm or reopen; closed.' }),
    reply: z.string().nullable().meta({ description: 'The owner’s latest answer (the customer gets it by SMS and in the app).' }),
    deadlineAt: instant.nullable().meta({ description: 'When an answer is due (HQ’s hours for the customer’s segment); null for suggestions.' }),
    escalatedAt: instant.nullable().meta({ description: 'When it was escalated to HQ for missing its deadline.' }),
    createdAt: instant,
    resolvedAt: instant.nullable().meta({ description: 'When it was last answered.' }),
    closedAt: instant.nullable(),
  })
  .meta({ id: 'Complaint', description: 'A complaint or suggestion: owned by the first staff member of the customer’s province who takes it (首问服务制); overdue ones first, then VIPs’, then the oldest.' });

export const complaintListOutput = z.object({ complaints: z.array(complaintOutput) }).meta({ id: 'ComplaintList' });

export const healthOutput = z.object({ status: z.literal('ok') });

export const revokeApiTokenInput = z.object({ tokenId: z.coerce.number().int().positive() });

/* Ledger entries from billing (POST /api/v1/ledger-entries). */

/** Entries per request: a billing run sends its entries in pages of this size. */
export const MAX_LEDGER_BATCH = 200;

const ledgerEntryExample = {
  externalRef: 'JF20261201000123',
  kind: 'points_accrual',
  mobile: '18612341234',
  amount: 1200,
  occurredAt: '2026-12-01T02:15:00+08:00',
  note: '11月消费积分',
} as const;

export const ledgerEntryInput = body({
  externalRef: z
    .string(bodyField('invalid_external_ref'))
    .regex(EXTERNAL_REF_PATTERN, 'invalid_external_ref')
    .meta({ description: 'The billing system’s id of the entry, unique per ledger (points, prepaid): the same reference is applied once.', example: ledgerEntryExample.externalRef }),
  kind: z.enum(LEDGER_ENTRY_KINDS, bodyField('unknown_kind')).meta({ description: 'Points accrued or adjusted, prepaid balance topped up or adjusted.' }),
  mobile: z.string(bodyField('invalid_mobile')).regex(MOBILE_PATTERN, 'invalid_mobile').meta({ description: 'The customer’s full 11-digit mobile number.', example: ledgerEntryExample.mobile }),
  amount: z
    .number(bodyField('invalid_amount'))
    .int('invalid_amount')
    .meta({ description: 'Points, or fen for prepaid kinds (5000 = ¥50.00); not 0, negative only for adjustments, never below a zero balance.', example: ledgerEntryExample.amount }),
  occurredAt: z.iso
    .datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'field_required' : 'invalid_occurred_at') })
    .meta({ description: 'When it happened in billing: ISO 8601 with Z or an offset, not in the future.', example: ledgerEntryExample.occurredAt }),
  note: optionalText(MAX_LEDGER_NOTE).meta({ description: 'Shown on the customer’s ledger.', example: ledgerEntryExample.note }),
})
  .transform((entry, ctx) => {
    const occurredAt = Date.parse(entry.occurredAt);
    if (amountRefusal(entry.kind, entry.amount)) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'invalid_amount' });
    if (occurredAt > Date.now()) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'invalid_occurred_at' });
    return { ...entry, occurredAt };
  })
  .meta({ id: 'LedgerEntryInput', example: ledgerEntryExample });

export const ledgerEntriesInput = body({
  entries: z
    .array(ledgerEntryInput, bodyField('invalid_entries'))
    .min(1, 'invalid_entries')
    .max(MAX_LEDGER_BATCH, 'too_many_entries')
    .meta({ description: `1 to ${MAX_LEDGER_BATCH} entries, applied in order, all or none.` }),
}).meta({ id: 'LedgerEntriesInput', example: { entries: [ledgerEntryExample] } });

const ledgerEntryOutputExample = {
  entryId: 5120,
  externalRef: ledgerEntryExample.externalRef,
  kind: ledgerEntryExample.kind,
  customerId: 1024,
  amount: ledgerEntryExample.amount,
  occurredAt: '2026-11-30T18:15:00.000Z',
  note: ledgerEntryExample.note,
  recordedAt: '2026-12-01T01:00:04.000Z',
  status: 'applied',
} as const;

export const ledgerEntryOutput = z
  .object({
    entryId: z.number().int().meta({ description: 'The row in the customer’s points or prepaid ledger.' }),
    externalRef: z.string(),
    kind: z.enum(LEDGER_ENTRY_KINDS),
    customerId: z.number().int(),
    amount: z.number().int(),
    occurredAt: instant,
    note: z.string().nullable(),
    recordedAt: instant.meta({ description: 'When the entry reached Club Hub.' }),
    status: z.enum(['applied', 'already_applied']).meta({ description: 'applied by this request, or already applied by an earlier one with the same content (nothing written again).' }),
  })
  .meta({ id: 'LedgerEntry', example: ledgerEntryOutputExample });

export const ledgerEntriesOutput = z.object({ entries: z.array(ledgerEntryOutput) }).meta({ id: 'LedgerEntryList', example: { entries: [ledgerEntryOutputExample] } });
