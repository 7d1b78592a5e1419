import { z } from 'zod';
import { CHANNELS, CLUB_CODES, CUSTOMER_STATUSES, SEGMENTS } from '@/lib/domain/types';
import { wholeNumber } from './fields';

/** Channels staff record when acting for a customer; 'web' is the member's own self-service. */
export const STAFF_CHANNELS = CHANNELS.filter((c) => c !== 'web');
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** The channel a customer asked through, chosen by staff. */
export const staffChannel = z.enum(STAFF_CHANNELS as [string, ...string[]], { error: 'channel_required' }).transform((c) => c as StaffChannel);

export const clubCode = z.enum(CLUB_CODES, { error: 'unknown_club' });

export const memberClubChange = z.object({ clubCode });

/** Staff registering a customer for an event: the page's key makes a double submit one registration. */
export const staffRegistrationInput = z.object({
  customerId: z.coerce.number().int().positive(),
  eventId: z.coerce.number().int('event_required').positive('event_required'),
  channel: staffChannel,
  waitlist: z
    .literal('true')
    .optional()
    .transform((v) => v === 'true'),
  idempotencyKey: z.string().optional(),
});

/** An operator giving a VIP an account manager (a staff id), or none (empty). */
export const accountManagerInput = z.object({
  customerId: z.coerce.number().int().positive(),
  staffId: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), 'account_manager_invalid'),
});

export const staffClubChange = z.object({
  customerId: z.coerce.number().int().positive(),
  clubCode,
  channel: staffChannel,
});

const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The club member list's filters, from the URL: anything malformed falls back to its default. */
export const clubMemberFilters = z.object({
  segment: z.enum(SEGMENTS).optional().catch(undefined),
  status: z.enum(CUSTOMER_STATUSES).optional().catch(undefined),
  state: z.enum(['current', 'left', 'all']).default('current').catch('current'),
  province: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  joinedFrom: optionalDate,
  joinedTo: optionalDate,
  sort: z.enum(['joined_desc', 'joined_asc', 'name']).default('joined_desc').catch('joined_desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export type ClubMemberFilters = z.infer<typeof clubMemberFilters>;

export const clubSettingsInput = z.object({
  clubCode,
  minEventsPerYear: wholeNumber('invalid_min_events', 0, 100),
});
