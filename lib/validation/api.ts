import { z } from 'zod';
import { BILLING_PAGE_SIZE } from '@/lib/domain/billing';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_MIN_LENGTH } from '@/lib/domain/complaint-rules';
import { amountRefusal, EXTERNAL_REF_PATTERN, LEDGER_ENTRY_KINDS, MAX_LEDGER_NOTE } from '@/lib/domain/ledger-entries';
import { MOBILE_PATTERN } from '@/lib/domain/mobile';
import { BOOKABLE_KINDS } from '@/lib/domain/service-rules';
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
import { optionalText, plainLine, plainText } from './fields';
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
  clubCode: clubCode.meta({ description: 'The club.', example: 'film' }),
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
  club: clubCode.optional().meta({ description: 'Only this club’s events.', example: 'film' }),
  status: z.enum(CHANNEL_EVENT_STATUSES, { error: 'invalid_status' }).optional().meta({ description: 'Only events in this status.', example: 'published' }),
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

/* Billing: charge lines for billing systems that pull (docs/billing.md). */

export const billingChargesQuery = z.object({
  cursor: z
    .string('invalid_cursor')
    .max(64, 'invalid_cursor')
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page; absent for the first line ever written. Opaque: keep it as given.', example: 'YzEuMTI4' }),
  limit: z.coerce
    .number('invalid_limit')
    .int('invalid_limit')
    .min(1, 'invalid_limit')
    .max(BILLING_PAGE_SIZE.max, 'invalid_limit')
    .optional()
    .meta({ description: `Lines per page, at most ${BILLING_PAGE_SIZE.max}; ${BILLING_PAGE_SIZE.default} when absent.`, example: 500 }),
});

export const billingChargeOutput = z
  .object({
    id: z.number().int().meta({ description: 'The line’s id: stable, unique, rising in the order lines are served.', example: 129 }),
    kind: z.enum(['charge', 'reversal']).meta({ description: 'A fee on the bill, or the reversal of one (a refund).' }),
    reversesId: z.number().int().nullable().meta({ description: 'For a reversal, the id of the charge it reverses.', example: null }),
    mobile: z.string().meta({ description: 'The customer’s full mobile number (the bill’s account), as text.', example: '18612345678' }),
    provinceCode: z.string().meta({ description: 'The customer’s province (GB/T 2260).', example: '440000' }),
    amountFen: z.number().int().meta({ description: 'In fen (1/100 yuan); negative for a reversal.', example: 5000 }),
    description: z.string().meta({ example: '活动报名费：粤语金曲演唱会' }),
    cycle: z.string().meta({ description: 'The billing cycle the line falls in (the month it starts in), by HQ’s start day.', example: '2027-03' }),
    createdAt: instant,
  })
  .meta({ id: 'BillingCharge' });

export const billingChargeListOutput = z
  .object({
    charges: z.array(billingChargeOutput),
    nextCursor: z.string().meta({ description: 'Where the next request goes on from; the same cursor again when nothing new has settled.', example: 'YzEuMTI5' }),
    more: z.boolean().meta({ description: 'Whether more settled lines wait: ask again at once; otherwise poll later.' }),
  })
  .meta({ id: 'BillingChargeList' });

/*
 * Handset services for the hotline's and the halls' systems (issue 26, item 5): what a customer may
 * book, booking and cancelling, trials and loaners, by the member's own rules.
 */

export const serviceBookingPath = z.object({
  bookingId: pathId.meta({ description: 'The service booking id, as returned when booking.', example: 2048 }),
});

const bookableKind = z.enum(BOOKABLE_KINDS).meta({ description: 'cleaning (手机清洗), booked_repair (预约维修, at a hall), onsite_repair (上门维修, at an address), warranty (保修).' });
const bookingStatus = z.enum(['requested', 'confirmed', 'in_progress', 'done', 'cancelled']);

/** An instant sent by the caller: ISO 8601 with its offset, to integer milliseconds. */
const instantInput = z.iso
  .datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'field_required' : 'invalid_time') })
  .transform((iso) => Date.parse(iso))
  .meta({ description: 'An instant, ISO 8601 with its offset.', example: '2027-03-08T15:59:00+08:00' });

export const serviceSlotListOutput = z
  .object({
    slots: z.array(
      z.object({
        id: z.number().int().meta({ description: 'The slot, to book with.' }),
        serviceId: z.number().int(),
        serviceKind: bookableKind,
        serviceNameZh: z.string(),
        serviceNameEn: z.string().nullable(),
        place: z.string().meta({ description: 'The hall, or the area an on-site repair covers.' }),
        placeEn: z.string().nullable(),
        startsAt: instant,
        endsAt: instant,
        seatsLeft: count,
        pricePoints: count,
        needsAddress: z.boolean().meta({ description: 'On-site repair: the booking must give the address.' }),
      }),
    ),
  })
  .meta({
    id: 'ServiceSlotList',
    example: {
      slots: [
        {
          id: 311,
          serviceId: 12,
          serviceKind: 'onsite_repair',
          serviceNameZh: '上门维修',
          serviceNameEn: 'On-site repair',
          place: '天河区',
          placeEn: 'Tianhe District',
          startsAt: '2027-03-05T01:00:00.000Z',
          endsAt: '2027-03-05T04:00:00.000Z',
          seatsLeft: 2,
          pricePoints: 0,
          needsAddress: true,
        },
      ],
    },
  });

export const serviceBookingApiInput = body({
  slotId: bodyId.meta({ description: 'A slot the customer may book now (GET …/service-slots).', example: 311 }),
  address: plainLine(z.string('invalid_body').trim().max(120, 'text_too_long')).optional().meta({ description: 'Where to go: required for on-site repair.', example: '广州市天河区体育西路101号' }),
  description: plainText(z.string('invalid_body').trim().max(300, 'text_too_long')).optional().meta({ description: 'The fault or request, as the customer told it.', example: '屏幕触摸失灵' }),
}).meta({ id: 'ServiceBookingInput', example: { slotId: 311, address: '广州市天河区体育西路101号', description: '屏幕触摸失灵' } });

export const serviceBookingOutput = z
  .object({
    id: z.number().int(),
    serviceId: z.number().int(),
    slotId: z.number().int(),
    customerId: z.number().int(),
    status: bookingStatus,
    address: z.string().nullable(),
    pointsPaid: count,
    createdAt: instant,
  })
  .meta({
    id: 'ServiceBooking',
    example: { id: 2048, serviceId: 12, slotId: 311, customerId: 1024, status: 'requested', address: '广州市天河区体育西路101号', pointsPaid: 0, createdAt: '2027-03-01T02:00:00.000Z' },
  });

export const customerServiceBookingListOutput = z
  .object({
    bookings: z.array(
      z.object({
        id: z.number().int(),
        status: bookingStatus,
        serviceKind: bookableKind,
        serviceNameZh: z.string(),
        serviceNameEn: z.string().nullable(),
        place: z.string(),
        placeEn: z.string().nullable(),
        address: z.string().nullable(),
        startsAt: instant,
        channel: channel.nullable().meta({ description: 'The channel it was booked through.' }),
        loanerModel: z.string().nullable().meta({ description: 'The loaner phone lent for it and not yet back.' }),
      }),
    ),
  })
  .meta({
    id: 'CustomerServiceBookingList',
    example: {
      bookings: [
        {
          id: 2048,
          status: 'requested',
          serviceKind: 'onsite_repair',
          serviceNameZh: '上门维修',
          serviceNameEn: 'On-site repair',
          place: '天河区',
          placeEn: 'Tianhe District',
          address: '广州市天河区体育西路101号',
          startsAt: '2027-03-05T01:00:00.000Z',
          channel: 'hotline',
          loanerModel: null,
        },
      ],
    },
  });

export const serviceCancelApiInput = body({
  reason: plainText(z.string(bodyField('reason_required')).trim().min(1, 'reason_required').max(500, 'text_too_long')).meta({ description: 'Why, for the customer’s message and record.', example: '客户来电改约' }),
}).meta({ id: 'ServiceCancelInput', example: { reason: '客户来电改约' } });

export const serviceCancellationOutput = z
  .object({ bookingId: z.number().int(), status: z.literal('cancelled') })
  .meta({ id: 'ServiceCancellation', description: 'Cancelled; points paid for it go back, once.', example: { bookingId: 2048, status: 'cancelled' } });

export const trialProgrammeListOutput = z
  .object({
    programmes: z.array(
      z.object({
        id: z.number().int().meta({ description: 'The programme, to apply with.' }),
        serviceKind: z.enum(['handset_trial', 'service_trial']),
        titleZh: z.string(),
        titleEn: z.string().nullable(),
        opensAt: instant,
        closesAt: instant,
      }),
    ),
  })
  .meta({
    id: 'TrialProgrammeList',
    example: { programmes: [{ id: 21, serviceKind: 'handset_trial', titleZh: '3G新机试用（第二期）', titleEn: '3G handset trial (round 2)', opensAt: '2027-03-02T00:00:00.000Z', closesAt: '2027-03-12T00:00:00.000Z' }] },
  });

export const trialApplicationApiInput = body({
  programmeId: bodyId.meta({ description: 'A programme the customer may apply for now (GET …/trial-programmes).', example: 21 }),
}).meta({ id: 'TrialApplicationInput', example: { programmeId: 21 } });

export const trialApplicationOutput = z
  .object({
    id: z.number().int(),
    programmeId: z.number().int(),
    customerId: z.number().int(),
    status: z.enum(['applied', 'selected', 'declined', 'handed_over', 'returned', 'withdrawn']),
    vip: z.boolean().meta({ description: 'VIPs are considered first.' }),
    appliedAt: instant,
  })
  .meta({ id: 'TrialApplication', example: { id: 77, programmeId: 21, customerId: 1024, status: 'applied', vip: true, appliedAt: '2027-03-01T02:00:00.000Z' } });

export const loanerOptionsOutput = z
  .object({
    phones: z.array(z.object({ id: z.number().int(), model: z.string(), hall: z.string(), hallNameEn: z.string().nullable() })).meta({ description: 'Loaner phones on the shelf in the customer’s province.' }),
    repairs: z
      .array(z.object({ id: z.number().int(), serviceKind: bookableKind, serviceNameZh: z.string(), serviceNameEn: z.string().nullable(), startsAt: instant, status: bookingStatus }))
      .meta({ description: 'The customer’s open repair bookings without a loaner: a loaner is lent against one.' }),
  })
  .meta({
    id: 'LoanerOptions',
    example: {
      phones: [{ id: 9, model: '联通沃3G 备用机', hall: '中国联通广州天河营业厅', hallNameEn: 'China Unicom Tianhe Service Hall, Guangzhou' }],
      repairs: [{ id: 2048, serviceKind: 'onsite_repair', serviceNameZh: '上门维修', serviceNameEn: 'On-site repair', startsAt: '2027-03-05T01:00:00.000Z', status: 'requested' }],
    },
  });

export const loanApiInput = body({
  loanerId: bodyId.meta({ description: 'A loaner phone on the shelf (GET …/loaners).', example: 9 }),
  bookingId: bodyId.meta({ description: 'One of the customer’s open repair bookings.', example: 2048 }),
  dueAt: instantInput.meta({ description: 'When the phone is due back.' }),
}).meta({ id: 'LoanInput', example: { loanerId: 9, bookingId: 2048, dueAt: '2027-03-08T23:59:00+08:00' } });

export const loanOutput = z
  .object({ id: z.number().int(), loanerId: z.number().int(), bookingId: z.number().int().nullable(), customerId: z.number().int(), lentAt: instant, dueAt: instant })
  .meta({ id: 'Loan', example: { id: 5, loanerId: 9, bookingId: 2048, customerId: 1024, lentAt: '2027-03-01T02:00:00.000Z', dueAt: '2027-03-08T15:59:00.000Z' } });

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
