import { events } from '@/db/schema';
import { DAY, HOUR } from '@/lib/domain/time';

/**
 * A published Guangdong film premiere open for registration at `now`, ten days ahead, two seats at
 * 500 points, for tests that insert events directly; `overrides` change any column.
 */
export function filmPremiere(now: number, overrides: Partial<typeof events.$inferInsert> = {}): typeof events.$inferInsert {
  const startsAt = now + 10 * DAY;
  return {
    clubCode: 'film',
    provinceCode: '440000',
    kind: 'film_premiere',
    titleZh: '新片抢先看',
    venue: '天河城影城',
    startsAt,
    endsAt: startsAt + 2 * HOUR,
    capacity: 2,
    regOpensAt: now - DAY,
    regClosesAt: startsAt - DAY,
    vipOpensAt: now - 3 * DAY,
    priceType: 'points',
    pricePoints: 500,
    eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
    status: 'published',
    publishedAt: now - 5 * DAY,
    ...overrides,
  };
}
