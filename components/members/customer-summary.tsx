import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { localized } from '@/lib/i18n/localized';
import type { CustomerStatus, Segment } from '@/lib/domain/types';
import { YUAN } from '@/lib/domain/money';

export interface CustomerSummaryData {
  mobile: string;
  name: string;
  segment: Segment;
  status: CustomerStatus;
  provinceZh: string;
  provinceEn: string;
  pointsBalance: number;
  prepaidBalanceFen: number;
  webAccess: boolean;
}

/** Identity, segment, province and balances; the prepaid balance only for prepaid customers. */
export async function CustomerSummary({ customer }: { customer: CustomerSummaryData }) {
  const [t, ts, tst, format, locale] = await Promise.all([
    getTranslations('record'),
    getTranslations('segments'),
    getTranslations('customerStatus'),
    getFormatter(),
    getLocale(),
  ]);
  const items: [string, string, string][] = [
    [t('name'), customer.name, 'customer-name'],
    [t('mobile'), customer.mobile, 'customer-mobile'],
    [t('segment'), ts(customer.segment), 'customer-segment'],
    [t('province'), localized(locale, customer.provinceZh, customer.provinceEn), 'customer-province'],
    [t('status'), tst(customer.status), 'customer-status'],
    [t('points'), format.number(customer.pointsBalance), 'customer-points'],
  ];
  if (customer.segment === 'prepaid') {
    items.push([t('prepaid'), format.number(customer.prepaidBalanceFen / 100, YUAN), 'customer-prepaid']);
  }
  items.push([t('webAccess'), customer.webAccess ? t('webAccessOn') : t('webAccessOff'), 'customer-web']);
  return (
    <dl className="grid grid-cols-2 gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-4">
      {items.map(([label, value, id]) => (
        <div key={id}>
          <dt className="text-xs text-gray-600">{label}</dt>
          <dd className="mt-0.5 font-medium text-gray-900" data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
