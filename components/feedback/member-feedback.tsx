import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/page';
import { FEEDBACK_EDITABLE_MS } from '@/lib/domain/attendance-rules';
import type { FormState } from '@/lib/form-state';
import type { getMyFeedback } from '@/lib/server/attendance';
import { FeedbackForm } from './feedback-form';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * The feedback box of the member's event page: the form while they may give or change feedback,
 * their feedback read-only once the week to change it is over, nothing when they did not attend.
 */
export async function MemberFeedback({ eventId, mine, action }: { eventId: number; mine: Awaited<ReturnType<typeof getMyFeedback>>; action: Action }) {
  if (!mine || (!mine.mayGive && !mine.feedback)) return null;
  const [t, format] = await Promise.all([getTranslations('feedback'), getFormatter()]);
  const given = mine.feedback;
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });

  if (!mine.mayGive && given) {
    return (
      <Card>
        <div data-testid="my-feedback">
          <h2 className="text-base font-semibold">
            {t('yours')}
          </h2>
          <p className="mt-2 text-lg font-semibold text-gray-900" data-testid="my-feedback-rating">
            <span aria-hidden className="text-amber-500">
              {'★'.repeat(given.rating)}
            </span>{' '}
            {t('ratingValue', { rating: given.rating })}
          </p>
          <p className="mt-1 text-sm break-words whitespace-pre-line text-gray-800">{given.comment || t('noComment')}</p>
          <p className="mt-2 text-xs text-gray-600">{t('locked')}</p>
        </div>
      </Card>
    );
  }

  return (
    <Card>
      <FeedbackForm
        action={action}
        eventId={eventId}
        registrationId={mine.registrationId}
        current={given ? { rating: given.rating, comment: given.comment } : null}
        intro={given ? t('editableUntil', { time: when(given.createdAt + FEEDBACK_EDITABLE_MS) }) : t('ask')}
      />
    </Card>
  );
}
