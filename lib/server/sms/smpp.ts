import 'server-only';
import * as smpp from 'smpp';
import { backoffMs, DATA_CODING, encodingOf, isTransientSmppStatus, parseReceipt, splitSms } from '@/lib/domain/sms';
import { log } from '../log';
import { acknowledgedSegments, recordReceipt, recordSegment } from './parts';
import { messageLogFields, PermanentSendError, type MessageSender, type OutgoingMessage, type SendResult } from './senders';

export interface SmppOptions {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** The number SMS come from (SMS_SOURCE_ADDR): the operator's service number. */
  sourceAddr: string;
  /** Submits per second for this server (SMS_RATE_PER_SECOND), what the SMSC's account allows. */
  ratePerSecond: number;
  /** How often an idle session is checked with enquire_link; a check unanswered drops and rebinds it. */
  enquireLinkMs?: number;
  /** How long an answer (bind, submit, enquire_link) may take before it counts as lost. */
  responseTimeoutMs?: number;
  /** The first wait before a throttled or unanswered submit is tried again; it doubles each time. */
  retryBaseMs?: number;
  /** Tries of one segment before the message waits for the outbox's next run instead. */
  maxTries?: number;
  /** The first wait before rebinding after a drop or a failed bind; it doubles up to 30 s. */
  rebindBaseMs?: number;
}

// A batch's messages go a few at a time; the rate limiter spaces their segments fairly between them.
const CONCURRENCY = 8;
const ESME_RX_T_APPN = 0x0064;

const statusName = (status: number) => Object.entries(smpp.errors).find(([, code]) => code === status)?.[0] ?? `0x${status.toString(16).padStart(4, '0')}`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Spaces calls evenly at `perSecond`, in the order they asked: the segments of a batch's messages,
 * sent side by side, take turns rather than one message's parts holding the others back.
 */
export function rateLimiter(perSecond: number) {
  const spacing = 1000 / perSecond;
  let nextFree = 0;
  return async () => {
    const now = Date.now();
    const slot = Math.max(now, nextFree);
    nextFree = slot + spacing;
    if (slot > now) await sleep(slot - now);
  };
}

/** A submit that got no answer (timeout, connection lost): the SMSC may or may not have it. */
class NoAnswer extends Error {}

/** No session could be bound in time: nothing was submitted, and the rest of the batch need not wait for it either. */
class NotBound extends NoAnswer {}

/**
 * One SMPP 3.4 transceiver session to the SMS centre for this app server: bound on first use and
 * kept bound, checked with enquire_link, and rebound with backoff after a drop, so that delivery
 * receipts (deliver_sm) keep arriving between sends. Receipts go to the database (parts.ts), as
 * the SMSC may give a message's receipt to any bound server.
 */
export class SmppClient implements MessageSender {
  private readonly o: Required<SmppOptions>;
  private bound: Promise<smpp.Session> | null = null;
  private session: smpp.Session | null = null;
  private closed = false;
  private readonly pending = new Map<smpp.Session, Set<(error: Error) => void>>();
  readonly take: () => Promise<void>;

  constructor(options: SmppOptions) {
    this.o = { enquireLinkMs: 30_000, responseTimeoutMs: 10_000, retryBaseMs: 500, maxTries: 5, rebindBaseMs: 1_000, ...options };
    this.take = rateLimiter(this.o.ratePerSecond);
  }

  /** The bound session, binding (again, with backoff) as needed; a wait longer than the answer timeout counts as no answer. */
  private async connection(): Promise<smpp.Session> {
    if (this.closed) throw new NoAnswer('the SMPP client is closed');
    this.bound ??= this.bindWithBackoff();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotBound('the SMSC is not bound')), this.o.responseTimeoutMs).unref();
    });
    try {
      return await Promise.race([this.bound, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async bindWithBackoff(): Promise<smpp.Session> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.bind();
      } catch (error) {
        if (this.closed) throw error;
        const wait = backoffMs(attempt, this.o.rebindBaseMs);
        log.warn({ err: error, host: this.o.host, port: this.o.port, retryInMs: wait }, 'smpp bind failed');
        await sleep(wait);
      }
    }
  }

  private bind(): Promise<smpp.Session> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ host: this.o.host, port: this.o.port, tls: this.o.tls, servername: this.o.host });
      let isBound = false;
      const fail = (error: Error) => {
        if (!isBound) reject(error);
        session.destroy();
      };
      const bindTimer = setTimeout(() => fail(new Error('no answer to bind_transceiver')), this.o.responseTimeoutMs).unref();
      session.on('error', (error: Error) => fail(error));
      session.on('close', () => {
        clearTimeout(bindTimer);
        if (!isBound) return reject(new Error('the SMSC closed the connection before binding'));
        this.dropped(session);
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => void this.onDeliver(session, pdu));
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on(this.o.tls ? 'secureConnect' : 'connect', () => {
        session.bind_transceiver({ system_id: this.o.systemId, password: this.o.password }, (pdu) => {
          clearTimeout(bindTimer);
          if (pdu.command_status !== 0) return fail(new Error(`bind_transceiver refused: ${statusName(pdu.command_status)}`));
          isBound = true;
          this.session = session;
          this.pending.set(session, new Set());
          this.keepAlive(session);
          log.info({ host: this.o.host, port: this.o.port }, 'smpp bound');
          resolve(session);
        });
      });
    });
  }

  /** enquire_link while bound; an unanswered one means the link is dead (a silent network drop): drop it and rebind. */
  private keepAlive(session: smpp.Session) {
    const timer = setInterval(() => {
      const deadline = setTimeout(() => session.destroy(), this.o.responseTimeoutMs).unref();
      session.enquire_link({}, () => clearTimeout(deadline));
    }, this.o.enquireLinkMs).unref();
    session.once('close', () => clearInterval(timer));
  }

  /** A bound session dropped: its unanswered submits count as no answer, and a new bind starts at once (with backoff after failures). */
  private dropped(session: smpp.Session) {
    for (const reject of this.pending.get(session) ?? []) reject(new NoAnswer('the SMPP connection dropped'));
    this.pending.delete(session);
    if (this.session !== session) return;
    this.session = null;
    this.bound = null;
    if (this.closed) return;
    log.warn({ host: this.o.host, port: this.o.port }, 'smpp connection dropped: rebinding');
    this.bound = this.bindWithBackoff();
    this.bound.catch(() => undefined);
  }

  /**
   * A deliver_sm: a delivery receipt is recorded before it is answered, so that one the database
   * did not take is answered with a temporary error and sent again by the SMSC. Anything else
   * (a reply from a handset) is acknowledged and left: the clubs take no SMS replies.
   */
  private async onDeliver(session: smpp.Session, pdu: smpp.PDU) {
    const esmClass = Number(pdu.esm_class ?? 0);
    if ((esmClass & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT!) === 0) return void session.send(pdu.response());
    const short = pdu.short_message as smpp.ShortMessage | undefined;
    const text = typeof short?.message === 'string' ? short.message : (short?.message?.toString('latin1') ?? '');
    const receipt = parseReceipt({ receiptedMessageId: pdu.receipted_message_id as string | undefined, messageState: pdu.message_state as number | undefined }, text);
    try {
      if (receipt) await recordReceipt(receipt, Date.now());
      session.send(pdu.response());
    } catch (error) {
      log.error({ err: error, smscMessageId: receipt?.messageId }, 'sms receipt not recorded: the SMSC will send it again');
      session.send(pdu.response({ command_status: ESME_RX_T_APPN }));
    }
  }

  /**
   * One submit_sm, in its turn of the rate limit, and its answer; no answer within the timeout (or
   * a dropped connection) rejects with NoAnswer. The turn is taken once bound, so that submits held
   * back by a bind do not all go at once when it is done.
   */
  private async submit(params: Record<string, unknown>): Promise<smpp.PDU> {
    await this.connection();
    await this.take();
    const session = await this.connection();
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(session);
      const settle = (error: Error | null, pdu?: smpp.PDU) => {
        clearTimeout(timer);
        waiting?.delete(fail);
        if (error) reject(error);
        else resolve(pdu!);
      };
      const fail = (error: Error) => settle(error);
      const timer = setTimeout(() => fail(new NoAnswer('no answer to submit_sm')), this.o.responseTimeoutMs).unref();
      waiting?.add(fail);
      if (!session.submit_sm(params, (pdu) => settle(null, pdu))) fail(new NoAnswer('the SMPP connection is not writable'));
    });
  }

  /**
   * Sends a message's segments that the SMSC has not acknowledged yet, each recorded as soon as
   * it is (parts.ts): a retry after a drop, here or on another server, never submits an
   * acknowledged segment again. A throttled, queue-full or unanswered submit is tried again after
   * a doubling wait, up to maxTries; then the message waits for the outbox's next run. A
   * permanent refusal (an invalid number) fails the message with the SMSC's reason.
   */
  async send(message: OutgoingMessage): Promise<void> {
    const segments = splitSms(message.body, message.id);
    const done = await acknowledgedSegments(message.id);
    const encoding = encodingOf(message.body);
    for (const segment of segments) {
      if (done.has(segment.seq)) continue;
      const shortMessage = segment.udh ? { udh: segment.udh, message: segment.text } : { message: segment.text };
      for (let tries = 1; ; tries++) {
        let answer: smpp.PDU | null = null;
        let problem: string;
        try {
          answer = await this.submit({
            source_addr: this.o.sourceAddr,
            destination_addr: message.mobile,
            data_coding: DATA_CODING[encoding],
            registered_delivery: smpp.REGISTERED_DELIVERY.FINAL,
            short_message: shortMessage,
          });
          problem = statusName(answer.command_status);
        } catch (error) {
          if (!(error instanceof NoAnswer) || error instanceof NotBound) throw error;
          problem = error.message;
        }
        if (answer && answer.command_status === 0) {
          await recordSegment(message.id, segment.seq, segments.length, String(answer.message_id), Date.now());
          break;
        }
        if (answer && !isTransientSmppStatus(answer.command_status)) throw new PermanentSendError(`submit_sm refused: ${problem}`);
        if (tries >= this.o.maxTries) throw new Error(`submit_sm not taken after ${tries} tries: ${problem}`);
        await sleep(backoffMs(tries, this.o.retryBaseMs));
      }
    }
  }

  async sendMany(messages: OutgoingMessage[]): Promise<SendResult[]> {
    const results = new Array<SendResult>(messages.length).fill(false);
    let next = 0;
    // Once the SMSC cannot be bound, the batch's other messages wait for the next run rather than each waiting out the timeout.
    let unreachable = false;
    const worker = async () => {
      for (let i = next++; i < messages.length && !unreachable; i = next++) {
        const message = messages[i]!;
        try {
          await this.send(message);
          results[i] = true;
        } catch (error) {
          if (error instanceof NotBound) unreachable = true;
          log.warn({ err: error, ...messageLogFields(message) }, 'sms not taken by the SMSC');
          results[i] = error instanceof PermanentSendError ? { failed: error.message } : false;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));
    return results;
  }

  /** Binds now rather than at the first SMS, so that receipts for messages sent before a restart arrive. */
  start(): void {
    this.bound ??= this.bindWithBackoff();
    this.bound.catch(() => undefined);
  }

  /** Unbinds and closes (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    this.bound = null;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1_000).unref();
      session.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (!session.unbind({}, () => session.close())) session.destroy();
    });
  }
}
