import { getFormatter, getTranslations } from 'next-intl/server';
import { TypedText } from '@/components/ui/typed-text';
import { CLOSED_UNCONFIRMED } from '@/lib/domain/complaint-rules';
import type { ComplaintStep } from '@/lib/domain/types';

export interface ComplaintHistoryStep {
  id: number;
  step: ComplaintStep;
  by: string | null;
  to: string | null;
  note: string | null;
  rating: number | null;
  at: number;
}

/** A complaint's history (首问服务制: who took it, to whom it went and why, each answer and the customer's word), oldest first. */
export async function ComplaintHistory({ steps }: { steps: ComplaintHistoryStep[] }) {
  const [t, format] = await Promise.all([getTranslations('complaintHandling'), getFormatter()]);
  if (steps.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700">{t('history', { count: steps.length })}</summary>
      <ol className="mt-2 space-y-1 border-l-2 border-gray-200 pl-3" data-testid="complaint-history">
        {steps.map((s) => (
          <li key={s.id} className="break-words text-gray-800">
            <span className="text-xs text-gray-600 tabular-nums">{format.dateTime(new Date(s.at), { dateStyle: 'short', timeStyle: 'short' })}</span>{' '}
            {t(`steps.${s.step}`, { by: s.by ?? 'none', to: s.to ?? '', rating: s.rating ?? 0, unconfirmed: s.note === CLOSED_UNCONFIRMED ? 'yes' : 'no' })}
            {s.note && s.note !== CLOSED_UNCONFIRMED ? <TypedText as="span" text={s.note} className="block text-gray-700" /> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
