import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import * as smpp from 'smpp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { outbox, smsParts } from '@/db/schema';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { log } from '../log';
import { deliverPendingMessages, enqueueMessage, setMessageSender } from '../outbox';
import { SmppClient, type SmppOptions } from './smpp';

withTempDatabase();

/** What the local SMSC took: each submit_sm, decoded, with the answer it gave. */
interface Submit {
  to: string;
  from: string;
  dataCoding: number;
  registeredDelivery: number;
  udh: number[] | null;
  text: string;
  status: number;
  messageId: string | null;
  at: number;
}

/**
 * A local SMS centre: the `smpp` package's own server, on a free port. `answer` decides each
 * submit's command_status (0 takes it); `afterAnswer` may act on the session once it has answered
 * (drop it, send a receipt).
 */
function startSmsc() {
  const submits: Submit[] = [];
  const sessions: smpp.Session[] = [];
  let binds = 0;
  let nextId = 1000;
  type Hook = (session: smpp.Session, submit: Submit) => void;
  const noHook: Hook = () => undefined;
  const smsc = {
    submits,
    sessions,
    binds: () => binds,
    refuseBinds: 0,
    answer: ((): number => 0) as (submit: Submit) => number,
    afterAnswer: noHook,
    beforeAnswer: noHook,
    /** The accepted segments, by number, long-message reference and position: each must be 1. */
    acceptedPerSegment() {
      const counts = new Map<string, number>();
      for (const s of submits.filter((x) => x.status === 0)) {
        const key = `${s.to}/${s.udh ? `${s.udh[3]}/${s.udh[5]}` : 'single'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    server: smpp.createServer((session) => {
      let dropped = false;
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        binds++;
        if (smsc.refuseBinds > 0) {
          smsc.refuseBinds--;
          return void session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        }
        sessions.push(session);
        session.send(pdu.response());
      });
      session.on('close', () => sessions.splice(sessions.indexOf(session), 1));
      session.on('error', () => undefined);
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('submit_sm', (pdu: smpp.PDU) => {
        // PDUs read after a drop were never taken: a real SMSC would not have seen them.
        if (dropped) return;
        const short = pdu.short_message as smpp.ShortMessage;
        const submit: Submit = {
          to: String(pdu.destination_addr),
          from: String(pdu.source_addr),
          dataCoding: Number(pdu.data_coding),
          registeredDelivery: Number(pdu.registered_delivery),
          udh: short.udh?.[0] ? [5, ...short.udh[0]] : null,
          text: String(short.message),
          status: 0,
          messageId: null,
          at: Date.now(),
        };
        submit.status = smsc.answer(submit);
        if (submit.status === 0) submit.messageId = `M${nextId++}`;
        submits.push(submit);
        smsc.beforeAnswer(session, submit);
        session.send(pdu.response(submit.status === 0 ? { message_id: submit.messageId } : { command_status: submit.status }));
        smsc.afterAnswer(session, submit);
      });
      // The link drops after the answers written so far have gone out (end, not destroy: an answer
      // lost on the way is the at-least-once window that no client can close).
      session.on('drop', () => {
        dropped = true;
        session.close();
      });
    }),
    /** Sends a delivery receipt for a segment on a session, in the TLV form or the text form. */
    receipt(session: smpp.Session, submit: Submit, stat: 'DELIVRD' | 'UNDELIV' | 'EXPIRED', form: 'tlv' | 'text' = 'text') {
      const text = `id:${submit.messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612071930 done date:2612071931 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '034'} text:`;
      const state = { DELIVRD: smpp.MESSAGE_STATE.DELIVERED, UNDELIV: smpp.MESSAGE_STATE.UNDELIVERABLE, EXPIRED: smpp.MESSAGE_STATE.EXPIRED }[stat];
      return new Promise<number>((resolve) =>
        session.deliver_sm(
          {
            source_addr: submit.to,
            destination_addr: submit.from,
            esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
            short_message: text,
            ...(form === 'tlv' ? { receipted_message_id: submit.messageId, message_state: state } : {}),
          },
          (resp) => resolve(resp.command_status),
        ),
      );
    },
  };
  return smsc;
}

let smsc: ReturnType<typeof startSmsc>;
let port = 0;
const clients: SmppClient[] = [];

function client(options: Partial<SmppOptions> = {}) {
  const c = new SmppClient({ host: '127.0.0.1', port, tls: false, systemId: 'clubhub', password: 'secret', sourceAddr: '10010', ratePerSecond: 1000, retryBaseMs: 20, rebindBaseMs: 20, responseTimeoutMs: 2000, ...options });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  smsc = startSmsc();
  await new Promise<void>((resolve) => smsc.server.listen(0, '127.0.0.1', resolve));
  port = (smsc.server.address() as AddressInfo).port;
  // The client's warnings (throttled, dropped) are expected here; keep them off the test's output.
  const stream = (log as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
  vi.spyOn(stream, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await until(async () => smsc.sessions.length, (n) => n === 0);
  smsc.submits.length = 0;
  smsc.answer = () => 0;
  smsc.afterAnswer = () => undefined;
  smsc.beforeAnswer = () => undefined;
});
afterAll(() => new Promise<void>((resolve) => smsc.server.close(() => resolve())));

async function queue(messages: { mobile: string; body: string }[]): Promise<number[]> {
  await withTransaction(async (tx) => {
    for (const m of messages) await enqueueMessage(tx, { mobile: m.mobile, channel: 'sms', template: 'event_reminder', body: m.body });
  });
  const rows = await getReader().select({ id: outbox.id }).from(outbox).where(inArray(outbox.mobile, messages.map((m) => m.mobile)));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

const rowsOf = (ids: number[]) => getReader().select().from(outbox).where(inArray(outbox.id, ids)).orderBy(outbox.id);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SHORT = '【3G客户俱乐部】您已报名“周末亲子手工课”，请于12月12日14:00到天河营业厅参加。';
const LONG =
  '【3G客户俱乐部】尊敬的会员：您报名的“冬季健康讲座”将于12月19日（周六）下午两点在广州市天河区体育西路营业厅三楼举行，' +
  '届时请携带会员卡或出示电子票入场。讲座结束后现场有手机免费检测、贴膜和清洁服务，名额有限，先到先得。如不能参加，请提前一天在俱乐部网站取消报名，以便其他会员参加。😀谢谢！';

describe('the SMPP sender against a local SMSC', () => {
  it('sends a short and a long Chinese message as UCS-2 segments with concatenation headers, asking for receipts', async () => {
    const [shortId, longId] = await queue([
      { mobile: '18620000001', body: SHORT },
      { mobile: '18620000002', body: LONG },
    ]);
    setMessageSender(client());
    expect(await deliverPendingMessages()).toBe(2);

    const short = smsc.submits.filter((s) => s.to === '18620000001');
    expect(short).toEqual([expect.objectContaining({ from: '10010', dataCoding: 8, registeredDelivery: 1, udh: null, text: SHORT, status: 0 })]);

    const long = smsc.submits.filter((s) => s.to === '18620000002');
    const total = Math.ceil(LONG.length / 67);
    expect(long.length).toBeGreaterThanOrEqual(total);
    expect(long.map((s) => s.udh)).toEqual(long.map((_, i) => [5, 0, 3, longId! % 256, long.length, i + 1]));
    expect(long.every((s) => s.dataCoding === 8 && s.text.length <= 67)).toBe(true);
    // The handset joins the parts by their headers' positions: back to the original text.
    const joined = [...long].sort((a, b) => a.udh![5]! - b.udh![5]!).map((s) => s.text).join('');
    expect(joined).toBe(LONG);

    const rows = await rowsOf([shortId!, longId!]);
    expect(rows.map((r) => [r.status, r.segments])).toEqual([
      ['sent', 1],
      ['sent', long.length],
    ]);
    const parts = await getReader().select().from(smsParts).where(eq(smsParts.outboxId, longId!)).orderBy(smsParts.seq);
    expect(parts.map((p) => p.smscMessageId)).toEqual(long.map((s) => s.messageId));
  });

  it('marks messages delivered or failed by the receipts, whichever server receives them', async () => {
    const [deliveredId, failedId, earlyId] = await queue([
      { mobile: '18620000011', body: LONG },
      { mobile: '18620000012', body: LONG },
      { mobile: '18620000013', body: SHORT },
    ]);
    // Two app servers bound to the same SMSC: one sends, the other receives the receipts.
    const sender = client();
    const other = client();
    other.start();
    await until(async () => smsc.sessions.length, (n) => n === 1);
    const receiver = smsc.sessions[0]!;
    // A receipt quicker than the sender's own record of the submit: it comes before the answer.
    const early: Promise<number>[] = [];
    smsc.beforeAnswer = (session, submit) => {
      if (submit.to === '18620000013') early.push(smsc.receipt(session, submit, 'DELIVRD', 'tlv'));
    };
    setMessageSender(sender);
    expect(await deliverPendingMessages()).toBe(3);
    expect(await Promise.all(early)).toEqual([0]);
    expect((await rowsOf([deliveredId!, failedId!])).map((r) => r.status)).toEqual(['sent', 'sent']);

    const segmentsOf = (to: string) => smsc.submits.filter((s) => s.to === to && s.status === 0);
    for (const submit of segmentsOf('18620000011')) expect(await smsc.receipt(receiver, submit, 'DELIVRD')).toBe(0);
    const [firstFailed, ...restFailed] = segmentsOf('18620000012');
    expect(await smsc.receipt(receiver, restFailed[0]!, 'DELIVRD', 'tlv')).toBe(0);
    expect(await smsc.receipt(receiver, firstFailed!, 'UNDELIV')).toBe(0);
    // A receipt repeated by the SMSC changes nothing.
    expect(await smsc.receipt(receiver, firstFailed!, 'UNDELIV')).toBe(0);

    const rows = await rowsOf([deliveredId!, failedId!, earlyId!]);
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'failed', 'delivered']);
    expect(rows[0]!.deliveredAt).toBeGreaterThanOrEqual(rows[0]!.sentAt!);
    expect(rows[1]!.failureReason).toBe('receipt: UNDELIV err:034');
    await expectDerivedNumbersConsistent();
  });

  it('leaves a message sent until every segment is delivered', async () => {
    const [id] = await queue([{ mobile: '18620000021', body: LONG }]);
    setMessageSender(client());
    await deliverPendingMessages();
    const [first, ...rest] = smsc.submits.filter((s) => s.to === '18620000021');
    await smsc.receipt(smsc.sessions.at(-1)!, first!, 'DELIVRD');
    expect((await rowsOf([id!]))[0]!.status).toBe('sent');
    for (const submit of rest) await smsc.receipt(smsc.sessions.at(-1)!, submit, 'DELIVRD');
    expect((await rowsOf([id!]))[0]!.status).toBe('delivered');
  });

  it('retries a throttled submit with a doubling wait, and sends it once', async () => {
    const [id] = await queue([{ mobile: '18620000031', body: SHORT }]);
    let refusals = 2;
    smsc.answer = () => (refusals-- > 0 ? smpp.errors.ESME_RTHROTTLED! : 0);
    setMessageSender(client({ retryBaseMs: 100 }));
    expect(await deliverPendingMessages()).toBe(1);
    const tries = smsc.submits.filter((s) => s.to === '18620000031');
    expect(tries.map((s) => s.status)).toEqual([smpp.errors.ESME_RTHROTTLED, smpp.errors.ESME_RTHROTTLED, 0]);
    const gaps = [tries[1]!.at - tries[0]!.at, tries[2]!.at - tries[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(smsc.acceptedPerSegment().get('18620000031/single')).toBe(1);
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('fails a message to an invalid destination at once, with the reason, and does not retry it', async () => {
    const [id] = await queue([{ mobile: '18620000041', body: SHORT }]);
    smsc.answer = () => smpp.errors.ESME_RINVDSTADR!;
    setMessageSender(client());
    expect(await deliverPendingMessages()).toBe(0);
    expect(smsc.submits.filter((s) => s.to === '18620000041')).toHaveLength(1);
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'failed', attempts: 1, failureReason: 'submit_sm refused: ESME_RINVDSTADR' });
    // Nothing is left to send on the next run.
    expect(await deliverPendingMessages()).toBe(0);
    expect(smsc.submits.filter((s) => s.to === '18620000041')).toHaveLength(1);
  });

  it('rebinds after a dropped connection and never submits an acknowledged segment again', async () => {
    const ids = await queue([
      { mobile: '18620000051', body: LONG },
      { mobile: '18620000052', body: LONG },
      { mobile: '18620000053', body: SHORT },
    ]);
    let accepted = 0;
    // The SMSC answers the third segment it takes, then the link drops, and the next bind is refused once.
    smsc.afterAnswer = (session, submit) => {
      if (submit.status === 0 && ++accepted === 3) {
        smsc.refuseBinds = 1;
        session.emit('drop');
      }
    };
    const c = client();
    setMessageSender(c);
    const bindsBefore = smsc.binds();
    expect(await deliverPendingMessages()).toBe(3);
    expect(smsc.binds() - bindsBefore).toBeGreaterThanOrEqual(3);
    for (const [segment, n] of smsc.acceptedPerSegment()) expect([segment, n]).toEqual([segment, 1]);
    expect((await rowsOf(ids)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('resumes a message cut short on a later run with the segments the SMSC has not acknowledged', async () => {
    const [id] = await queue([{ mobile: '18620000061', body: LONG }]);
    // The SMSC takes the first two segments, then refuses the rest as a system error, longer than the client retries.
    smsc.answer = (submit) => (submit.udh && submit.udh[5]! > 2 ? smpp.errors.ESME_RSYSERR! : 0);
    setMessageSender(client({ maxTries: 2 }));
    expect(await deliverPendingMessages()).toBe(0);
    expect((await rowsOf([id!]))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await getReader().$count(smsParts, eq(smsParts.outboxId, id!))).toBe(2);

    smsc.answer = () => 0;
    expect(await deliverPendingMessages()).toBe(1);
    const accepted = smsc.submits.filter((s) => s.to === '18620000061' && s.status === 0);
    expect(accepted.map((s) => s.udh![5])).toEqual(Array.from({ length: accepted[0]!.udh![4]! }, (_, i) => i + 1));
    for (const [segment, n] of smsc.acceptedPerSegment()) expect([segment, n]).toEqual([segment, 1]);
  });

  it('leaves a batch for the next run at once when the SMSC cannot be reached', async () => {
    const ids = await queue(Array.from({ length: 20 }, (_, i) => ({ mobile: `186200002${String(i).padStart(2, '0')}`, body: SHORT })));
    // A port nothing listens on: every bind fails.
    const closed = smpp.createServer(() => undefined);
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    setMessageSender(client({ port: deadPort, responseTimeoutMs: 300 }));
    const started = Date.now();
    expect(await deliverPendingMessages()).toBe(0);
    // Eight messages wait out one bind timeout side by side; the other twelve are not tried.
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['pending', 1]));
    // Out of the next test's batch.
    await withTransaction((tx) => tx.update(outbox).set({ status: 'failed' }).where(inArray(outbox.id, ids)));
  });

  it('holds the rate limit over a batch', async () => {
    const rate = 20;
    const messages = Array.from({ length: 30 }, (_, i) => ({ mobile: `186200001${String(i).padStart(2, '0')}`, body: SHORT }));
    await queue(messages);
    setMessageSender(client({ ratePerSecond: rate }));
    expect(await deliverPendingMessages()).toBe(30);
    const times = smsc.submits.map((s) => s.at).sort((a, b) => a - b);
    expect(times).toHaveLength(30);
    // 30 submits at 20 a second span at least 29 intervals of 50 ms; no second holds more than 20 (+1 for timer slack).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((30 - 1) * 1000) / rate - 50);
    const most = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(most).toBeLessThanOrEqual(rate + 1);
  });
});
