/**
 * SMS as the SMS centre takes them (SMPP 3.4): a text in one or more segments, and what the
 * centre's answers mean. Pure rules, used by the SMPP sender (lib/server/sms/smpp.ts).
 */

/** data_coding: the SMSC's default alphabet (GSM 03.38) or UCS-2 (UTF-16BE), which Chinese text needs. */
export const DATA_CODING = { gsm7: 0x00, ucs2: 0x08 } as const;
export type SmsEncoding = keyof typeof DATA_CODING;

/**
 * Characters of the GSM 03.38 basic alphabet that are also ASCII, each one septet. Texts made only
 * of these go as GSM-7 (160 characters in one SMS); the extension table's characters (`[`, `{`, `€`,
 * …) take two septets and are left to UCS-2, which keeps the count of a segment simple and exact.
 */
const GSM7_ASCII = /^[A-Za-z0-9 \n\r@$_!"#%&'()*+,\-./:;<=>?]*$/;

/** Characters (GSM-7) or UTF-16 code units (UCS-2) in one SMS alone, and in each part of a long one (6 octets go to the UDH). */
export const SEGMENT_LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/** A concatenated SMS has at most 255 parts (one octet counts them); an app message never comes near. */
const MAX_PARTS = 255;

export interface SmsSegment {
  /** 1-based position in the message. */
  seq: number;
  total: number;
  text: string;
  /** The user data header of a part of a long message (concatenation, 8-bit reference), or null for a message in one SMS. */
  udh: Buffer | null;
}

export const encodingOf = (text: string): SmsEncoding => (GSM7_ASCII.test(text) ? 'gsm7' : 'ucs2');

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The text cut into pieces of at most `limit` UTF-16 code units, never between the two halves of a surrogate pair (an emoji, a rare character). */
function cut(text: string, limit: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + limit, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/**
 * A message as the segments the SMSC gets: one SMS when it fits, else parts of 153 GSM-7
 * characters or 67 UCS-2 code units, each with a concatenation UDH (IEI 0x00: reference, count,
 * position) so that the handset shows them as one message. `reference` tells one long message
 * from another to the same handset; the outbox row's id, modulo 256, serves.
 */
export function splitSms(text: string, reference: number): SmsSegment[] {
  const encoding = encodingOf(text);
  const limits = SEGMENT_LIMITS[encoding];
  if (text.length <= limits.single) return [{ seq: 1, total: 1, text, udh: null }];
  const parts = cut(text, limits.part);
  if (parts.length > MAX_PARTS) throw new Error(`an SMS of ${parts.length} parts is longer than a handset can join`);
  const ref = ((reference % 256) + 256) % 256;
  return parts.map((part, i) => ({ seq: i + 1, total: parts.length, text: part, udh: Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]) }));
}

/** SMPP command_status values this app tells apart (SMPP 3.4, section 5.1.3). */
export const SMPP_STATUS = {
  ok: 0x0000,
  invalidDestination: 0x000b,
  queueFull: 0x0014,
  throttled: 0x0058,
  systemError: 0x0008,
} as const;

/**
 * Answers worth another try: the SMSC is busy, throttling or failing for a moment. Every other
 * refusal (an invalid destination, a message the SMSC will not take) would be refused again and
 * fails the message at once, with its reason.
 */
const TRANSIENT = new Set<number>([SMPP_STATUS.queueFull, SMPP_STATUS.throttled, SMPP_STATUS.systemError]);

export const isTransientSmppStatus = (status: number) => TRANSIENT.has(status);

/** Backoff before the n-th retry (1-based) of a transient refusal: doubling from `baseMs`, capped. */
export const backoffMs = (retry: number, baseMs: number, capMs = 30_000) => Math.min(capMs, baseMs * 2 ** (retry - 1));

export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

/** message_state (SMPP 3.4, 5.2.28) of a receipt's TLV, or the `stat:` word of its text (Appendix B). */
const STATES: Record<string, ReceiptOutcome> = {
  '1': 'pending',
  '2': 'delivered',
  '3': 'failed',
  '4': 'failed',
  '5': 'failed',
  '6': 'pending',
  '7': 'pending',
  '8': 'failed',
  ENROUTE: 'pending',
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  ACCEPTD: 'pending',
  UNKNOWN: 'pending',
  REJECTD: 'failed',
};

export interface DeliveryReceipt {
  /** The SMSC's id of the segment, as its submit_sm_resp gave it. */
  messageId: string;
  outcome: ReceiptOutcome;
  /** The state's word (`DELIVRD`, `UNDELIV`, …) and error code, kept as the reason of a failure. */
  state: string;
}

const STATE_WORDS = ['', 'ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'];

/**
 * A delivery receipt (a deliver_sm whose esm_class marks it so): its TLVs receipted_message_id and
 * message_state when the SMSC sends them, else the de-facto text format `id:… sub:… dlvrd:… …
 * stat:DELIVRD err:000 text:…`. Null when it names no message.
 */
export function parseReceipt(tlv: { receiptedMessageId?: string; messageState?: number }, text: string): DeliveryReceipt | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(text)?.[1];
  const messageId = tlv.receiptedMessageId?.trim() || field('id');
  if (!messageId) return null;
  const stateWord = tlv.messageState !== undefined ? (STATE_WORDS[tlv.messageState] ?? String(tlv.messageState)) : (field('stat')?.toUpperCase() ?? 'UNKNOWN');
  const outcome = STATES[tlv.messageState !== undefined ? String(tlv.messageState) : stateWord] ?? 'pending';
  const err = field('err');
  return { messageId, outcome, state: err && err !== '000' ? `${stateWord} err:${err}` : stateWord };
}
