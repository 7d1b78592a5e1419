import Link from 'next/link';
import type { ReactNode } from 'react';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/page';
import { yuanText } from '@/lib/domain/money';
import { shanghaiInstant } from '@/lib/domain/time';
import type { FoundHandset } from '@/lib/server/warranty';
import { localized } from '@/lib/i18n/localized';

/** A calendar day "YYYY-MM-DD" as noon in Beijing, so that formatting it in Asia/Shanghai shows that day. */
const dayInstant = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(shanghaiInstant(y, m, d, 12));
};

/** What the counter needs to know of a handset: model, IMEI, who sold it and when, the warranty, the buyer (masked outside the selling province). */
export async function HandsetCard({ handset, underWarranty }: { handset: FoundHandset; underWarranty: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations('warranty'), getFormatter(), getLocale()]);
  const day = (d: string) => format.dateTime(dayInstant(d), { dateStyle: 'medium' });
  const rows: [string, ReactNode][] = [
    [t('imei'), <span key="imei" className="font-mono tabular-nums">{handset.imei}</span>],
    [t('soldBy'), `${localized(locale, handset.province.nameZh, handset.province.nameEn)} · ${localized(locale, handset.hall.nameZh, handset.hall.nameEn)}`],
    [t('purchasedOn'), day(handset.purchasedOn)],
    [
      t('warrantyEndsOn'),
      <span key="ends">
        {day(handset.warrantyEndsOn)}{' '}
        <span className={`ml-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${underWarranty ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'}`}>
          {t(underWarranty ? 'underWarranty' : 'outOfWarranty')}
        </span>
      </span>,
    ],
    [
      t('buyer'),
      handset.customer ? (
        handset.customer.linked ? (
          <Link key="buyer" href={`/ops/customers/${handset.customer.id}`} className="text-brand-700 underline">
            {handset.customer.name} · {handset.customer.mobile}
          </Link>
        ) : (
          <span key="buyer">
            {handset.customer.name} · {handset.customer.mobile} <span className="text-xs text-gray-600">({t('maskedOtherProvince')})</span>
          </span>
        )
      ) : (
        t('noBuyer')
      ),
    ],
  ];
  return (
    <Card>
      <h2 className="text-lg font-semibold break-words text-gray-900">{handset.model}</h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-gray-600">{label}</dt>
            <dd className="mb-1 break-words text-gray-900 sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** A handset's repairs, newest first, wherever they were served. */
export async function RepairList({ repairs }: { repairs: FoundHandset['repairs'] }) {
  const [t, format, locale] = await Promise.all([getTranslations('warranty'), getFormatter(), getLocale()]);
  if (repairs.length === 0) return <p className="text-sm text-gray-600">{t('noRepairs')}</p>;
  return (
    <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" aria-label={t('repairsTitle')}>
      {repairs.map((r) => (
        <li key={r.id} className="px-3 py-2 text-sm" data-testid="warranty-repair">
          <p className="flex flex-wrap items-baseline gap-x-2 text-gray-900">
            <time dateTime={new Date(r.servedAt).toISOString()} className="text-xs text-gray-600 tabular-nums">
              {format.dateTime(new Date(r.servedAt), { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
            <span className="font-medium">{localized(locale, r.hallZh, r.hallEn)}</span>
            <span className="text-xs text-gray-600">{t('byStaff', { name: r.staffName })}</span>
          </p>
          <p className="mt-1 break-words text-gray-800">
            {t('faultWork', { fault: r.fault, work: r.work })}
            {r.parts ? ` ${t('partsUsed', { parts: r.parts })}` : ''}
          </p>
          <p className="text-xs text-gray-700">{r.inWarranty ? t('repairInWarranty') : t('repairPaid', { fee: yuanText(r.feeFen, locale) })}</p>
        </li>
      ))}
    </ol>
  );
}
