import { z } from 'zod';
import { DAY, parseShanghaiLocal } from '@/lib/domain/time';

/** Entries on one page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** A position in the log, newest first: an entry's time and id, written `1767225600000.42`. */
export interface AuditCursor {
  createdAt: number;
  id: number;
}

export type AuditWho = { kind: 'staff'; id: number } | { kind: 'token'; id: number } | { kind: 'system' };

/** The audit log's filters, checked. Dates are [from, to) as UTC instants of Beijing days. */
export interface AuditFilters {
  who?: AuditWho;
  /** One action, `event.cancel`: an exact match reads along its index in time order. */
  action?: string;
  entityType?: string;
  /** Only with an entity type: ids are numbers of every kind of entity. */
  entityId?: string;
  from?: number;
  to?: number;
  /** A province code, or `HQ` for acts of no province. */
  province?: string;
  /** Entries older than this one (the next page), or newer (the previous page). */
  before?: AuditCursor;
  after?: AuditCursor;
}

/** Each filter's value as typed, for the form to show again. */
export type AuditFilterInput = Partial<Record<AuditFilterField, string>>;

export const AUDIT_FILTER_FIELDS = ['who', 'action', 'entityType', 'entityId', 'from', 'to', 'province', 'before', 'after'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** The code of each field's error (messages: audit.invalid.<code>). */
const FIELD_ERROR: Record<AuditFilterField, string> = {
  who: 'invalid_who',
  action: 'invalid_action',
  entityType: 'invalid_entity_type',
  entityId: 'invalid_entity_id',
  from: 'invalid_date',
  to: 'invalid_date',
  province: 'invalid_province',
  before: 'invalid_cursor',
  after: 'invalid_cursor',
};

export const encodeAuditCursor = (c: AuditCursor) => `${c.createdAt}.${c.id}`;

const safeInt = (s: string) => {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
};

const cursor = z.string().transform((value, ctx): AuditCursor => {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(value);
  const createdAt = m ? safeInt(m[1]!) : null;
  const id = m ? safeInt(m[2]!) : null;
  if (createdAt === null || id === null) {
    ctx.addIssue({ code: 'custom', message: 'invalid_cursor' });
    return z.NEVER;
  }
  return { createdAt, id };
});

const who = z.string().transform((value, ctx): AuditWho => {
  if (value === 'system') return { kind: 'system' };
  const m = /^(staff|token):(\d{1,16})$/.exec(value);
  const id = m ? safeInt(m[2]!) : null;
  if (!m || id === null || id < 1) {
    ctx.addIssue({ code: 'custom', message: 'invalid_who' });
    return z.NEVER;
  }
  return { kind: m[1] as 'staff' | 'token', id };
});

/** A calendar day in Beijing, `2027-03-06`, to the UTC instant it starts at. */
const day = z.string().transform((value, ctx) => {
  const instant = /^20\d\d-\d\d-\d\d$/.test(value) ? parseShanghaiLocal(`${value}T00:00`) : null;
  if (instant === null) {
    ctx.addIssue({ code: 'custom', message: 'invalid_date' });
    return z.NEVER;
  }
  return instant;
});

// Control characters (C0, DEL, C1) and bidirectional overrides never belong in a filter.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const auditFilterSchema = z
  .object({
    who: who.optional(),
    action: z
      .string()
      .max(64, 'invalid_action')
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'invalid_action')
      .optional(),
    entityType: z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'invalid_entity_type')
      .optional(),
    entityId: z
      .string()
      .max(64, 'invalid_entity_id')
      .refine((v) => !CONTROL.test(v), 'invalid_entity_id')
      .optional(),
    from: day.optional(),
    to: day.optional(),
    province: z
      .string()
      .regex(/^(HQ|\d{6})$/, 'invalid_province')
      .optional(),
    before: cursor.optional(),
    after: cursor.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.from !== undefined && f.to !== undefined && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'invalid_range' });
    if (f.before && f.after) ctx.addIssue({ code: 'custom', path: ['after'], message: 'invalid_cursor' });
  });

export type AuditFilterResult = { ok: true; filters: AuditFilters; input: AuditFilterInput } | { ok: false; errors: Partial<Record<AuditFilterField, string>>; input: AuditFilterInput };

/**
 * The audit page's filters from its URL. Empty values are no filter; a value given twice, or one
 * that is malformed, is an error of its field (with a code for the page to translate), never a guess.
 */
export function parseAuditFilters(search: Record<string, string | string[] | undefined>): AuditFilterResult {
  const input: AuditFilterInput = {};
  const errors: Partial<Record<AuditFilterField, string>> = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = search[field];
    if (Array.isArray(value)) {
      errors[field] = FIELD_ERROR[field];
      input[field] = value.join(' ');
    } else if (value !== undefined && value.trim() !== '') {
      input[field] = value.trim();
    }
  }
  const parsed = auditFilterSchema.safeParse(input);
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as AuditFilterField;
    errors[field] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : FIELD_ERROR[field];
  }
  if (input.entityId !== undefined && input.entityType === undefined) errors.entityId ??= 'entity_type_required';
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, input };
  const { to, ...rest } = parsed.data;
  // `to` names the last day wanted: the range ends where the next day starts.
  return { ok: true, filters: { ...rest, ...(to !== undefined ? { to: to + DAY } : {}) }, input };
}
