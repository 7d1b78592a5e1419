/**
 * The sample world of the authorization matrix walk (e2e/authorization-matrix.spec.ts): its own
 * accounts, one of each actor kind, and things of every kind a row can name, all in two provinces
 * the demo data leaves empty, so that what the walk does never touches what other specs use.
 * Made through the app's own use-cases, so that every sample is one the app could have made.
 *
 *   DATABASE_URL=.data/e2e-3100.db MATRIX_PASSWORD=… node --conditions=react-server --import tsx e2e/authorization-world.ts OUT.json
 *
 * Writes the ids, logins and tokens as JSON to OUT.json.
 */
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { closeDatabase, getReader, withTransaction } from '@/db/client';
import { callbacks, customerImports, customers, services } from '@/db/schema';
import type { MemberActor, StaffActor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import { beijingDayOf, imeiCheckDigit } from '@/lib/domain/warranty';
import type { ClubCode, StaffRole } from '@/lib/domain/types';
import { createApiToken } from '@/lib/server/api-tokens';
import { fileComplaint } from '@/lib/server/complaints';
import { importCustomers } from '@/lib/server/customer-import';
import { importLedgerEntries } from '@/lib/server/ledger-entries';
import { createEvent, publishEvent } from '@/lib/server/events';
import { checkInVisitor } from '@/lib/server/hall-visits';
import { saveHall } from '@/lib/server/halls';
import { joinClub } from '@/lib/server/memberships';
import { hashPassword } from '@/lib/server/passwords';
import { registerForEvent } from '@/lib/server/registrations';
import { bookService } from '@/lib/server/services/bookings';
import { createSlot } from '@/lib/server/services/catalogue';
import { addLoaner, lendLoaner } from '@/lib/server/services/loaners';
import { applyForTrial, createTrialProgramme } from '@/lib/server/services/trials';
import { createStaff } from '@/lib/server/staff';
import { registerHandset } from '@/lib/server/warranty';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { eventInput } from '@/lib/validation/events';
import { hallInput } from '@/lib/validation/halls';

/** Shaanxi and Gansu: provinces without demo data. */
const HOME = '610000';
const OTHER = '620000';
/** The club of the sample events; the sample operator runs it and the handset club, the other-clubs operator neither. */
const SAMPLE_CLUB: ClubCode = 'music';

const cli = { kind: 'system', via: 'cli' } as const;
const run = randomBytes(3).toString('hex');
const password = process.env.MATRIX_PASSWORD;
if (!password) throw new Error('MATRIX_PASSWORD is not set');

const BEIJING_OFFSET = 8 * HOUR;
/** A datetime-local value in Beijing time, as the operators' forms send it. */
const local = (instant: number) => new Date(instant + BEIJING_OFFSET).toISOString().slice(0, 16);
const randomMobile = () => `19${String(randomInt(0, 1e9)).padStart(9, '0')}`;

async function staffAccount(key: string, role: StaffRole, provinceCode: string | null, clubCodes: ClubCode[] = []): Promise<StaffActor & { username: string }> {
  const username = `mx-${run}-${key}`.toLowerCase();
  const row = await createStaff(cli, { username, password: password!, role, provinceCode, clubCodes, displayName: `矩阵 ${key}` });
  return { kind: 'staff', role, staffId: row.id, provinceCode, clubCodes: clubCodes.length > 0 ? clubCodes : null, name: username, username };
}

async function serviceOf(kind: string): Promise<number> {
  const [row] = await getReader()
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.provinceCode, HOME), eq(services.kind, kind as typeof services.$inferSelect.kind)));
  if (!row) throw new Error(`no ${kind} service in ${HOME}`);
  return row.id;
}

async function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: authorization-world.ts OUT.json');
  const now = Date.now();

  const admin = await staffAccount('admin', 'admin', null);
  const hqAnalyst = await staffAccount('hq-analyst', 'analyst', null);
  const operator = await staffAccount('operator', 'operator', HOME, [SAMPLE_CLUB, 'handset']);
  const operatorOfOtherClubs = await staffAccount('operator-gaming', 'operator', HOME, ['gaming']);
  const operatorOfOtherProvince = await staffAccount('operator-other', 'operator', OTHER);
  const provincialAnalyst = await staffAccount('analyst', 'analyst', HOME);
  const token = await createApiToken(cli, createApiTokenInput.parse({ name: `matrix ${run}`, channel: 'hotline', scope: HOME }));
  const tokenOfOtherProvince = await createApiToken(cli, createApiTokenInput.parse({ name: `matrix other ${run}`, channel: 'sms', scope: OTHER }));

  // Customers come in as a hall's import does; the two members then get web access.
  const mobiles = { member: randomMobile(), customer: randomMobile(), apiCustomer: randomMobile(), memberOfOtherProvince: randomMobile() };
  const csv = (rows: [string, string, string, string][]) => `mobile,name,segment,province,status\n${rows.map(([m, name, segment, p]) => `${m},${name},${segment},${p},active`).join('\n')}\n`;
  // Their points come from billing, as ledger entries.
  const points = (list: string[]) =>
    `external_ref,kind,mobile,amount,occurred_at,note\n${list.map((m) => `matrix-${run}-${m},points_accrual,${m},5000,${new Date(Date.now() - 60_000).toISOString()},`).join('\n')}\n`;
  const imported = await importCustomers(operator, {
    fileName: 'matrix.csv',
    text: csv([
      [mobiles.member, '矩阵会员', 'postpaid_vip', HOME],
      [mobiles.customer, '矩阵客户', 'postpaid', HOME],
      [mobiles.apiCustomer, '矩阵渠道客户', 'postpaid', HOME],
    ]),
  });
  await importCustomers(admin, { fileName: 'matrix-other.csv', text: csv([[mobiles.memberOfOtherProvince, '矩阵外省会员', 'postpaid', OTHER]]) });
  await importLedgerEntries(admin, { fileName: 'matrix-points.csv', text: points(Object.values(mobiles)) });
  const passwordHash = await hashPassword(password!);
  const ids: Record<string, number> = {};
  for (const [key, mobile] of Object.entries(mobiles)) {
    const [row] = await getReader().select({ id: customers.id }).from(customers).where(eq(customers.mobile, mobile));
    ids[key] = row!.id;
  }
  await withTransaction(async (tx) => {
    for (const key of ['member', 'memberOfOtherProvince']) await tx.update(customers).set({ passwordHash }).where(eq(customers.id, ids[key]!));
  });
  const member: MemberActor = { kind: 'member', role: 'member', customerId: ids.member!, provinceCode: HOME, name: '矩阵会员' };

  for (const clubCode of [SAMPLE_CLUB, 'handset'] as const) await joinClub(operator, { customerId: ids.member!, clubCode, channel: 'hall' });
  for (const key of ['customer', 'apiCustomer']) await joinClub(operator, { customerId: ids[key]!, clubCode: SAMPLE_CLUB, channel: 'hall' });
  // The API's customer takes handset services through the channel's own operations.
  await joinClub(operator, { customerId: ids.apiCustomer!, clubCode: 'handset', channel: 'hall' });

  // Events of the sample club: one whose doors are open now, one ahead, and a draft to edit, publish and cancel.
  const event = async (title: string, startsAt: number, publish: boolean) => {
    const input = eventInput.parse({
      provinceCode: HOME,
      clubCode: SAMPLE_CLUB,
      kind: 'music_fan_event',
      titleZh: `${title} ${run}`,
      venue: '西安音乐厅',
      capacity: '50',
      priceType: 'free',
      eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
      startsAt: local(startsAt),
      endsAt: local(startsAt + 2 * HOUR),
      regOpensAt: local(now - DAY),
      regClosesAt: local(startsAt - 30 * 60_000),
    });
    const created = await createEvent(operator, input, now);
    if (publish) await publishEvent(operator, created.id, now);
    return created.id;
  };
  const eventNow = await event('矩阵见面会', now + 2 * HOUR, true);
  const eventAhead = await event('矩阵演唱会', now + 10 * DAY, true);
  const draftEvent = await event('矩阵草稿', now + 20 * DAY, false);

  const register = async (customerId: number, eventId: number) => (await registerForEvent(operator, { customerId, eventId, channel: 'hall', idempotencyKey: `matrix-${run}-${customerId}-${eventId}` }, now)).registrationId;
  const registration = await register(ids.member!, eventNow);
  const registrationForMember = await register(ids.member!, eventAhead);
  const registrationForStaff = await register(ids.customer!, eventNow);
  const registrationForApi = await register(ids.apiCustomer!, eventAhead);

  const complaint = await fileComplaint(member, { topic: 'event', body: '矩阵测试的投诉内容，请处理。' }, now);
  const [callback] = await withTransaction((tx) =>
    tx.insert(callbacks).values({ customerId: ids.member!, eventId: eventNow, registrationId: registration, provinceCode: HOME, dueAt: now, createdAt: now }).returning({ id: callbacks.id }),
  );

  // The handset club: a hall, a cleaning slot and a repair slot booked by the member, a loaner lent on the repair, a trial applied for.
  const hall = await saveHall(operator, hallInput.parse({ provinceCode: HOME, kind: 'hall', nameZh: `矩阵营业厅 ${run}`, city: '西安', address: '雁塔区', active: 'on' }));
  const slotAt = async (kind: string) =>
    (await createSlot(operator, { serviceId: await serviceOf(kind), hallId: hall.id, startsAt: now + 3 * DAY, endsAt: now + 3 * DAY + HOUR, opensAt: now - HOUR, capacity: 10 })).id;
  const slot = await slotAt('cleaning');
  const repairSlot = await slotAt('booked_repair');
  const booking = await bookService(member, { slotId: slot }, now);
  const repairBooking = await bookService(member, { slotId: repairSlot }, now);
  const imei = () => `86${String(randomInt(0, 1e13)).padStart(13, '0')}`;
  const loaner = await addLoaner(operator, { hallId: hall.id, model: '矩阵手机', imei: imei(), condition: '良好' });
  const lentLoaner = await addLoaner(operator, { hallId: hall.id, model: '矩阵手机', imei: imei(), condition: '良好' });
  const loan = await lendLoaner(operator, { loanerId: lentLoaner.id, bookingId: repairBooking.id, dueAt: now + 7 * DAY }, now);
  // The API's customer: a booking to cancel, a repair to lend a loaner against, and the loaner.
  const bookingForApi = await bookService(operator, { slotId: await slotAt('cleaning'), customerId: ids.apiCustomer!, channel: 'hotline' }, now);
  const repairBookingForApi = await bookService(operator, { slotId: repairSlot, customerId: ids.apiCustomer!, channel: 'hotline' }, now);
  const loanerForApi = await addLoaner(operator, { hallId: hall.id, model: '矩阵手机', imei: imei(), condition: '良好' });
  const trial = await createTrialProgramme(operator, {
    serviceId: await serviceOf('handset_trial'),
    titleZh: `矩阵试用 ${run}`,
    titleEn: null,
    units: 5,
    vipOpensAt: now - DAY,
    opensAt: now - DAY,
    closesAt: now + 10 * DAY,
    loanDays: 7,
  });
  const trialApplication = await applyForTrial(member, { programmeId: trial.id }, now);
  // A hall visit: the customer checked in at the hall, waiting to be called.
  const hallVisit = await checkInVisitor(operator, { hallId: hall.id, purpose: 'enquiry', mobile: mobiles.customer }, now);
  // A handset under nationwide warranty, sold at the hall today.
  const handsetImei = imei().slice(0, 14);
  const handset = await registerHandset(operator, { hallId: hall.id, imei: `${handsetImei}${imeiCheckDigit(handsetImei)}`, model: '矩阵手机', purchasedOn: beijingDayOf(now) }, now);
  const [importRecord] = await getReader().select({ id: customerImports.id }).from(customerImports).where(eq(customerImports.id, imported.importId!));

  const world = {
    home: HOME,
    other: OTHER,
    club: SAMPLE_CLUB,
    logins: {
      member: { kind: 'member', login: mobiles.member },
      memberOfOtherProvince: { kind: 'member', login: mobiles.memberOfOtherProvince },
      operator: { kind: 'staff', login: operator.username },
      operatorOfOtherClubs: { kind: 'staff', login: operatorOfOtherClubs.username },
      operatorOfOtherProvince: { kind: 'staff', login: operatorOfOtherProvince.username },
      provincialAnalyst: { kind: 'staff', login: provincialAnalyst.username },
      hqAnalyst: { kind: 'staff', login: hqAnalyst.username },
      admin: { kind: 'staff', login: admin.username },
    },
    tokens: { token: token.token, tokenOfOtherProvince: tokenOfOtherProvince.token },
    mobiles,
    hallName: hall.nameZh,
    ids: {
      member: ids.member!,
      customer: ids.customer!,
      apiCustomer: ids.apiCustomer!,
      eventNow,
      eventAhead,
      draftEvent,
      registration,
      registrationForMember,
      registrationForStaff,
      registrationForApi,
      complaint: complaint.id,
      callback: callback!.id,
      hall: hall.id,
      hallVisit: hallVisit.id,
      handset: handset.id,
      slot,
      booking: booking.id,
      repairBooking: repairBooking.id,
      bookingForApi: bookingForApi.id,
      repairBookingForApi: repairBookingForApi.id,
      loanerForApi: loanerForApi.id,
      loaner: loaner.id,
      loan: loan.id,
      cleaningService: await serviceOf('cleaning'),
      trialService: await serviceOf('handset_trial'),
      trial: trial.id,
      trialApplication: trialApplication.id,
      import: importRecord!.id,
    },
  };
  fs.writeFileSync(out, JSON.stringify(world, null, 2));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);

export type MatrixWorld = {
  home: string;
  other: string;
  club: ClubCode;
  logins: Record<string, { kind: 'member' | 'staff'; login: string }>;
  tokens: { token: string; tokenOfOtherProvince: string };
  mobiles: Record<'member' | 'customer' | 'apiCustomer' | 'memberOfOtherProvince', string>;
  hallName: string;
  ids: Record<string, number>;
};
