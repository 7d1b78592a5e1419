import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, customers, otpCodes, outbox, rateLimits } from '@/db/schema';
import { CODE_REQUEST_LIMITS, CODE_TTL_MS, MAX_FAILED_ATTEMPTS, OTP_MESSAGE_TEMPLATE } from '@/lib/domain/otp';
import { withTempDatabase } from '@/tests/temp-database';
import { deliverExclusively, deliverSoon, setMessageSender, type OutgoingMessage } from './outbox';
import { loadActor } from './guard';
import { authenticate } from './sign-in';
import { activateWebAccess, requestWebAccessCode, signInWithCode } from './web-access';


withTempDatabase();

const PASSWORD = 'new password 1';
const MINUTE = 60 * 1000;
const T0 = Date.now();

const MOBILES = {
  sends: '18602000001',
  activates: '18602000002',
  once: '18602000003',
  expires: '18602000004',
  guessed: '18602000005',
  limited: '18602000006',
  suspended: '18602000007',
  closed: '18602000008',
  hourly: '18602000009',
  badInput: '18602000010',
  lockedOut: '18602000011',
  codeSignIn: '18602000012',
  codeGuessed: '18602000013',
} as const;

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.insert(customers).values(
      Object.entries(MOBILES).map(([key, mobile]) => ({
        mobile,
        name: `客户${key}`,
        segment: 'prepaid' as const,
        provinceCode: '440000',
        status: key === 'closed' ? ('closed' as const) : key === 'suspended' ? ('suspended' as const) : ('active' as const),
      })),
    );
  });
});

beforeEach(() => {
  vi.mocked(deliverSoon).mockClear();
});

/** What the SMS gateway was handed, as a phone would receive it. */
const received: OutgoingMessage[] = [];
beforeAll(() => {
  setMessageSender({
    async send(message) {
      received.push(message);
    },
  });
});

async function smsTo(mobile: string) {
  return getReader()
    .select({ customerId: outbox.customerId, channel: outbox.channel, template: outbox.template, body: outbox.body, sealed: outbox.sealed, status: outbox.status })
    .from(outbox)
    .where(eq(outbox.mobile, mobile))
    .orderBy(desc(outbox.id));
}

/** Delivers what is pending and reads the code from the newest SMS the number received. */
async function latestCode(mobile: string): Promise<string> {
  await deliverExclusively();
  const sms = received.filter((m) => m.mobile === mobile).at(-1);
  const code = /\d{6}/.exec(sms?.body ?? '')?.[0];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

async function codesOf(mobile: string) {
  return getReader().select().from(otpCodes).where(eq(otpCodes.mobile, mobile)).orderBy(desc(otpCodes.id));
}

async function passwordHashOf(mobile: string) {
  const [row] = await getReader().select({ passwordHash: customers.passwordHash }).from(customers).where(eq(customers.mobile, mobile));
  return row?.passwordHash ?? null;
}

/** Any code other than the right one. */
function wrongCode(code: string, offset = 1): string {
  return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
}

describe('requestWebAccessCode', () => {
  it('queues the code by SMS and stores only its keyed hash', async () => {
    const now = T0;
    expect(await requestWebAccessCode('186 0200 0001', '10.0.0.1', now)).toEqual({ sent: true });
    const [sms, ...older] = await smsTo(MOBILES.sends);
    expect(older).toHaveLength(0);
    expect(sms).toMatchObject({ channel: 'sms', template: 'otp', status: 'pending', body: OTP_MESSAGE_TEMPLATE, sealed: expect.stringMatching(/^v1\./) });
    const [customer] = await getReader().select({ id: customers.id }).from(customers).where(eq(customers.mobile, MOBILES.sends));
    expect(sms!.customerId).toBe(customer!.id);

    const code = await latestCode(MOBILES.sends);
    expect(received.at(-1)!.body).toBe(`【3G客户俱乐部】您的验证码是${code}，5分钟内有效。请勿告诉他人。`);
    const [stored] = await getReader().select().from(outbox).where(eq(outbox.mobile, MOBILES.sends));
    expect(stored).toMatchObject({ status: 'sent', sealed: null, body: OTP_MESSAGE_TEMPLATE });
    expect(JSON.stringify(stored)).not.toContain(code);
    const rows = await codesOf(MOBILES.sends);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ expiresAt: now + CODE_TTL_MS, usedAt: null, failedAttempts: 0 });
    expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(deliverSoon).toHaveBeenCalledTimes(1);
  });

  it('also sends to suspended customers, who may still sign in', async () => {
    await requestWebAccessCode(MOBILES.suspended, '10.0.0.2', T0);
    expect(await smsTo(MOBILES.suspended)).toHaveLength(1);
  });

  it('answers unknown and closed numbers the same, sends nothing and still counts the request', async () => {
    for (const mobile of ['18602009999', MOBILES.closed]) {
      expect(await requestWebAccessCode(mobile, '10.0.0.3', T0)).toEqual({ sent: true });
      expect(await smsTo(mobile)).toHaveLength(0);
      expect(await codesOf(mobile)).toHaveLength(0);
      await expect(requestWebAccessCode(mobile, '10.0.0.3', T0 + 1000)).rejects.toMatchObject({ code: 'rate_limited' });
    }
    expect(deliverSoon).not.toHaveBeenCalled();
  });

  it('refuses a malformed number and writes nothing', async () => {
    const before = await getReader().select().from(rateLimits);
    await expect(requestWebAccessCode('1860200', '10.0.0.4', T0)).rejects.toMatchObject({ code: 'invalid_mobile' });
    expect(await getReader().select().from(rateLimits)).toEqual(before);
  });

  it('allows one request a minute per number, and a new code invalidates the previous one', async () => {
    const mobile = MOBILES.limited;
    await requestWebAccessCode(mobile, '10.0.1.1', T0);
    const first = await latestCode(mobile);
    await expect(requestWebAccessCode(mobile, '10.0.1.2', T0 + 30 * 1000)).rejects.toMatchObject({
      code: 'rate_limited',
      category: 'rate_limited',
      params: { seconds: 30, minutes: 1 },
    });
    expect(await smsTo(mobile)).toHaveLength(1);

    await requestWebAccessCode(mobile, '10.0.1.2', T0 + MINUTE);
    const second = await latestCode(mobile);
    const rows = await codesOf(mobile);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.usedAt).toBe(T0 + MINUTE);
    expect(rows[0]!.usedAt).toBeNull();

    if (first !== second) {
      await expect(activateWebAccess(mobile, first, PASSWORD, T0 + MINUTE + 1)).rejects.toMatchObject({ code: 'invalid_code' });
    }
    await activateWebAccess(mobile, second, PASSWORD, T0 + MINUTE + 2);
    expect(await passwordHashOf(mobile)).not.toBeNull();
  });

  it('allows five requests an hour per number', async () => {
    const mobile = MOBILES.hourly;
    const { max } = CODE_REQUEST_LIMITS.perMobileHour;
    for (let i = 0; i < max; i++) await requestWebAccessCode(mobile, `10.0.2.${i}`, T0 + i * MINUTE);
    await expect(requestWebAccessCode(mobile, '10.0.2.99', T0 + max * MINUTE)).rejects.toMatchObject({
      code: 'rate_limited',
      params: { minutes: 60 - max },
    });
    expect(await smsTo(mobile)).toHaveLength(max);
  });

  it('allows twenty requests an hour per address, across numbers', async () => {
    const ip = '10.0.3.1';
    const { max } = CODE_REQUEST_LIMITS.perIpHour;
    for (let i = 0; i < max; i++) await requestWebAccessCode(`1860301${String(i).padStart(4, '0')}`, ip, T0);
    await expect(requestWebAccessCode('18603019999', ip, T0)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await requestWebAccessCode('18603019999', '10.0.3.2', T0)).toEqual({ sent: true });
  });
});

describe('activateWebAccess', () => {
  it('sets a password that then signs the customer in, and records it on the customer', async () => {
    const mobile = MOBILES.activates;
    expect(await authenticate('member', mobile, PASSWORD, '10.1.0.1')).toBeNull();
    await requestWebAccessCode(mobile, '10.1.0.1', T0);
    const code = await latestCode(mobile);
    await activateWebAccess('+86 186-0200-0002', ` ${code} `, PASSWORD, T0 + CODE_TTL_MS - 1);

    expect(await authenticate('member', mobile, PASSWORD, '10.1.0.1')).toMatchObject({ name: '客户activates' });
    const [row] = await codesOf(mobile);
    expect(row!.usedAt).toBe(T0 + CODE_TTL_MS - 1);
    const [customer] = await getReader().select({ id: customers.id }).from(customers).where(eq(customers.mobile, mobile));
    const facts = await getReader()
      .select({ kind: activities.kind, channel: activities.channel, occurredAt: activities.occurredAt })
      .from(activities)
      .where(and(eq(activities.customerId, customer!.id), eq(activities.kind, 'web_access')));
    expect(facts).toEqual([{ kind: 'web_access', channel: 'web', occurredAt: T0 + CODE_TTL_MS - 1 }]);
  });

  it('accepts a code once', async () => {
    const mobile = MOBILES.once;
    await requestWebAccessCode(mobile, '10.1.0.2', T0);
    const code = await latestCode(mobile);
    await activateWebAccess(mobile, code, PASSWORD, T0 + 1000);
    const hash = await passwordHashOf(mobile);
    await expect(activateWebAccess(mobile, code, 'another password', T0 + 2000)).rejects.toMatchObject({ code: 'invalid_code' });
    expect(await passwordHashOf(mobile)).toBe(hash);
  });

  it('refuses an expired code', async () => {
    const mobile = MOBILES.expires;
    await requestWebAccessCode(mobile, '10.1.0.3', T0);
    const code = await latestCode(mobile);
    await expect(activateWebAccess(mobile, code, PASSWORD, T0 + CODE_TTL_MS)).rejects.toMatchObject({ code: 'code_expired' });
    expect(await passwordHashOf(mobile)).toBeNull();
  });

  it('kills a code after five wrong guesses, even for the right code afterwards', async () => {
    const mobile = MOBILES.guessed;
    await requestWebAccessCode(mobile, '10.1.0.4', T0);
    const code = await latestCode(mobile);
    for (let i = 1; i <= MAX_FAILED_ATTEMPTS; i++) {
      const expected = i < MAX_FAILED_ATTEMPTS ? 'invalid_code' : 'too_many_attempts';
      await expect(activateWebAccess(mobile, wrongCode(code, i), PASSWORD, T0 + i)).rejects.toMatchObject({ code: expected });
      const [row] = await codesOf(mobile);
      expect(row!.failedAttempts).toBe(i);
    }
    await expect(activateWebAccess(mobile, code, PASSWORD, T0 + 10)).rejects.toMatchObject({ code: 'too_many_attempts' });
    expect(await passwordHashOf(mobile)).toBeNull();
    expect((await codesOf(mobile))[0]!.failedAttempts).toBe(MAX_FAILED_ATTEMPTS);
  });

  it('refuses numbers that never received a code', async () => {
    await expect(activateWebAccess('18602009998', '123456', PASSWORD, T0)).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(activateWebAccess(MOBILES.closed, '123456', PASSWORD, T0)).rejects.toMatchObject({ code: 'invalid_code' });
  });

  it('refuses bad input before counting a guess', async () => {
    const mobile = MOBILES.badInput;
    await requestWebAccessCode(mobile, '10.1.0.5', T0);
    const code = await latestCode(mobile);
    await expect(activateWebAccess('12345', code, PASSWORD, T0)).rejects.toMatchObject({ code: 'invalid_mobile' });
    await expect(activateWebAccess(mobile, '12345', PASSWORD, T0)).rejects.toMatchObject({ code: 'invalid_code_format' });
    await expect(activateWebAccess(mobile, wrongCode(code), 'short', T0)).rejects.toMatchObject({
      code: 'password_too_short',
      params: { min: 8 },
    });
    await expect(activateWebAccess(mobile, wrongCode(code), 'x'.repeat(201), T0)).rejects.toMatchObject({
      code: 'password_too_long',
      params: { max: 200 },
    });
    expect((await codesOf(mobile))[0]).toMatchObject({ failedAttempts: 0, usedAt: null });
    expect(await passwordHashOf(mobile)).toBeNull();
  });
});

describe('signInWithCode (验证码登录)', () => {
  it('signs the customer in with the code sent to their number, once, without a password', async () => {
    const now = T0 + 2 * 60 * MINUTE;
    await requestWebAccessCode(MOBILES.codeSignIn, '10.0.0.40', now);
    const code = await latestCode(MOBILES.codeSignIn);
    const [customer] = await getReader().select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.mobile, MOBILES.codeSignIn));
    expect(await signInWithCode('186 0200 0012', code, now + MINUTE)).toEqual({ id: `member:${customer!.id}`, name: customer!.name });
    expect(await passwordHashOf(MOBILES.codeSignIn)).toBeNull();
    await expect(signInWithCode(MOBILES.codeSignIn, code, now + MINUTE)).rejects.toMatchObject({ code: 'invalid_code' });
  });

  it('counts wrong guesses like activation does, and refuses expired codes and bad input', async () => {
    const now = T0 + 3 * 60 * MINUTE;
    await requestWebAccessCode(MOBILES.codeGuessed, '10.0.0.41', now);
    const code = await latestCode(MOBILES.codeGuessed);
    await expect(signInWithCode(MOBILES.codeGuessed, code, now + CODE_TTL_MS)).rejects.toMatchObject({ code: 'code_expired' });
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) await expect(signInWithCode(MOBILES.codeGuessed, wrongCode(code, i), now)).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(signInWithCode(MOBILES.codeGuessed, wrongCode(code, 99), now)).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(signInWithCode(MOBILES.codeGuessed, code, now)).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(signInWithCode('12345', code, now)).rejects.toMatchObject({ code: 'invalid_mobile' });
    await expect(signInWithCode(MOBILES.codeGuessed, '12ab', now)).rejects.toMatchObject({ code: 'invalid_code_format' });
    await expect(signInWithCode(MOBILES.closed, code, now)).rejects.toMatchObject({ code: 'invalid_code' });
  });
});

describe('a customer locked out by wrong passwords', () => {
  it('can sign in again right after setting a new password with a code, which ends the sessions signed in before', async () => {
    const mobile = MOBILES.lockedOut;
    const [customer] = await getReader().select({ id: customers.id }).from(customers).where(eq(customers.mobile, mobile));
    const principal = `member:${customer!.id}`;
    expect(await loadActor(principal, T0)).toMatchObject({ kind: 'member' });
    for (let i = 0; i < 5; i++) expect(await authenticate('member', mobile, `guess ${i}`, '10.9.0.1')).toBeNull();
    await expect(authenticate('member', mobile, PASSWORD, '10.9.0.2')).rejects.toThrow('rate_limited');
    await requestWebAccessCode(mobile, '10.9.0.3', T0);
    await activateWebAccess(mobile, await latestCode(mobile), PASSWORD, T0 + MINUTE);
    expect(await loadActor(principal, T0)).toBeNull();
    expect(await loadActor(principal, T0 + MINUTE)).toMatchObject({ kind: 'member' });
    expect(await authenticate('member', mobile, PASSWORD, '10.9.0.2')).not.toBeNull();
  });
});
