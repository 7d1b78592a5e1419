import Link from 'next/link';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { COMPLIANCE_COLORS } from '@/components/events/compliance-badge';
import { CallbackTimelinessPanel } from '@/components/callbacks/callback-timeliness-panel';
import { YearNav } from '@/components/compliance/year-nav';
import { EscalatedComplaints } from '@/components/complaints/escalated-complaints';
import { FilterRefusalAlert } from '@/components/filters/filter-refusal';
import { InspectionScoresCell, InspectionScoresHead } from '@/components/inspections/inspection-scores';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { sortMatrixRows, type MatrixSort } from '@/lib/domain/matrix-sort';
import { shanghaiYear } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { getEscalatedComplaints } from '@/lib/server/complaint-escalations';
import { getComplianceMatrix } from '@/lib/server/compliance';
import { requirePageActor } from '@/lib/server/guard';
import { latestInspectionScores } from '@/lib/server/inspections';
import { readFilters } from '@/lib/server/query-filters';
import { complianceParams } from '@/lib/validation/compliance';

export async function generateMetadata() {
  const t = await getTranslations('matrix');
  return { title: t('title') };
}

export default async function CompliancePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.statistics, '/stats/compliance');
  const read = await readFilters(complianceParams, await searchParams);
  if (read.refusal) {
    const [t, tf] = await Promise.all([getTranslations('matrix'), getTranslations('queryFilters')]);
    return (
      <>
        <PageHeader title={t('title')} description={t('intro')} />
        <FilterRefusalAlert refusal={read.refusal} />
        <Link href="/stats/compliance" className="mt-3 inline-block text-sm text-brand-700 underline">
          {tf('thisYear')}
        </Link>
      </>
    );
  }
  const { sort } = read.filters;
  const year = read.filters.year ?? shanghaiYear((await getNow()).getTime());
  const [matrix, escalated, t, ts, locale, inspectionScores] = await Promise.all([getComplianceMatrix(actor, year), getEscalatedComplaints(actor), getTranslations('matrix'), getTranslations('compliance.status'), getLocale(), latestInspectionScores(actor)]);
  const rows = sortMatrixRows(matrix.rows, sort);
  const sortLink = (key: MatrixSort, label: string) => (
    <Link href={`/stats/compliance?year=${year}&sort=${key}`} aria-current={sort === key ? 'true' : undefined} className={`underline-offset-2 hover:underline ${sort === key ? 'font-semibold text-brand-700' : ''}`}>
      {label}
      {sort === key ? <span aria-hidden> ↓</span> : null}
    </Link>
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} actions={<YearNav path="/stats/compliance" year={year} extra={{ sort }} />} />
      <div className="mb-3 flex flex-wrap gap-2 text-xs" aria-label={t('legend')}>
        {(['met', 'on_track', 'at_risk', 'missed'] as const).map((s) => (
          <span key={s} className={`rounded border px-2 py-0.5 ${COMPLIANCE_COLORS[s]}`}>
            {ts(s)}
          </span>
        ))}
      </div>
      <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
        <table className="min-w-full text-sm" data-testid="compliance-matrix">
          <caption className="sr-only">{t('caption', { year })}</caption>
          <thead className="bg-gray-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {sortLink('province', t('province'))}
              </th>
              {matrix.clubs.map((c) => (
                <th key={c.code} scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                  {sortLink(c.code, localized(locale, c.nameZh, c.nameEn))}
                  <div className="text-xs font-normal text-gray-500">{t('required', { n: c.minEventsPerYear })}</div>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                {sortLink('held', t('held'))}
              </th>
              <th scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                {sortLink('met', t('met'))}
              </th>
              <th scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                {sortLink('risk', t('risk'))}
              </th>
              <InspectionScoresHead />
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((r) => {
              const name = localized(locale, r.province.nameZh, r.province.nameEn);
              return (
                <tr key={r.province.code} data-testid={`matrix-row-${r.province.code}`}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
                    {name}
                  </th>
                  {matrix.clubs.map((c) => {
                    const cell = r.cells[c.code];
                    return (
                      <td key={c.code} className="px-1 py-1 text-center">
                        <Link
                          href={`/stats/compliance/${r.province.code}?year=${year}&club=${c.code}`}
                          className={`block rounded border px-2 py-1 tabular-nums ${COMPLIANCE_COLORS[cell.status]}`}
                          aria-label={t('cellLabel', { province: name, club: localized(locale, c.nameZh, c.nameEn), held: cell.held, required: cell.required, status: ts(cell.status) })}
                          data-status={cell.status}
                        >
                          {cell.held}/{cell.required}
                        </Link>
                      </td>
                    );
                  })}
                  <td className="px-3 py-1.5 text-center tabular-nums">
                    {r.held}/{r.required}
                  </td>
                  <td className="px-3 py-1.5 text-center tabular-nums">{r.met}</td>
                  <td className="px-3 py-1.5 text-center tabular-nums">{r.atRisk}</td>
                  <InspectionScoresCell scores={inspectionScores.get(r.province.code)} provinceCode={r.province.code} />
                </tr>
              );
            })}
          </tbody>
          <tfoot className="bg-gray-50 font-medium">
            <tr>
              <th scope="row" className="px-3 py-2 text-left">
                {t('total')}
              </th>
              {matrix.clubs.map((c) => {
                const total = matrix.clubTotals[c.code];
                return (
                  <td key={c.code} className="px-3 py-2 text-center text-xs tabular-nums" data-testid={`matrix-total-${c.code}`}>
                    {total.held}/{total.required}
                    <div className="font-normal text-gray-600">{t('provincesMet', { n: total.met, of: rows.length })}</div>
                  </td>
                );
              })}
              <td className="px-3 py-2 text-center tabular-nums">
                {rows.reduce((s, r) => s + r.held, 0)}/{rows.reduce((s, r) => s + r.required, 0)}
              </td>
              <td className="px-3 py-2 text-center tabular-nums">{rows.reduce((s, r) => s + r.met, 0)}</td>
              <td className="px-3 py-2 text-center tabular-nums">{rows.reduce((s, r) => s + r.atRisk, 0)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="mt-6">
        <EscalatedComplaints rows={escalated} linkToQueue={false} />
      </div>
      <CallbackTimelinessPanel actor={actor} year={year} />
    </>
  );
}
