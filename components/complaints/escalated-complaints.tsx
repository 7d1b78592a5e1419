import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localized } from '@/lib/i18n/localized';

/**
 * The escalated complaints (unanswered past their deadline) per province, for HQ: the admins'
 * overview links each province to its queue; the compliance view shows the counts.
 */
export async function EscalatedComplaints({ rows, linkToQueue }: { rows: { provinceCode: string; nameZh: string; nameEn: string; escalated: number; hoursLate: number }[]; linkToQueue: boolean }) {
  const [t, locale] = await Promise.all([getTranslations('complaintEscalations'), getLocale()]);
  return (
    <section aria-labelledby="escalated-complaints" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="escalated-complaints">
      <h2 id="escalated-complaints" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-gray-600">{t('about')}</p>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-700">{t('none')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-100 text-sm">
          {rows.map((r) => {
            const name = localized(locale, r.nameZh, r.nameEn);
            return (
              <li key={r.provinceCode} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5" data-testid={`escalated-${r.provinceCode}`}>
                {linkToQueue ? (
                  <Link href={`/ops/complaints?province=${r.provinceCode}`} className="font-medium text-brand-700 underline">
                    {name}
                  </Link>
                ) : (
                  <span className="font-medium">{name}</span>
                )}
                <span className="text-red-800 tabular-nums">{t('count', { count: r.escalated, hours: r.hoursLate })}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
