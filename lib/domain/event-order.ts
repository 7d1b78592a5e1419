/**
 * The order staff read their events in: those not yet over first, soonest first (what needs doing
 * next is on top), then the ones that are over, most recent first.
 */
export function upcomingFirst<T extends { id: number; startsAt: number; endsAt: number }>(rows: readonly T[], now: number): T[] {
  const ahead = rows.filter((r) => r.endsAt > now).sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  const past = rows.filter((r) => r.endsAt <= now).sort((a, b) => b.startsAt - a.startsAt || b.id - a.id);
  return [...ahead, ...past];
}
