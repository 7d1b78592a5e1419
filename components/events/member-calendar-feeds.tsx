import { getTranslations } from 'next-intl/server';
import type { ClubCode } from '@/lib/domain/types';
import { calendarFeedPath } from '@/lib/server/calendar';

/** The public iCalendar feed of each of the member's clubs, to subscribe to in a calendar app. */
export async function MemberCalendarFeeds({ provinceCode, clubs, baseUrl }: { provinceCode: string; clubs: { code: ClubCode; name: string }[]; baseUrl: string | null }) {
  const t = await getTranslations('events.subscribe');
  return (
    <section aria-labelledby="calendar-feeds-title" className="mt-8 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="calendar-feeds-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-gray-600">{t('intro')}</p>
      <ul className="mt-3 space-y-3">
        {clubs.map((club) => {
          const path = calendarFeedPath(provinceCode, club.code);
          const url = baseUrl ? `${baseUrl}${path}` : path;
          // webcal:// makes phones and desktop clients offer to subscribe instead of downloading once.
          const webcal = baseUrl ? url.replace(/^https?:/, 'webcal:') : null;
          return (
            <li key={club.code} className="text-sm" data-testid={`feed-${club.code}`}>
              <p className="font-medium text-gray-900">{club.name}</p>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
                <code className="min-w-0 rounded bg-gray-100 px-1.5 py-0.5 text-xs break-all text-gray-800">{url}</code>
                {webcal ? (
                  <a href={webcal} className="text-brand-700 underline">
                    {t('open', { club: club.name })}
                  </a>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
