import { getTranslations } from 'next-intl/server';

/** Seats still free, or that the event is full and taking a waiting list. */
export async function MemberSeatsLeft({ seatsLeft }: { seatsLeft: number }) {
  const t = await getTranslations('events.seats');
  return seatsLeft > 0 ? (
    <span className="font-medium text-green-800">{t('left', { count: seatsLeft })}</span>
  ) : (
    <span className="font-medium text-amber-800">{t('full')}</span>
  );
}
