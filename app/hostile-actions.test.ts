import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { customers, pointsLedger, services } from '@/db/schema';
import type { MemberActor, SessionActor, StaffActor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import { IDLE, type FormState } from '@/lib/form-state';
import { fileComplaint } from '@/lib/server/complaints';
import { createEvent, publishEvent } from '@/lib/server/events';
import { saveHall } from '@/lib/server/halls';
import { joinClub } from '@/lib/server/memberships';
import { registerForEvent } from '@/lib/server/registrations';
import { createSlot } from '@/lib/server/services/catalogue';
import { createStaff } from '@/lib/server/staff';
import { registerHandset } from '@/lib/server/warranty';
import { eventInput } from '@/lib/validation/events';
import { imeiRefusal, normalizeImei } from '@/lib/domain/warranty';
import { hallInput } from '@/lib/validation/halls';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { HOSTILE_SEED, hostileIdempotencyKey, hostileKey, hostileString } from '@/tests/hostile-input';
import { openTableDumper, tableChanges, type TableDump } from '@/tests/table-dump';
import { withTempDatabase } from '@/tests/temp-database';
import { cancelMyRegistration } from './(member)/tickets/actions';
import { fileComplaintAction } from './(member)/complaints/actions';
import { registerMe } from './(member)/events/[id]/actions';
import { bookSlotAction } from './(member)/services/actions';
import { joinMyClub } from './(member)/clubs/actions';
import { saveClubSettings, saveSegmentPolicy } from './admin/settings/actions';
import { createStaffAction } from './admin/staff/actions';
import { createToken } from './admin/tokens/actions';
import { resolveComplaintAction } from './ops/complaints/actions';
import { enrollCustomer } from './ops/customers/[id]/actions';
import { registerCustomer } from './ops/customers/[id]/registration-actions';
import { createEventAction } from './ops/events/actions';
import { setEventCoverAction } from './ops/events/[id]/cover-actions';
import { setClubCoverAction } from './ops/clubs/actions';
import { createSlotAction } from './ops/services/actions';
import { registerHandsetAction, serveRepairAction } from './ops/warranty/actions';

/*
 * Issue 21 item 21, server actions: a sample of the forms of every area (member, operator, admin),
 * called as React calls them (previous state, FormData) with the signed-in actor mocked, fed forms
 * with at least one hostile field (fast-check, fixed seed). Each must answer a refusal the form
 * can show (a code translated in both languages, per-field codes too), never throw (which a user
 * sees as a 500), and write nothing: every table is compared row by row.
 */

const session = vi.hoisted(() => ({ actor: null as SessionActor | null }));

vi.mock('@/lib/server/guard', async () => {
  const { hasRole } = await import('@/lib/domain/access');
  const { DomainError } = await import('@/lib/domain/errors');
  return {
    getActor: async () => session.actor,
    requireActor: async (roles: readonly string[]) => {
      if (!session.actor) throw new DomainError('unauthenticated', 'unauthenticated');
      if (!hasRole(session.actor, roles as Parameters<typeof hasRole>[1])) throw new DomainError('forbidden', 'forbidden');
      return session.actor;
    },
  };
});
// Actions refresh the pages that show what they changed; there is no page cache in a test.
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));

withTempDatabase();
const RUNS = 80;
const cli = { kind: 'system', via: 'cli' } as const;

const ids = { member: 0, event: 0, registration: 0, complaint: 0, slot: 0, hall: 0, cleaning: 0, handset: 0 };
let member: MemberActor;
let operator: StaffActor;
let admin: StaffActor;
let dumper: Awaited<ReturnType<typeof openTableDumper>>;
let baseline: TableDump;
let forms = 0;
let actionsTried = 0;
const started = Date.now();

type FormValue = string | string[] | File;
/** A form field: its valid value, and what is wrong for it. */
type Field = { valid: FormValue | undefined; bad: fc.Arbitrary<FormValue | undefined> };

const file = fc.constantFrom(new File(['1'], 'id.txt'), new File([new Uint8Array([0xff, 0xfe, 0x00])], '../../x.csv', { type: 'text/csv' }));
/** Twice the same field: a form sends an array where one value is meant. */
const twice = (value: string) => fc.constant<FormValue>([value, value]);
/** What is wrong for an id, a code or any field that is not free text. */
const notAnId = fc.oneof(hostileString, file);
const idField = (valid: () => number): Field => ({ valid: String(valid()), bad: fc.oneof(notAnId, twice(String(valid()))) });
const enumField = (valid: string): Field => ({ valid, bad: fc.oneof(notAnId, twice(valid), fc.constant(undefined)) });
/** Required free text: missing, blank, too long, not text. */
const textField = (valid: string, max: number): Field => ({ valid, bad: fc.oneof(fc.constantFrom(undefined, '', '   ', 'x'.repeat(max + 1)), file, twice(valid)) });
/** A datetime-local value: anything that is not one. */
const timeField = (valid: string): Field => ({
  valid,
  bad: fc.oneof(notAnId.filter((v) => typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)), fc.constantFrom('2027-02-30T10:00', '2027-13-01T10:00', '2027-01-01T25:00', '2027-01-01')),
});
/** A count within bounds: out of them, not a number. */
const countField = (valid: string, min: number, max: number): Field => {
  const inBounds = (v: FormValue) => typeof v === 'string' && v.trim() !== '' && Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max;
  return { valid, bad: fc.oneof(notAnId.filter((v) => !inBounds(v)), fc.constantFrom(String(min - 1), String(max + 1), '1.5', '-3')) };
};
/** A cover: a small PNG; wrong for it, anything that is not a JPEG, PNG or WebP by its bytes, whatever its name says. */
const coverField = (): Field => ({
  valid: new File([new Uint8Array(PNG.sync.write(new PNG({ width: 4, height: 2 })))], 'cover.png', { type: 'image/png' }),
  bad: fc.oneof(
    notAnId.filter((v) => !(v instanceof File) || v.size < 8),
    fc.constantFrom(
      new File([], 'empty.png', { type: 'image/png' }),
      new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'cover.png', { type: 'image/png' }),
      new File(['GIF89a\x01\x00\x01\x00\x00\x00\x00;'], 'cover.webp', { type: 'image/webp' }),
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'cut.png', { type: 'image/png' }),
    ),
    fc.constant(undefined),
  ),
});
const keyField = (): Field => ({ valid: 'fuzz-form-key-2121', bad: hostileIdempotencyKey.filter((k) => k !== undefined) });

const BEIJING_OFFSET = 8 * HOUR;
const local = (instant: number) => new Date(instant + BEIJING_OFFSET).toISOString().slice(0, 16);

/** A form with one or more hostile fields (each field hostile with probability ~1/4, at least one), and perhaps unknown ones. */
function hostileForm(fields: Record<string, Field>): fc.Arbitrary<{ form: Record<string, FormValue | undefined>; spoiled: string[] }> {
  const names = Object.keys(fields);
  return fc
    .record({
      spoiled: fc.subarray(names, { minLength: 1, maxLength: Math.max(1, Math.ceil(names.length / 4)) }),
      values: fc.record(Object.fromEntries(names.map((n) => [n, fields[n]!.bad]))),
      extra: fc.dictionary(hostileKey, hostileString, { maxKeys: 2 }),
    })
    .map(({ spoiled, values, extra }) => {
      const form: Record<string, FormValue | undefined> = { ...extra };
      for (const name of names) form[name] = spoiled.includes(name) ? values[name] : fields[name]!.valid;
      return { form, spoiled };
    });
}

function formData(form: Record<string, FormValue | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

const errorTexts = [en.errors, zh.errors] as Record<string, string>[];
const translated = (code: string) => errorTexts.every((texts) => typeof texts[code] === 'string');

type Action = (previous: FormState, data: FormData) => Promise<FormState>;

/** The action refuses the form with what the form can show, and nothing is written. */
async function refusesWritingNothing(action: Action, actor: SessionActor, form: Record<string, FormValue | undefined>) {
  session.actor = actor;
  forms++;
  let state: FormState | undefined;
  let thrown: unknown;
  try {
    state = await action(IDLE, formData(form));
  } catch (error) {
    thrown = error;
  }
  const now = await dumper.dump();
  const writes = tableChanges(baseline, now);
  baseline = now;
  expect(thrown, 'the action threw (a 500 for the user)').toBeUndefined();
  expect(state?.status, JSON.stringify(state)).toBe('error');
  if (state?.status !== 'error') return;
  expect(translated(state.code), `errors.${state.code} in en and zh-CN`).toBe(true);
  for (const code of Object.values(state.fields ?? {})) expect(translated(code), `errors.${code} in en and zh-CN`).toBe(true);
  expect(writes, `wrote for ${JSON.stringify(state)}`).toEqual({});
}

const property = (fields: Record<string, Field>, action: Action, actor: () => SessionActor) => {
  actionsTried++;
  return fc.assert(
    fc.asyncProperty(hostileForm(fields), ({ form }) => refusesWritingNothing(action, actor(), form)),
    { seed: HOSTILE_SEED, numRuns: RUNS },
  );
};

beforeAll(async () => {
  const now = Date.now();
  // Nobody signs in to these accounts: the actor is mocked. Their passwords only have to be accepted.
  const password = randomBytes(18).toString('base64url');
  const adminRow = await createStaff(cli, { username: 'fuzz-admin', password, role: 'admin', provinceCode: null });
  const operatorRow = await createStaff(cli, { username: 'fuzz-operator', password, role: 'operator', provinceCode: '440000' });
  admin = { kind: 'staff', role: 'admin', staffId: adminRow.id, provinceCode: null, clubCodes: null, name: 'admin' };
  operator = { kind: 'staff', role: 'operator', staffId: operatorRow.id, provinceCode: '440000', clubCodes: null, name: 'operator' };
  ids.member = await withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile: '18600002121', name: '测试会员', segment: 'postpaid_vip', provinceCode: '440000' }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 5000, reason: 'grant' });
    return row!.id;
  });
  member = { kind: 'member', role: 'member', customerId: ids.member, provinceCode: '440000', name: '测试会员' };
  for (const clubCode of ['music', 'handset'] as const) await joinClub(operator, { customerId: ids.member, clubCode, channel: 'hall' }, now);
  const startsAt = now + 10 * DAY;
  const event = await createEvent(
    operator,
    eventInput.parse({
      clubCode: 'music',
      kind: 'music_fan_event',
      titleZh: '音乐见面会',
      venue: '广州大剧院',
      capacity: '20',
      priceType: 'points',
      pricePoints: '100',
      eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
      startsAt: local(startsAt),
      endsAt: local(startsAt + 2 * HOUR),
      regOpensAt: local(now - DAY),
      regClosesAt: local(startsAt - DAY),
    }),
    now,
  );
  await publishEvent(operator, event.id, now);
  ids.event = event.id;
  ids.registration = (await registerForEvent(member, { customerId: ids.member, eventId: event.id, idempotencyKey: 'fuzz-setup-registration' }, now)).registrationId;
  ids.complaint = (await fileComplaint(member, { topic: 'event', body: '活动现场秩序混乱，请改进。' }, now)).id;
  ids.hall = (await saveHall(operator, hallInput.parse({ kind: 'hall', nameZh: '天河营业厅', city: '广州', active: 'on' }))).id;
  const [cleaning] = await getReader().select({ id: services.id }).from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'cleaning')));
  ids.cleaning = cleaning!.id;
  ids.slot = (await createSlot(operator, { serviceId: ids.cleaning, hallId: ids.hall, startsAt: now + 3 * DAY, endsAt: now + 3 * DAY + HOUR, opensAt: now - HOUR, capacity: 5 })).id;
  ids.handset = (await registerHandset(operator, { hallId: ids.hall, imei: '352099001761481', model: '三星 I909', purchasedOn: local(now).slice(0, 10) }, now)).id;
  dumper = await openTableDumper();
  baseline = await dumper.dump();
});

afterAll(async () => {
  await dumper?.close();
  console.log(`hostile input to server actions: ${forms} forms over ${actionsTried} actions in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${HOSTILE_SEED})`);
});

describe('server actions refuse hostile forms with a translated error and write nothing', () => {
  it('a member registers for an event', async () => {
    await property({ eventId: idField(() => ids.event), waitlist: { valid: undefined, bad: fc.oneof(notAnId, fc.constant('false')) }, idempotencyKey: keyField() }, registerMe as Action, () => member);
  });

  it('a member cancels a registration', async () => {
    await property({ registrationId: idField(() => ids.registration), idempotencyKey: keyField() }, cancelMyRegistration as Action, () => member);
  });

  it('a member joins a club', async () => {
    await property({ clubCode: enumField('film') }, joinMyClub as Action, () => member);
  });

  it('a member files a complaint', async () => {
    await property({ topic: enumField('network'), body: textField('网络信号很差，请尽快处理。', 1000) }, fileComplaintAction as Action, () => member);
  });

  it('a member books a service slot', async () => {
    const optional = (max: number): Field => ({ valid: undefined, bad: fc.oneof(fc.constant('x'.repeat(max + 1)), file, twice('x')) });
    await property({ slotId: idField(() => ids.slot), address: optional(120), description: optional(300) }, bookSlotAction as Action, () => member);
  });

  it('an operator registers a customer', async () => {
    await property(
      { customerId: idField(() => ids.member), eventId: idField(() => ids.event), channel: enumField('hall'), idempotencyKey: keyField() },
      registerCustomer as Action,
      () => operator,
    );
  });

  it('an operator enrolls a customer in a club', async () => {
    await property({ customerId: idField(() => ids.member), clubCode: enumField('gaming'), channel: enumField('hotline') }, enrollCustomer as Action, () => operator);
  });

  it('an operator creates an event', async () => {
    const startsAt = Date.now() + 30 * DAY;
    await property(
      {
        clubCode: enumField('music'),
        kind: enumField('music_fan_event'),
        titleZh: textField('新歌分享会', 100),
        venue: textField('广州大剧院', 100),
        capacity: countField('30', 1, 100_000),
        priceType: enumField('free'),
        'eligibleSegments[]': { valid: ['postpaid', 'postpaid_vip'], bad: fc.oneof(fc.constant(undefined), notAnId, fc.constant<FormValue>(['postpaid', 'vip'])) },
        startsAt: timeField(local(startsAt)),
        endsAt: timeField(local(startsAt + 2 * HOUR)),
        regOpensAt: timeField(local(Date.now())),
        regClosesAt: timeField(local(startsAt - DAY)),
      },
      createEventAction as Action,
      () => operator,
    );
  });

  it('an operator uploads an event cover', async () => {
    await property({ eventId: idField(() => ids.event), file: coverField() }, setEventCoverAction as Action, () => operator);
  });

  it('an operator uploads a club cover', async () => {
    await property(
      {
        clubCode: enumField('music'),
        provinceCode: { valid: '440000', bad: fc.oneof(notAnId, fc.constantFrom('110000', '999999', '4400000')) },
        file: coverField(),
      },
      setClubCoverAction as Action,
      () => operator,
    );
  });

  it('an operator answers a complaint', async () => {
    await property({ complaintId: idField(() => ids.complaint), reply: textField('已致电客户并处理。', 1000) }, resolveComplaintAction as Action, () => operator);
  });

  it('an operator registers a handset under warranty and serves a repair', async () => {
    const notAnImei = fc.oneof(hostileString.filter((s) => imeiRefusal(normalizeImei(s)) !== null), file, fc.constantFrom('352099001761482', '35209900176148'));
    const day = local(Date.now()).slice(0, 10);
    await property(
      {
        hallId: idField(() => ids.hall),
        // Not yet registered: each hostile field alone must make the refusal.
        imei: { valid: '358756041234563', bad: fc.oneof(notAnImei, twice('358756041234563')) },
        model: textField('HTC Desire S', 60),
        purchasedOn: { valid: day, bad: fc.oneof(notAnId, fc.constantFrom('2027-02-30', '27-01-01', `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`)) },
        mobile: { valid: '', bad: fc.oneof(file, twice('18600002121'), fc.constantFrom('12345', '18600009999', 'x'.repeat(21))) },
      },
      registerHandsetAction as Action,
      () => operator,
    );
    await property(
      {
        handsetId: idField(() => ids.handset),
        hallId: idField(() => ids.hall),
        fault: textField('无法开机', 500),
        work: textField('更换主板', 500),
        feeYuan: { valid: '', bad: fc.oneof(file, twice('0'), fc.constantFrom('50', '-1', '1.234', 'abc')) },
        requestKey: { valid: 'fuzz-repair-key-2121', bad: fc.oneof(file, twice('fuzz-repair-key-2121'), fc.constantFrom(undefined, '', 'short', 'x'.repeat(101))) },
      },
      serveRepairAction as Action,
      () => operator,
    );
  });

  it('an operator opens a service slot', async () => {
    const day = local(Date.now() + 5 * DAY).slice(0, 10);
    await property(
      {
        serviceId: idField(() => ids.cleaning),
        hallId: idField(() => ids.hall),
        date: { valid: day, bad: fc.oneof(notAnId, fc.constantFrom('2027-02-30', '27-01-01', `${day}T10:00`)) },
        startTime: { valid: '10:00', bad: fc.oneof(notAnId, fc.constantFrom('24:00', '9:00', '10:60')) },
        endTime: { valid: '11:00', bad: fc.oneof(notAnId, fc.constantFrom('24:00', '09:00', '10:60')) },
        opensAt: timeField(local(Date.now())),
        capacity: countField('5', 1, 1000),
      },
      createSlotAction as Action,
      () => operator,
    );
  });

  it('an admin creates a staff account', async () => {
    const username = /^[a-z0-9][a-z0-9._-]{2,31}$/;
    await property(
      {
        username: { valid: 'fuzz-new-operator', bad: fc.oneof(hostileString.filter((s) => !username.test(s.trim().toLowerCase())), file, twice('fuzz-new-operator')) },
        // Valid only in form: whenever it is, another field is hostile, so no account is made with it.
        password: { valid: createHash('sha256').update(`seed ${HOSTILE_SEED}`).digest('base64url'), bad: fc.oneof(fc.constantFrom(undefined, '', 'short', 'x'.repeat(201)), file) },
        role: enumField('operator'),
        provinceCode: { valid: '440000', bad: fc.oneof(notAnId.filter((v) => v !== '' && v !== '   '), fc.constantFrom('999999', '44000')) },
        'clubCodes[]': { valid: ['music'], bad: fc.oneof(notAnId.map((v) => (typeof v === 'string' ? [v] : v))) },
      },
      createStaffAction as Action,
      () => admin,
    );
  });

  it('an admin changes a club’s settings', async () => {
    await property(
      {
        clubCode: enumField('film'),
        minEventsPerYear: countField('2', 0, 100),
      },
      saveClubSettings as Action,
      () => admin,
    );
  });

  it('an admin saves the segment policy matrix', async () => {
    // A club open to nobody, or a segment that does not exist, is refused; earning and paying may be ticked for none.
    const joins: Field = { valid: ['prepaid', 'postpaid', 'postpaid_vip'], bad: fc.oneof(fc.constant<FormValue>([]), fc.constant<FormValue>(['postpaid', 'gold']), notAnId) };
    const column: Field = { valid: ['postpaid', 'postpaid_vip'], bad: fc.oneof(fc.constant<FormValue>(['vip']), notAnId) };
    await property(
      { 'join_music[]': joins, 'join_film[]': joins, 'join_gaming[]': joins, 'join_handset[]': joins, 'earn[]': column, 'pay[]': column },
      saveSegmentPolicy as Action,
      () => admin,
    );
  });

  it('an admin creates an API token', async () => {
    await property(
      {
        name: textField('广东10010', 60),
        channel: { valid: 'hotline', bad: fc.oneof(notAnId, fc.constant('web')) },
        scope: { valid: '440000', bad: fc.oneof(notAnId.filter((v) => typeof v !== 'string' || !/^(\d{6}|hq)$/i.test(v.trim())), fc.constantFrom('999999', '4400000')) },
      },
      createToken as Action,
      () => admin,
    );
  });
});
