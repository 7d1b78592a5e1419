import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { readAll } from '@/db/read-pool';
import { callbacks, complaints, customers, events, feedback } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { maskMobile, maskName } from '@/lib/domain/masking';
import { defaultOpinionDays, opinionPages, OPINIONS_EXPORT_LIMIT, OPINIONS_PAGE_SIZE, type OpinionSource } from '@/lib/domain/opinions';
import { resolvePeriod } from '@/lib/domain/stats-period';
import type { ClubCode, ComplaintTopic } from '@/lib/domain/types';
import type { OpinionFilters } from '@/lib/validation/opinions';
import { statsScope } from './stats';

/** One customer opinion as HQ reads it: the customer always masked (an analyst never sees who). */
export interface Opinion {
  source: OpinionSource;
  id: number;
  province: string;
  club: ClubCode | null;
  topic: ComplaintTopic;
  body: string;
  rating: number | null;
  at: number;
  name: string;
  mobile: string;
}

/**
 * Every opinion in one list: event feedback with a comment, what customers said on a callback
 * (one after an event, or a periodic one without), complaints and suggestions; the period by when
 * it was given (Beijing days), the other filters as chosen, the province kept to the viewer's.
 */
function opinionsQuery(actor: Actor, f: OpinionFilters, now: number): SQL {
  const province = statsScope(actor, f.province);
  const days = f.from && f.to ? { from: f.from, to: f.to } : defaultOpinionDays(now);
  const period = resolvePeriod({ kind: 'custom', ...days });
  if (!period) throw new DomainError('invalid_period');
  const conditions = [
    sql`o.at >= ${period.start}`,
    sql`o.at < ${period.end}`,
    province ? sql`o.province = ${province}` : undefined,
    f.club ? sql`o.club = ${f.club}` : undefined,
    f.source ? sql`o.source = ${f.source}` : undefined,
    f.topic ? sql`o.topic = ${f.topic}` : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return sql`select * from (
      select 'feedback' as source, f.id as id, e.province_code as province, e.club_code as club, 'event' as topic, f.comment as body, f.rating as rating, f.created_at as at, c.name as name, c.mobile as mobile
        from ${feedback} f join ${events} e on e.id = f.event_id join ${customers} c on c.id = f.customer_id
        where f.comment <> ''
      union all
      select 'callback', cb.id, cb.province_code, e.club_code, case when e.id is null then 'other' else 'event' end, cb.opinion, null, cb.completed_at, c.name, c.mobile
        from ${callbacks} cb left join ${events} e on e.id = cb.event_id join ${customers} c on c.id = cb.customer_id
        where cb.opinion is not null and cb.opinion <> '' and cb.completed_at is not null
      union all
      select co.kind, co.id, co.province_code, null, co.topic, co.body, co.rating, co.created_at, c.name, c.mobile
        from ${complaints} co join ${customers} c on c.id = co.customer_id
    ) o where ${sql.join(conditions, sql` and `)}`;
}

const present = (r: Opinion): Opinion => ({
  ...r,
  id: Number(r.id),
  at: Number(r.at),
  rating: r.rating === null ? null : Number(r.rating),
  name: maskName(r.name),
  mobile: maskMobile(r.mobile),
});

/** A page of the opinions, newest first, with how many there are in all; for HQ's and provincial analysts and admins. */
export async function listOpinions(actor: Actor, f: OpinionFilters, now = Date.now()) {
  const query = opinionsQuery(actor, f, now);
  const [[counted]] = await readAll<[{ n: number }[]]>(sql`select count(*) as n from (${query}) q`);
  const total = Number(counted?.n ?? 0);
  const { pages, page } = opinionPages(total, f.page);
  const [rows] = await readAll<[Opinion[]]>(sql`${query} order by o.at desc, o.source, o.id desc limit ${OPINIONS_PAGE_SIZE} offset ${(page - 1) * OPINIONS_PAGE_SIZE}`);
  return { rows: rows.map(present), total, page, pages };
}

/** The opinions of the view for an export, newest first, up to the export's limit. */
export async function exportOpinions(actor: Actor, f: OpinionFilters, now = Date.now()): Promise<Opinion[]> {
  const [rows] = await readAll<[Opinion[]]>(sql`${opinionsQuery(actor, f, now)} order by o.at desc, o.source, o.id desc limit ${OPINIONS_EXPORT_LIMIT}`);
  return rows.map(present);
}
