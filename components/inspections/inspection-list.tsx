import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TypedText } from '@/components/ui/typed-text';
import type { FormState } from '@/lib/form-state';
import { localized } from '@/lib/i18n/localized';
import type { InspectionView } from '@/lib/server/inspections';
import { FollowUpForm } from './follow-up-form';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const KIND_STYLE = { open: 'bg-sky-100 text-sky-900', covert: 'bg-violet-100 text-violet-900', self: 'bg-gray-100 text-gray-800' } as const;

/** A score out of 100 in the colours of the compliance view: 90 and above good, under 60 poor. */
export function scoreClass(score: number): string {
  return score >= 90 ? 'text-green-800' : score >= 60 ? 'text-amber-800' : 'text-red-700';
}

/**
 * A province's inspections, newest first: kind, place, date and score, and for each finding what
 * was wrong and the province's follow-up with its dates; the province's operators follow up here.
 */
export async function InspectionList({ inspections, followUpAction, maxLength }: { inspections: InspectionView[]; followUpAction: Action; maxLength: number }) {
  const [t, format, locale] = await Promise.all([getTranslations('inspections'), getFormatter(), getLocale()]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  if (inspections.length === 0) return <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('list.empty')}</p>;
  return (
    <ul className="space-y-4">
      {inspections.map((i) => {
        const place = i.hallId ? localized(locale, i.hallZh ?? '', i.hallEn) : localized(locale, i.eventZh ?? '', i.eventEn);
        const findings = i.items.filter((item) => item.finding);
        return (
          <li key={i.id}>
            <article aria-label={t('list.cardLabel', { kind: t(`kinds.${i.kind}`), place, score: i.score })} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="inspection">
              <header className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="min-w-0 font-semibold break-words text-gray-900">
                  <span className={`mr-2 rounded px-2 py-0.5 text-xs font-semibold ${KIND_STYLE[i.kind]}`}>{t(`kinds.${i.kind}`)}</span>
                  {place}
                </h2>
                <p className={`text-lg font-semibold tabular-nums ${scoreClass(i.score)}`}>{t('list.score', { score: i.score })}</p>
              </header>
              <p className="mt-1 text-sm text-gray-700">
                <span className="tabular-nums">{when(i.visitedAt)}</span> · {i.inspector ? t('list.by', { name: i.inspector }) : t('list.byHq')}
              </p>
              {i.note ? <TypedText as="p" text={i.note} className="mt-1 text-sm break-words whitespace-pre-line text-gray-800" /> : null}
              {findings.length === 0 ? (
                <p className="mt-2 text-sm text-green-800">{t('list.noFindings')}</p>
              ) : (
                <ul className="mt-3 space-y-3" aria-label={t('list.findings')}>
                  {findings.map((f) => {
                    const name = t(`items.${f.key}.name`);
                    return (
                      <li key={f.id} className="rounded-md bg-gray-50 p-3 text-sm" data-testid="finding">
                        <p className="flex flex-wrap items-baseline justify-between gap-2">
                          <span className="font-medium text-gray-900">
                            {name} · {t(`ratings.${f.rating}`)}
                          </span>
                          <span className={`rounded px-2 py-0.5 text-xs font-semibold ${f.fixedAt ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'}`}>
                            {f.fixedAt ? t('list.fixedAt', { time: when(f.fixedAt) }) : t('list.open')}
                          </span>
                        </p>
                        <TypedText as="p" text={f.finding ?? ''} className="mt-1 break-words whitespace-pre-line text-gray-800" />
                        {f.followUp ? (
                          <div className="mt-2 border-l-2 border-brand-600 pl-2 text-gray-800">
                            <p className="text-xs text-gray-600">{t('list.followedUpAt', { time: when(f.followedUpAt!) })}</p>
                            <TypedText as="p" text={f.followUp} className="break-words whitespace-pre-line" />
                          </div>
                        ) : null}
                        {i.mayFollowUp && !f.fixedAt ? <FollowUpForm itemId={f.id} itemName={name} followUp={f.followUp} maxLength={maxLength} action={followUpAction} /> : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

/** A province's page of the compliance view: its inspections, findings and their follow-up, below its plan. */
export async function ProvinceInspections({ provinceCode, inspections, followUpAction, maxLength }: { provinceCode: string; inspections: InspectionView[]; followUpAction: Action; maxLength: number }) {
  const t = await getTranslations('inspections.compliance');
  return (
    <section aria-labelledby="province-inspections" className="mt-8">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="province-inspections" className="text-lg font-semibold text-gray-900">
          {t('provinceHeading')}
        </h2>
        <Link href={`/stats/inspections?province=${provinceCode}`} className="text-sm text-brand-700 underline">
          {t('allInspections')}
        </Link>
      </div>
      <InspectionList inspections={inspections} followUpAction={followUpAction} maxLength={maxLength} />
    </section>
  );
}
