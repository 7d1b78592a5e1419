import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { LateBadge, TrialStatusBadge } from '@/components/services/status-badges';
import { OpsTrialStepButtons, type ActionableTrialStatus } from '@/components/services/ops-trial-forms';
import { Stat } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { orPageError } from '@/lib/server/page-errors';
import { listTrialApplications } from '@/lib/server/services/trials';
import { serviceScopeSearch } from '@/lib/validation/service-ops';
import { trialStepAction } from '../../actions';
import { loadServiceScope, servicesHref } from '../../scope';
import { takesUnit } from '@/lib/domain/service-rules';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.trials');
  return { title: t('title') };
}

const actionable = (status: string): status is ActionableTrialStatus => status === 'applied' || status === 'selected' || status === 'handed_over';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 text-gray-900">{children}</dd>
    </div>
  );
}

/** One trial programme's applicants, VIPs first and then by time, with the operator's steps and late units flagged. */
export default async function TrialProgrammePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/services/trials/${id}`);
  const programmeId = Number(id);
  if (!Number.isSafeInteger(programmeId) || programmeId <= 0) notFound();
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t, ts, format, nowDate] = await Promise.all([getLocale(), getTranslations('opsServices.trials'), getTranslations('segments'), getFormatter(), getNow()]);
  const [scope, { programme, applications }] = await Promise.all([loadServiceScope(actor, search.province, locale), orPageError(listTrialApplications(actor, programmeId, nowDate.getTime()))]);
  const when = (ms: number | null) => (ms === null ? '—' : format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' }));
  const title = localized(locale, programme.titleZh, programme.titleEn);
  const taken = applications.filter((a) => takesUnit(a.status)).length;
  const late = applications.filter((a) => a.late).length;

  return (
    <OpsServicesFrame
      tab="trials"
      title={title}
      description={t('windows', { vip: when(programme.vipOpensAt), opens: when(programme.opensAt), closes: when(programme.closesAt), days: programme.loanDays })}
      hq={scope.hq}
      province={scope.province}
      provinceName={scope.provinceName}
      provinces={scope.provinces}
      needsProvince={false}
    >
      <p className="mb-4">
        <Link href={servicesHref(scope, '/ops/services/trials')} className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </p>
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label={t('unitsTaken')} value={<span className="tabular-nums">{t('takenOf', { taken, units: programme.units })}</span>} />
        <Stat label={t('applicants')} value={<span className="tabular-nums">{applications.length}</span>} />
        <Stat label={t('lateUnits')} value={<span className={`tabular-nums ${late > 0 ? 'text-red-800' : ''}`}>{late}</span>} />
      </dl>
      <h2 className="mb-3 text-lg font-semibold">{t('applicantList')}</h2>
      {applications.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('noApplicants')}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {applications.map((a) => (
            <li key={a.id} className="min-w-0">
              <article aria-labelledby={`application-${a.id}`} className={`flex flex-col gap-3 rounded-lg border bg-white p-4 shadow-sm ${a.late ? 'border-red-300' : 'border-gray-200'}`}>
                <header className="flex flex-wrap items-start justify-between gap-2">
                  <h3 id={`application-${a.id}`} className="min-w-0 text-base font-semibold">
                    <Link href={`/ops/customers/${a.customerId}`} className="text-brand-700 underline">
                      {a.name}
                    </Link>{' '}
                    <span className="font-normal text-gray-600 tabular-nums">{a.mobile}</span>
                  </h3>
                  <div className="flex flex-wrap gap-1">
                    {a.vip ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900">{t('vip')}</span> : null}
                    <TrialStatusBadge status={a.status} />
                    {a.late ? <LateBadge label={t(a.status === 'returned' ? 'returnedLate' : 'overdue')} /> : null}
                  </div>
                </header>
                <dl className="space-y-1 text-sm">
                  <Item label={t('segment')}>{ts(a.segment)}</Item>
                  <Item label={t('appliedAt')}>{when(a.appliedAt)}</Item>
                  {a.handedOverAt !== null ? <Item label={t('handedOverAt')}>{when(a.handedOverAt)}</Item> : null}
                  {a.dueAt !== null ? <Item label={t('dueAt')}>{when(a.dueAt)}</Item> : null}
                  {a.returnedAt !== null ? <Item label={t('returnedAt')}>{when(a.returnedAt)}</Item> : null}
                </dl>
                {actionable(a.status) ? <OpsTrialStepButtons applicationId={a.id} status={a.status} name={a.name} action={trialStepAction} /> : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </OpsServicesFrame>
  );
}
