import { getTranslations } from 'next-intl/server';
import type { ClubCode } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';
import { calendarFeedPath } from '@/lib/server/calendar';
import { PersonalFeedReset } from './personal-feed-reset';
import { SubscribeControl } from './subscribe-control';

/**
 * The calendar feeds a member can subscribe to: their own events (a secret URL of their own, which
 * they can reset), and the public feed of each of their clubs in their province.
 */
export async function MemberCalendarFeeds({
  provinceCode,
  clubs,
  personalFeedPath,
  baseUrl,
  resetAction,
}: {
  provinceCode: string;
  clubs: { code: ClubCode; name: string }[];
  personalFeedPath: string;
  baseUrl: string | null;
  resetAction: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const t = await getTranslations('calendarFeeds');
  return (
    <section aria-labelledby="calendar-feeds-title" className="mt-8 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="calendar-feeds-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-gray-600">{t('intro')}</p>

      <div className="mt-4 border-t border-gray-100 pt-4" data-testid="personal-feed">
        <h3 className="font-medium text-gray-900">{t('personalTitle')}</h3>
        <p className="mt-1 text-sm text-gray-600">{t('personalIntro')}</p>
        <div className="mt-3">
          <SubscribeControl label={t('subscribe', { name: t('personalLabel') })} calendarName={t('personalName')} path={personalFeedPath} baseUrl={baseUrl} testId="feed-personal" />
        </div>
        <PersonalFeedReset action={resetAction} />
      </div>

      <ul className="mt-4 space-y-3 border-t border-gray-100 pt-4" aria-label={t('clubsLabel')}>
        {clubs.map((club) => (
          <li key={club.code}>
            <SubscribeControl
              label={t('subscribe', { name: club.name })}
              calendarName={club.name}
              path={calendarFeedPath(provinceCode, club.code)}
              baseUrl={baseUrl}
              testId={`feed-${club.code}`}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
