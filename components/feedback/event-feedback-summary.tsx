import { getFormatter, getTranslations } from 'next-intl/server';
import type { getEventFeedback } from '@/lib/server/attendance';

/** What the members who came thought of an event: average rating, how many rated, and their comments. */
export async function EventFeedbackSummary({ summary }: { summary: Awaited<ReturnType<typeof getEventFeedback>> }) {
  const [t, format] = await Promise.all([getTranslations('feedback'), getFormatter()]);
  return (
    <section aria-labelledby="event-feedback-title" className="rounded-lg border border-gray-200 bg-white p-4" data-testid="event-feedback">
      <h2 id="event-feedback-title" className="mb-3 text-lg font-semibold">
        {t('summaryTitle')}
      </h2>
      {summary.count === 0 || summary.average === null ? (
        <p className="text-sm text-gray-600">{t('noneYet')}</p>
      ) : (
        <>
          <dl className="flex flex-wrap gap-x-8 gap-y-2">
            <div>
              <dt className="text-sm text-gray-600">{t('average')}</dt>
              <dd className="text-2xl font-semibold text-gray-900 tabular-nums" data-testid="feedback-average">
                {format.number(summary.average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-gray-600">{t('count')}</dt>
              <dd className="text-2xl font-semibold text-gray-900 tabular-nums" data-testid="feedback-count">
                {summary.count}
              </dd>
            </div>
          </dl>
          <h3 className="mt-4 mb-2 text-sm font-medium text-gray-800">{t('comments')}</h3>
          <ul className="divide-y divide-gray-100 text-sm">
            {summary.comments.map((c, i) => (
              <li key={`${c.customerId}-${i}`} className="py-2" data-testid="feedback-comment">
                <p className="text-xs text-gray-600">
                  {t('commentBy', { name: c.name, rating: c.rating, time: format.dateTime(new Date(c.createdAt), { dateStyle: 'medium', timeStyle: 'short' }) })}
                </p>
                <p className="mt-0.5 break-words whitespace-pre-line text-gray-900">{c.comment || t('noComment')}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
