import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { HALL_KINDS, type HallKind, type Segment } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { staff } from './staff';

/** The handset club's services (四(三)4 of the plan). */
export const SERVICE_KINDS = ['handset_trial', 'service_trial', 'warranty', 'booked_repair', 'onsite_repair', 'cleaning', 'loaner'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A province's catalogue entry of one service, as its operators set it. */
export const services = table(
  'services',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    kind: text().$type<ServiceKind>().notNull(),
    nameZh: text().notNull(),
    nameEn: text(),
    descriptionZh: text().notNull().default(''),
    descriptionEn: text(),
    eligibleSegments: text({ mode: 'json' }).$type<Segment[]>().notNull(),
    /** Hours before a slot opens to everyone during which only postpaid VIPs may book it. */
    vipPriorityHours: integer().notNull().default(0),
    pricePoints: integer().notNull().default(0),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('services_kind', oneOf(t.kind, SERVICE_KINDS)),
    check('services_price', sql`${t.pricePoints} >= 0 and ${t.vipPriorityHours} >= 0`),
    uniqueIndex('services_province_kind').on(t.provinceCode, t.kind),
  ],
);

/**
 * A province's own business hall (营业厅) or 3G brand store, where handset services are given and
 * loaner phones are kept. Slots and loaners keep a copy of the Chinese name (the text of their
 * SMS and lists), which a trigger keeps equal to it when a hall is renamed.
 */
export const halls = table(
  'halls',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    kind: text().$type<HallKind>().notNull().default('hall'),
    city: text().notNull().default(''),
    nameZh: text().notNull(),
    nameEn: text(),
    address: text().notNull().default(''),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [check('halls_kind', oneOf(t.kind, HALL_KINDS)), uniqueIndex('halls_province_name').on(t.provinceCode, t.nameZh)],
);

/** A bookable time at a hall (or, for on-site repair, a time window), with its capacity and bookings counted by a trigger. */
export const serviceSlots = table(
  'service_slots',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    serviceId: integer()
      .notNull()
      .references(() => services.id),
    /** The hall's Chinese name, or for on-site repair the area served. */
    place: text().notNull(),
    /** For on-site repair, the area in English (a hall's English name is the hall's). */
    placeEn: text(),
    /** The hall, except for on-site repair. */
    hallId: integer().references(() => halls.id),
    startsAt: integer().notNull(),
    endsAt: integer().notNull(),
    /** When booking opens to everyone; VIPs may book from vipPriorityHours earlier. */
    opensAt: integer().notNull(),
    capacity: integer().notNull(),
    booked: integer().notNull().default(0),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('service_slots_times', sql`${t.endsAt} > ${t.startsAt} and ${t.opensAt} < ${t.startsAt}`),
    check('service_slots_capacity', sql`${t.capacity} >= 1 and ${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    index('service_slots_service_start').on(t.serviceId, t.startsAt),
    index('service_slots_hall').on(t.hallId, t.startsAt),
  ],
);

export const BOOKING_STATUSES = ['requested', 'confirmed', 'in_progress', 'done', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A member's booking of a slot: phone cleaning, repair at a hall, on-site repair at an address. */
export const serviceBookings = table(
  'service_bookings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    serviceId: integer()
      .notNull()
      .references(() => services.id),
    slotId: integer()
      .notNull()
      .references(() => serviceSlots.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    status: text().$type<BookingStatus>().notNull().default('requested'),
    /** On-site repair: where to go. */
    address: text(),
    description: text().notNull().default(''),
    pointsPaid: integer().notNull().default(0),
    refundedAt: integer(),
    /** What was done (repair or cleaning notes), or why it was cancelled. */
    notes: text(),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
    updatedAt: integer(),
  },
  (t) => [
    check('service_bookings_status', oneOf(t.status, BOOKING_STATUSES)),
    uniqueIndex('service_bookings_one_live').on(t.slotId, t.customerId).where(sql`${t.status} <> 'cancelled'`),
    index('service_bookings_customer').on(t.customerId, t.createdAt),
    index('service_bookings_slot').on(t.slotId, t.status),
  ],
);

/** A trial programme: a limited number of units of a new handset (or service), VIPs first. */
export const trialProgrammes = table(
  'trial_programmes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    serviceId: integer()
      .notNull()
      .references(() => services.id),
    titleZh: text().notNull(),
    titleEn: text(),
    units: integer().notNull(),
    /** VIPs may apply from vipOpensAt, everyone from opensAt, until closesAt. */
    vipOpensAt: integer().notNull(),
    opensAt: integer().notNull(),
    closesAt: integer().notNull(),
    loanDays: integer().notNull(),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [check('trial_programmes_window', sql`${t.vipOpensAt} <= ${t.opensAt} and ${t.opensAt} < ${t.closesAt} and ${t.units} >= 1 and ${t.loanDays} >= 1`)],
);

export const TRIAL_STATUSES = ['applied', 'selected', 'handed_over', 'returned', 'declined', 'withdrawn'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const trialApplications = table(
  'trial_applications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    programmeId: integer()
      .notNull()
      .references(() => trialProgrammes.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    status: text().$type<TrialStatus>().notNull().default('applied'),
    vip: integer({ mode: 'boolean' }).notNull(),
    appliedAt: integer().notNull(),
    handedOverAt: integer(),
    dueAt: integer(),
    returnedAt: integer(),
    staffId: integer().references(() => staff.id),
  },
  (t) => [
    check('trial_applications_status', oneOf(t.status, TRIAL_STATUSES)),
    uniqueIndex('trial_applications_one').on(t.programmeId, t.customerId).where(sql`${t.status} <> 'withdrawn'`),
    index('trial_applications_programme').on(t.programmeId, t.status),
  ],
);

export const LOANER_STATUSES = ['available', 'lent', 'retired'] as const;
export type LoanerStatus = (typeof LOANER_STATUSES)[number];

/** A loaner phone of a hall's inventory. */
export const loanerPhones = table(
  'loaner_phones',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    /** The Chinese name of the hall that keeps the phone. */
    hall: text().notNull(),
    hallId: integer().references(() => halls.id),
    model: text().notNull(),
    imei: text().notNull(),
    condition: text().notNull().default('良好'),
    status: text().$type<LoanerStatus>().notNull().default('available'),
    createdAt: createdAt(),
  },
  (t) => [check('loaner_phones_status', oneOf(t.status, LOANER_STATUSES)), uniqueIndex('loaner_phones_imei').on(t.imei), index('loaner_phones_hall').on(t.provinceCode, t.hall), index('loaner_phones_hall_id').on(t.hallId)],
);

/** A loan of a loaner phone while a customer's phone is repaired. One open loan per phone, by the database. */
export const loanerLoans = table(
  'loaner_loans',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    loanerId: integer()
      .notNull()
      .references(() => loanerPhones.id),
    bookingId: integer().references(() => serviceBookings.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    lentAt: integer().notNull(),
    dueAt: integer().notNull(),
    returnedAt: integer(),
    conditionOnReturn: text(),
    staffId: integer().references(() => staff.id),
  },
  (t) => [uniqueIndex('loaner_loans_open').on(t.loanerId).where(sql`${t.returnedAt} is null`), index('loaner_loans_due').on(t.returnedAt, t.dueAt)],
);
