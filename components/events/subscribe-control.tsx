import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { CopyLinkButton } from '@/components/ui/copy-link-button';
import { subscribeLinks } from '@/lib/domain/calendar-links';

/**
 * One "subscribe" button for a calendar feed that opens the ways to add it: the phone's or
 * computer's own calendar (webcal), Google Calendar, Outlook, or its link copied. The feed's URL
 * itself is never printed: it would only wrap mid-word on a phone.
 */
export async function SubscribeControl({ label, calendarName, path, baseUrl, testId }: { label: string; calendarName: string; path: string; baseUrl: string | null; testId: string }) {
  const t = await getTranslations('calendarFeeds');
  // Without a configured public origin only the copy button can make the URL absolute (from the page's own).
  const links = baseUrl ? subscribeLinks(`${baseUrl}${path}`, calendarName) : null;
  const option = buttonClass('secondary', 'w-full');
  return (
    <details className="group" data-testid={testId}>
      <summary className={buttonClass('secondary', 'w-full cursor-pointer list-none sm:w-auto [&::-webkit-details-marker]:hidden')}>
        {label}
        <span aria-hidden="true" className="text-gray-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-2 grid gap-2 border-l-2 border-brand-100 pl-3 sm:grid-cols-2">
        {links ? (
          <>
            <a href={links.webcal} className={option}>
              {t('phone')}
            </a>
            <a href={links.google} target="_blank" rel="noopener noreferrer" className={option}>
              {t('google')}
            </a>
            <a href={links.outlook} target="_blank" rel="noopener noreferrer" className={option}>
              {t('outlook')}
            </a>
          </>
        ) : null}
        <CopyLinkButton href={links?.url ?? path} label={t('copy')} copiedLabel={t('copied')} className="w-full" />
      </div>
    </details>
  );
}
