import { getFormatter, getTranslations } from 'next-intl/server';
import type { LatestScore } from '@/lib/server/inspections';
import { scoreClass } from './inspection-list';

export type ProvinceScores = { hq: LatestScore | null; self: LatestScore | null } | undefined;

/** The compliance matrix's column of inspection scores: its header. */
export async function InspectionScoresHead() {
  const t = await getTranslations('inspections.compliance');
  return (
    <th scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
      {t('column')}
      <div className="text-xs font-normal text-gray-500">
        {t('hq')} / {t('self')}
      </div>
    </th>
  );
}

/** A province's latest scores beside its event counts: HQ's latest visit and its latest self-inspection, with their dates. */
export async function InspectionScoresCell({ scores, provinceCode }: { scores: ProvinceScores; provinceCode: string }) {
  const [t, format] = await Promise.all([getTranslations('inspections.compliance'), getFormatter()]);
  const day = (ms: number) => format.dateTime(new Date(ms), { month: 'numeric', day: 'numeric' });
  const part = (s: LatestScore | null, label: string) =>
    s ? (
      <span className="block whitespace-nowrap">
        <span className="text-gray-600">{label}</span> <span className={`font-semibold tabular-nums ${scoreClass(s.score)}`}>{s.score}</span> <span className="text-gray-600 tabular-nums">{day(s.visitedAt)}</span>
      </span>
    ) : (
      <span className="block whitespace-nowrap text-gray-600">
        {label} <span aria-label={t('none')}>–</span>
      </span>
    );
  return (
    <td className="px-3 py-1.5 text-center text-xs" data-testid={`inspection-scores-${provinceCode}`}>
      {part(scores?.hq ?? null, t('hq'))}
      {part(scores?.self ?? null, t('self'))}
    </td>
  );
}
