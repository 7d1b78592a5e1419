import { maskMobile } from './masking';
import { shanghaiDateTime } from './time';

/** One field of an audit entry as shown: its value before and after; absent on a side that did not have it. */
export interface AuditChange {
  /** The field's name; empty when the whole value is shown (it was not an object). */
  field: string;
  before?: string;
  after?: string;
}

/** What a secret's value is shown as. */
export const REDACTED = '••••••';

/** Longest value shown; the rest is cut with an ellipsis. */
const MAX_VALUE = 160;

/** Keys whose values are secrets: password hashes, token hashes, codes that open a door or an account. */
const SECRET_KEY = /password|hash|secret|^token$|^otp$|^code$|ticketcode|shortcode/i;

/** A mainland mobile number standing alone in a text (not part of a longer run of digits). */
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Instants between 2001 and 2100 in milliseconds, in a field named like `createdAt`. */
const INSTANT_KEY = /At$/;
const isInstant = (value: number) => Number.isSafeInteger(value) && value > 978_307_200_000 && value < 4_102_444_800_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A value with its secrets hidden and mobile numbers masked (186****1234), at any depth. The audit
 * list is a bulk view of many customers' data: the full number stays on the customer's record.
 */
export function maskAuditValue(value: unknown, key = ''): unknown {
  if (key && SECRET_KEY.test(key) && value !== null && value !== undefined) return REDACTED;
  if (typeof value === 'string') return value.replace(MOBILE_IN_TEXT, maskMobile);
  if (Array.isArray(value)) return value.map((v) => maskAuditValue(v));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAuditValue(v, k)]));
  return value;
}

/** A masked value as one short line: text as it is, instants in Beijing time, the rest as compact JSON. */
function show(value: unknown, key: string): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && INSTANT_KEY.test(key) && isInstant(value)) text = shanghaiDateTime(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The readable difference of an audit entry's before and after, masked: for two objects the fields
 * that changed (and those only one side has), for a creation every field it was created with, and
 * otherwise the whole values.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = maskAuditValue(before ?? null);
  const a = maskAuditValue(after ?? null);
  if (b === null && a === null) return [];
  if ((b === null || isRecord(b)) && (a === null || isRecord(a))) {
    const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
    const changes: AuditChange[] = [];
    for (const key of keys) {
      const inBefore = b !== null && Object.hasOwn(b, key);
      const inAfter = a !== null && Object.hasOwn(a, key);
      if (inBefore && inAfter && same(b[key], a[key])) continue;
      changes.push({
        field: key,
        ...(inBefore ? { before: show(b[key], key) } : {}),
        ...(inAfter ? { after: show(a[key], key) } : {}),
      });
    }
    return changes;
  }
  return [{ field: '', ...(b !== null ? { before: show(b, '') } : {}), ...(a !== null ? { after: show(a, '') } : {}) }];
}

/** Who wrote an audit entry, as the audit page names them. */
export type AuditWriter =
  | { kind: 'staff'; id: number; username: string; name: string }
  | { kind: 'token'; id: number; name: string; channel: string }
  | { kind: 'system' };

/** One entry of the audit log as the page shows it: its changes already masked. */
export interface AuditEntryView {
  id: number;
  createdAt: number;
  action: string;
  entityType: string;
  entityId: string | null;
  provinceCode: string | null;
  writer: AuditWriter;
  changes: AuditChange[];
}
