import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/domain/access';
import { shanghaiInstant } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { getCallbackTimeliness } from '@/lib/server/callback-stats';
import { listProvinces } from '@/lib/server/provinces';

const percent = (share: number | null) => (share === null ? '—' : `${share}%`);

/**
 * VIPs called on time (10010 定期回访) in a year, per province and month of the due day: the share of
 * settled periodic callbacks whose final outcome came by the due day plus the retries allowed. Shown
 * on the statistics page and beside the event counts in HQ's compliance view.
 */
export async function CallbackTimelinessPanel({ actor, year, province }: { actor: Actor; year: number; province?: string }) {
  const [data, provinces, t, format, locale] = await Promise.all([getCallbackTimeliness(actor, { year, province }), listProvinces(), getTranslations('callbackStats'), getFormatter(), getLocale()]);
  const nameOf = (code: string) => {
    const p = provinces.find((x) => x.code === code);
    return p ? localized(locale, p.nameZh, p.nameEn) : code;
  };
  const monthName = (month: string) => format.dateTime(new Date(shanghaiInstant(year, Number(month.slice(5)), 15)), { month: 'short' });
  return (
    <section aria-labelledby="callback-timeliness" className="mt-8" data-testid="callback-timeliness">
      <h2 id="callback-timeliness" className="text-lg font-semibold text-gray-900">
        {t('title', { year })}
      </h2>
      <p className="mt-1 mb-3 text-sm text-gray-600">{t('rule')}</p>
      {data.rows.length === 0 ? (
        <p className="text-sm text-gray-600">{t('empty')}</p>
      ) : (
        // Twelve months scroll sideways on a phone: the region takes the focus so that a keyboard can scroll it too.
        <div role="region" aria-label={t('caption', { year })} tabIndex={0} className="overflow-x-auto rounded-lg border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-500">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t('caption', { year })}</caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  {t('province')}
                </th>
                <th scope="col" className="px-3 py-2 text-center font-medium whitespace-nowrap">
                  {t('year')}
                </th>
                {data.months.map((m) => (
                  <th key={m} scope="col" className="px-2 py-2 text-center font-medium whitespace-nowrap">
                    {monthName(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {data.rows.map((r) => (
                <tr key={r.provinceCode} data-testid={`callback-timeliness-${r.provinceCode}`}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
                    {nameOf(r.provinceCode)}
                  </th>
                  <td className="px-3 py-1.5 text-center font-medium tabular-nums" title={t('cellTitle', { onTime: r.onTime, settled: r.settled, pending: r.pending })}>
                    {percent(r.share)}
                  </td>
                  {r.cells.map((c) => (
                    <td key={c.month} className="px-2 py-1.5 text-center tabular-nums" title={t('cellTitle', { onTime: c.onTime, settled: c.settled, pending: c.pending })}>
                      {percent(c.share)}
                      {c.settled > 0 ? <span className="block text-xs text-gray-500">{`${c.onTime}/${c.settled}`}</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
