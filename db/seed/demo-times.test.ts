import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader } from '../client';
import { seedDemo } from '.';
import { CHECKIN_OPENS_BEFORE_MS } from '@/lib/domain/attendance-rules';
import { DAY, HOUR } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { beijingDay } from './seed-time';

withTempDatabase();

// 02:26 in Beijing this morning.
const night = beijingDay(Date.now()) + 2 * HOUR + 26 * 60_000;

describe('demo data seeded in the middle of the night', () => {
  it('dates what people did on earlier days in the daytime, not at the hour the seed ran', async () => {
    await seedDemo(night);
    const before = night - DAY;
    const nightTimes = await getReader().all<{ what: string; n: number }>(sql`
      with times(what, t) as (
        select 'customer created', created_at from customers
        union all select 'club joined', joined_at from memberships
        union all select 'club left', left_at from memberships where left_at is not null
        union all select 'points granted', created_at from points_ledger where reason = 'grant'
        union all select 'registered', created_at from registrations
        union all select 'service booked', created_at from service_bookings
        union all select 'loaner bought', created_at from loaner_phones
        union all select 'trial opens', vip_opens_at from trial_programmes
        union all select 'trial opens', opens_at from trial_programmes
        union all select 'trial closes', closes_at from trial_programmes
        union all select 'trial applied', applied_at from trial_applications
        union all select 'message sent', created_at from outbox
        union all select 'feedback given', created_at from feedback
        union all select 'callback made', completed_at from callbacks where completed_at is not null
        union all select 'hall visit', arrived_at from hall_visits
        union all select 'warranty repair', served_at from warranty_repairs
        union all select 'handset registered', created_at from warranty_handsets
        union all select 'inspection made', visited_at from inspections
        union all select 'finding followed up', followed_up_at from inspection_items where followed_up_at is not null
      )
      select what, count(*) as n from times
      where t < ${before} and ((t / 1000 + 8 * 3600) / 3600) % 24 < 9
      group by what`);
    expect(nightTimes).toEqual([]);
  });

  it('gives the Guangdong operator an event whose doors are open at the hour of the seed', async () => {
    const open = await getReader().all<{ id: number; startsAt: number }>(sql`
      select e.id, e.starts_at as "startsAt" from events e join staff s on s.id = e.created_by_staff_id
      where s.username = 'gd.operator' and e.status = 'published' and e.starts_at > ${night}
        and e.starts_at - ${CHECKIN_OPENS_BEFORE_MS} <= ${night}`);
    expect(open).toHaveLength(1);
    const [confirmed] = await getReader().all<{ n: number }>(sql`
      select count(*) as n from registrations where event_id = ${open[0]!.id} and status = 'confirmed'`);
    expect(confirmed!.n).toBeGreaterThan(0);
  });
});
