import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SmsDelivery } from '@/components/admin/sms-delivery';
import { EscalatedComplaints } from '@/components/complaints/escalated-complaints';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { AUDIT_RECENT_DAYS, getAdminOverview } from '@/lib/server/admin-overview';
import { getEscalatedComplaints } from '@/lib/server/complaint-escalations';
import { requirePageActor } from '@/lib/server/guard';

export default async function AdminOverviewPage() {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin');
  const [overview, escalated, t, format, locale] = await Promise.all([getAdminOverview(actor), getEscalatedComplaints(actor), getTranslations('adminOverview'), getFormatter(), getLocale()]);
  const places = [
    { href: '/admin/staff', title: t('staff.title'), counts: t('staff.counts', overview.staff), about: t('staff.about') },
    { href: '/admin/tokens', title: t('tokens.title'), counts: t('tokens.counts', overview.tokens), about: t('tokens.about') },
    {
      href: '/admin/audit',
      title: t('audit.title'),
      counts: t('audit.counts', { count: overview.audit.recent, days: AUDIT_RECENT_DAYS }),
      about: overview.audit.lastAt === null ? t('audit.none') : t('audit.last', { time: format.dateTime(new Date(overview.audit.lastAt), { dateStyle: 'medium', timeStyle: 'short' }) }),
    },
    {
      href: '/admin/settings',
      title: t('settings.title'),
      counts: overview.clubs.map((c) => t('settings.minimum', { club: localized(locale, c.nameZh, c.nameEn), count: c.minEventsPerYear })).join(' · '),
      about: t('settings.about'),
    },
  ];
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {places.map((p) => (
          <li key={p.href} data-testid="admin-place" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link href={p.href} className="text-brand-700 underline">
                {p.title}
              </Link>
            </h2>
            <p className="mt-1 font-medium text-gray-900 tabular-nums">{p.counts}</p>
            <p className="mt-1 text-sm text-gray-600">{p.about}</p>
          </li>
        ))}
      </ul>
      <SmsDelivery sms={overview.sms} days={AUDIT_RECENT_DAYS} />
      <div className="mt-6">
        <EscalatedComplaints rows={escalated} linkToQueue />
      </div>
    </>
  );
}
