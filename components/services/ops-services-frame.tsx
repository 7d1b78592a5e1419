import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/page';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';

export const SERVICE_TABS = {
  queue: '/ops/services',
  slots: '/ops/services/slots',
  catalogue: '/ops/services/catalogue',
  trials: '/ops/services/trials',
  loaners: '/ops/services/loaners',
  halls: '/ops/services/halls',
} as const;

export type ServiceTab = keyof typeof SERVICE_TABS;

/**
 * The services area of one province: its sub-navigation, and for HQ a province picker. HQ sees
 * nothing of a province until it picks one, so it never works on a province it did not choose.
 */
export async function OpsServicesFrame({
  tab,
  title,
  description,
  hq,
  province,
  provinceName,
  provinces,
  needsProvince = true,
  children,
}: {
  tab: ServiceTab;
  title: string;
  description?: ReactNode;
  hq: boolean;
  province: string | null;
  provinceName: string;
  provinces: { code: string; name: string }[];
  /** false: the page names its own province (one record), so HQ need not pick one first. */
  needsProvince?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations('opsServices');
  const href = (path: string) => (hq && province ? `${path}?province=${province}` : path);
  const tabClass = (active: boolean) =>
    `block rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-600' : 'text-gray-700 hover:bg-gray-100'}`;
  return (
    <>
      <PageHeader title={title} description={description ?? (province ? t('scope', { province: provinceName }) : undefined)} />
      <nav aria-label={t('tabs.label')} className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {(Object.keys(SERVICE_TABS) as ServiceTab[]).map((key) => (
            <li key={key}>
              <Link href={href(SERVICE_TABS[key])} className={tabClass(key === tab)} aria-current={key === tab ? 'page' : undefined}>
                {t(`tabs.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {hq ? <HqProvincePicker path={SERVICE_TABS[tab]} provinces={provinces} province={province} /> : null}
      {province || !needsProvince ? (
        children
      ) : (
        <p role="status" className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-700">
          {t('chooseProvince')}
        </p>
      )}
    </>
  );
}
