import Link from 'next/link';
import { getFormatter, getNow, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { OpsAddLoanerForm, OpsReturnLoanerForm } from '@/components/services/ops-loaner-forms';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { LateBadge, LoanerStatusBadge } from '@/components/services/status-badges';
import { Card } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { DAY } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listHalls } from '@/lib/server/halls';
import { listLoaners } from '@/lib/server/services/loaners';
import { serviceScopeSearch } from '@/lib/validation/service-ops';
import { addLoanerAction, returnLoanerAction } from '../actions';
import { loadServiceScope } from '../scope';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.loaners');
  return { title: t('title') };
}

type Phone = Awaited<ReturnType<typeof listLoaners>>['phones'][number];

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words text-gray-900">{children}</dd>
    </div>
  );
}

/** The province's loaner phones by hall, the loans overdue first, and a form to add a phone. */
export default async function LoanersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services/loaners');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t, format, nowDate] = await Promise.all([getLocale(), getTranslations('opsServices.loaners'), getFormatter(), getNow()]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const now = nowDate.getTime();
  const [inventory, allHalls] = scope.province ? await Promise.all([listLoaners(actor, scope.province, now), listHalls(actor, scope.province)]) : [{ phones: [], overdue: [] }, []];
  // The inventory by hall (in the order of the province's list), and the active halls a new phone may join.
  const halls = allHalls.filter((h) => inventory.phones.some((p) => p.hallId === h.id));
  const hallName = (h: { nameZh: string; nameEn: string | null }) => localized(locale, h.nameZh, h.nameEn);
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium' });
  const phoneName = (p: Phone) => t('phoneName', { model: p.model, imei: p.imei });

  const borrower = (p: Phone) =>
    p.loan ? (
      <>
        <Item label={t('borrower')}>
          <Link href={`/ops/customers/${p.loan.customerId}`} className="font-medium text-brand-700 underline">
            {p.loan.name}
          </Link>{' '}
          <span className="text-gray-600 tabular-nums">{p.loan.mobile}</span>
        </Item>
        <Item label={t('lentAt')}>{date(p.loan.lentAt)}</Item>
        <Item label={t('dueAt')}>
          {date(p.loan.dueAt)}
          {p.loan.overdue ? <span className="ml-2 font-medium text-red-800">{t('overdueDays', { count: Math.max(1, Math.floor((now - p.loan.dueAt) / DAY)) })}</span> : null}
        </Item>
      </>
    ) : null;

  return (
    <OpsServicesFrame tab="loaners" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      <section id="overdue" aria-labelledby="overdue-heading" className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4">
        <h2 id="overdue-heading" className="mb-3 text-lg font-semibold text-red-900">
          {t('overdue', { count: inventory.overdue.length })}
        </h2>
        {inventory.overdue.length === 0 ? (
          <p className="text-sm text-gray-700">{t('noOverdue')}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {inventory.overdue.map((p) => (
              <li key={p.id} className="min-w-0">
                <article aria-label={phoneName(p)} className="flex flex-col gap-2 rounded-md border border-red-200 bg-white p-3">
                  <h3 className="font-semibold break-all">{phoneName(p)}</h3>
                  <dl className="space-y-1 text-sm">
                    <Item label={t('hall')}>{localized(locale, p.hall, p.hallNameEn)}</Item>
                    {borrower(p)}
                  </dl>
                  <OpsReturnLoanerForm loanId={p.loan!.id} phone={phoneName(p)} condition={p.condition} action={returnLoanerAction} />
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="inventory-heading" className="mb-6">
        <h2 id="inventory-heading" className="mb-3 text-lg font-semibold">
          {t('inventory', { count: inventory.phones.length })}
        </h2>
        {halls.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('empty')}</p> : null}
        {halls.map((hall) => (
          <section key={hall.id} aria-label={hallName(hall)} className="mb-4">
            <h3 className="mb-2 font-medium break-words text-gray-900">{hallName(hall)}</h3>
            <ul className="grid gap-3 md:grid-cols-2">
              {inventory.phones
                .filter((p) => p.hallId === hall.id)
                .map((p) => (
                  <li key={p.id} className="min-w-0">
                    <article aria-label={phoneName(p)} className={`flex flex-col gap-2 rounded-lg border bg-white p-3 shadow-sm ${p.loan?.overdue ? 'border-red-300' : 'border-gray-200'}`}>
                      <header className="flex flex-wrap items-start justify-between gap-2">
                        <h4 className="min-w-0 font-semibold">{p.model}</h4>
                        <div className="flex flex-wrap gap-1">
                          <LoanerStatusBadge status={p.status} />
                          {p.loan?.overdue ? <LateBadge label={t('overdueBadge')} /> : null}
                        </div>
                      </header>
                      <dl className="space-y-1 text-sm">
                        <Item label={t('imei')}>
                          <span className="break-all tabular-nums">{p.imei}</span>
                        </Item>
                        <Item label={t('condition')}>{p.condition}</Item>
                        {borrower(p)}
                      </dl>
                      {p.loan && !p.loan.overdue ? <OpsReturnLoanerForm loanId={p.loan.id} phone={phoneName(p)} condition={p.condition} action={returnLoanerAction} /> : null}
                      {p.loan?.overdue ? (
                        <a href="#overdue" className="text-sm text-red-800 underline">
                          {t('seeOverdue')}
                        </a>
                      ) : null}
                    </article>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </section>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t('add')}</h2>
        <OpsAddLoanerForm provinceCode={scope.hq ? (scope.province ?? undefined) : undefined} halls={allHalls.filter((h) => h.active).map((h) => ({ id: h.id, name: hallName(h) }))} action={addLoanerAction} />
      </Card>
    </OpsServicesFrame>
  );
}
