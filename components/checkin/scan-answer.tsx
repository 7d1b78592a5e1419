import { useFormatter, useTranslations } from 'next-intl';
import { OPENS_AT_FORMAT } from '@/components/tickets/formats';
import { CHECKED_IN_FORMAT } from './formats';
import type { Answer } from './types';

const TONES = {
  idle: 'border-gray-200 bg-white text-gray-700',
  good: 'border-green-600 bg-green-50 text-green-950',
  warn: 'border-amber-500 bg-amber-50 text-amber-950',
  bad: 'border-red-600 bg-red-50 text-red-950',
} as const;

/** The answer to the latest scan, big enough to read at arm's length: green in, amber used, red refused. */
export function ScanAnswer({ answer }: { answer: Answer | null }) {
  const t = useTranslations('checkin');
  const te = useTranslations('errors');
  const format = useFormatter();
  const time = (ms: number | null) => (ms === null ? '' : format.dateTime(new Date(ms), CHECKED_IN_FORMAT));

  let tone: keyof typeof TONES = 'idle';
  let headline = t('answer.idle');
  let name: string | null = null;
  let detail: string | null = null;
  if (answer) {
    switch (answer.kind) {
      case 'checked_in':
        tone = 'good';
        headline = t('answer.checkedIn');
        name = answer.name;
        detail = answer.queued ? t('answer.checkedInOffline') : null;
        break;
      case 'already_checked_in':
      case 'conflict':
        tone = 'warn';
        headline = t(answer.kind === 'conflict' ? 'answer.conflict' : 'answer.alreadyCheckedIn');
        name = answer.name;
        detail = answer.checkedInAt === null ? null : t('answer.checkedInAt', { time: time(answer.checkedInAt) });
        break;
      case 'refused': {
        tone = 'bad';
        headline = t('answer.refused');
        name = answer.name;
        const params = { ...answer.params };
        if (typeof params.opensAt === 'number') params.opensAt = format.dateTime(new Date(params.opensAt), OPENS_AT_FORMAT);
        detail = t.has(`reasons.${answer.code}`) ? t(`reasons.${answer.code}`, params) : t('reasons.invalid_code');
        break;
      }
      case 'error':
        tone = 'bad';
        headline = t('answer.error');
        detail = t.has(`reasons.${answer.code}`) ? t(`reasons.${answer.code}`) : te.has(answer.code) ? te(answer.code) : te('unexpected');
        break;
      case 'undone':
        headline = t('answer.undone');
        name = answer.name;
        break;
    }
  }
  return (
    <div data-testid="checkin-answer" data-outcome={answer?.kind ?? 'idle'} aria-live="polite" className={`rounded-xl border-2 px-4 py-4 ${TONES[tone]}`}>
      <p className={tone === 'idle' ? 'text-base' : 'text-3xl font-bold'}>{headline}</p>
      {name ? <p className="mt-1 text-2xl font-semibold break-all">{name}</p> : null}
      {detail ? <p className="mt-1 text-lg">{detail}</p> : null}
    </div>
  );
}
