import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ReconciliationTable } from '@/components/billing/reconciliation-table';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { ALL_PROVINCES, CYCLE_ID_PATTERN } from '@/lib/domain/billing';
import { localized } from '@/lib/i18n/localized';
import { getBillingReconciliation } from '@/lib/server/billing';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ cycle?: string | string[] }> }) {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin/billing');
  const { cycle: asked } = await searchParams;
  // A cycle that is not a month is refused, not replaced by another one.
  if (asked !== undefined && (typeof asked !== 'string' || !CYCLE_ID_PATTERN.test(asked))) notFound();
  const [page, provinces, t, format, locale] = await Promise.all([getBillingReconciliation(actor, asked), listProvinces(), getTranslations('billing'), getFormatter(), getLocale()]);
  const provinceName: Record<string, string> = { [ALL_PROVINCES]: t('all'), ...Object.fromEntries(provinces.map((p) => [p.code, localized(locale, p.nameZh, p.nameEn)])) };
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const { cycle } = page;
  return (
    <>
      <PageHeader title={t('title')} description={t('intro', { day: page.startDay })} />
      <nav aria-label={t('cycles')} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {page.cycles.map((c) => (
            <li key={c.id}>
              <Link
                href={`/admin/billing?cycle=${c.id}`}
                aria-current={c.id === cycle.id ? 'page' : undefined}
                className={`inline-block rounded-md border px-3 py-1.5 text-sm ${c.id === cycle.id ? 'border-brand-700 bg-brand-700 text-white' : 'border-gray-300 bg-white text-gray-800'}`}
              >
                {c.closed ? c.id : t('openCycle', { cycle: c.id })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-lg font-semibold">{t('cycleTitle', { cycle: cycle.id })}</h2>
      <p className="mb-3 text-sm text-gray-700">
        {t('cycleRange', { start: when(cycle.start), end: when(cycle.end) })} {cycle.closed ? t('closedNote') : t('openNote')}
      </p>
      <ReconciliationTable cycle={cycle.id} closed={cycle.closed} rows={page.rows} provinceName={provinceName} />
      <p className="mt-4 text-sm text-gray-600">
        {t.rich('formatHint', {
          link: (chunks) => (
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              {chunks}
            </a>
          ),
        })}
      </p>
    </>
  );
}
