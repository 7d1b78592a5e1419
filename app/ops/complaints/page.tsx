import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ComplaintReplyForm } from '@/components/complaints/complaint-form';
import { PageHeader } from '@/components/ui/page';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { AREA_ROLES } from '@/lib/domain/access';
import { COMPLAINT_MAX_LENGTH } from '@/lib/domain/complaint-rules';
import { complaintTopicName } from '@/lib/i18n/localized';
import { listComplaints } from '@/lib/server/complaints';
import { requirePageActor } from '@/lib/server/guard';
import { complaintQueueSearch } from '@/lib/validation/complaints';
import { loadProvinceScope, servicesHref } from '../services/scope';
import { resolveComplaintAction } from './actions';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('opsComplaints');
  return { title: t('title') };
}

/** The province's complaints: the open ones VIPs first, then the oldest, each answered here; or the latest answered. */
export default async function ComplaintQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/complaints');
  const search = complaintQueueSearch.parse(await searchParams);
  const [locale, t, tSegments, tChannels, tComplaints, format] = await Promise.all([
    getLocale(),
    getTranslations('opsComplaints'),
    getTranslations('segments'),
    getTranslations('channels'),
    getTranslations('complaints'),
    getFormatter(),
  ]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const list = scope.province ? await listComplaints(actor, { provinceCode: scope.province, status: search.status }) : [];
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const tab = (status: 'open' | 'resolved') => (
    <Link
      href={servicesHref(scope, '/ops/complaints', { status })}
      aria-current={search.status === status ? 'page' : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium ${search.status === status ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-600' : 'text-gray-700 hover:bg-gray-100'}`}
    >
      {t(`tabs.${status}`)}
    </Link>
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {scope.hq ? <HqProvincePicker path="/ops/complaints" provinces={scope.provinces} province={scope.province} /> : null}
      <nav aria-label={t('tabs.label')} className="mb-4 flex flex-wrap gap-2">
        {tab('open')}
        {tab('resolved')}
      </nav>
      {list.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t(scope.province ? `empty.${search.status}` : 'chooseProvinceFirst')}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {list.map((c) => (
          <li key={c.id} className="min-w-0">
            <article aria-label={t('cardLabel', { name: c.name, topic: complaintTopicName(locale, c.topic) })} className="flex h-full flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="complaint">
              <header className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold text-gray-900">
                  {c.masked ? (
                    c.name
                  ) : (
                    <Link href={`/ops/customers/${c.customerId}`} className="text-brand-700 underline">
                      {c.name}
                    </Link>
                  )}{' '}
                  <span className="text-sm font-normal text-gray-600 tabular-nums">{c.mobile}</span>
                </h2>
                {c.segment === 'postpaid_vip' ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t('vipFirst')}</span> : <span className="text-xs text-gray-600">{tSegments(c.segment)}</span>}
              </header>
              <p className="text-sm text-gray-700">
                {complaintTopicName(locale, c.topic)} · <span className="tabular-nums">{when(c.createdAt)}</span> · {tComplaints('via', { channel: tChannels(c.channel) })}
              </p>
              <TypedText as="p" text={c.body} className="text-sm break-words whitespace-pre-line text-gray-900" />
              {c.status === 'open' ? (
                <ComplaintReplyForm complaintId={c.id} maxLength={COMPLAINT_MAX_LENGTH} action={resolveComplaintAction} />
              ) : (
                <div className="rounded-md bg-gray-50 p-3 text-sm">
                  <p className="text-xs text-gray-600">{t('answeredAt', { time: when(c.resolvedAt!) })}</p>
                  <TypedText as="p" text={c.reply ?? ''} className="mt-1 break-words whitespace-pre-line" />
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
