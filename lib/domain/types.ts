// The vocabulary of the domain (DOMAIN.md). Every enumerated value the database stores is listed here once.

export const SEGMENTS = ['prepaid', 'postpaid', 'postpaid_vip'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const CUSTOMER_STATUSES = ['active', 'suspended', 'closed'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const CLUB_CODES = ['music', 'film', 'gaming', 'handset'] as const;
export type ClubCode = (typeof CLUB_CODES)[number];

/** The picture formats a cover may be uploaded in (no SVG: it can carry scripts). */
export const COVER_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type CoverImageType = (typeof COVER_IMAGE_TYPES)[number];

/** account_manager: a VIP account manager (客户经理) of one province, acting for their own VIPs only. */
export const STAFF_ROLES = ['admin', 'operator', 'analyst', 'account_manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLES = ['member', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Channels through which a customer acts or is acted for. */
export const CHANNELS = ['hall', 'hotline', 'online', 'sms', 'mobile', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_KINDS = [
  'music_fan_event',
  'film_fan_exchange',
  'film_premiere',
  'gaming_tournament',
  'handset_salon',
  'handset_trial',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KINDS_BY_CLUB: Record<ClubCode, readonly EventKind[]> = {
  music: ['music_fan_event'],
  film: ['film_fan_exchange', 'film_premiere'],
  gaming: ['gaming_tournament'],
  handset: ['handset_salon', 'handset_trial'],
};

export const EVENT_STATUSES = ['draft', 'published', 'completed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const PRICE_TYPES = ['free', 'fee', 'points'] as const;
export type PriceType = (typeof PRICE_TYPES)[number];

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const LEDGER_REASONS = ['grant', 'registration', 'refund', 'adjustment', 'import', 'service', 'topup'] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

/** What a CSV import on /ops/import loads: customers (with their clubs), or ledger entries from billing. */
export const IMPORT_KINDS = ['customers', 'ledger'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ACTIVITY_KINDS = [
  'joined',
  'left',
  'registered',
  'waitlisted',
  'promoted',
  'cancelled',
  'event_cancelled',
  'attended',
  'no_show',
  'attendance_corrected',
  'service_booked',
  'service_done',
  'service_cancelled',
  'trial',
  'loan',
  'feedback',
  'callback',
  'imported',
  'web_access',
  'complaint',
  'hall_visit',
  'account_manager',
  'warranty_repair',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const OUTBOX_CHANNELS = ['sms', 'inapp'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/**
 * An SMS is `sent` when the gateway took it, `delivered` when the SMS centre's receipts say the
 * handset has it (SMPP), and `failed` when it was refused, undeliverable or given up. In-app
 * messages are `sent` when stored.
 */
export const OUTBOX_STATUSES = ['pending', 'sent', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const SMS_PART_OUTCOMES = ['delivered', 'failed'] as const;
export type SmsPartOutcome = (typeof SMS_PART_OUTCOMES)[number];

/** What a complaint (投诉) is about. */
export const COMPLAINT_TOPICS = ['event', 'handset_service', 'network', 'billing', 'other'] as const;
export type ComplaintTopic = (typeof COMPLAINT_TOPICS)[number];

/**
 * A complaint's way (首问服务制): open until a staff member takes it, in progress with its owner,
 * answered and waiting for the customer to confirm or reopen it, closed. A reopened one is in
 * progress again with the same owner.
 */
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A complaint (投诉) has a deadline and escalates; a suggestion (建议) is acknowledged and forwarded. */
export const COMPLAINT_KINDS = ['complaint', 'suggestion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** The steps kept in a complaint's history. */
export const COMPLAINT_STEPS = ['filed', 'taken', 'transferred', 'answered', 'escalated', 'confirmed', 'reopened', 'rated', 'closed'] as const;
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];

/** Where handset services are given: the operator's own business halls (营业厅) and 3G brand stores. */
export const HALL_KINDS = ['hall', 'brand_store'] as const;
export type HallKind = (typeof HALL_KINDS)[number];

export const TIME_ZONE = 'Asia/Shanghai';
