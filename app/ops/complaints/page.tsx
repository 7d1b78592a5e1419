import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ComplaintHistory } from '@/components/complaints/complaint-history';
import { ComplaintReplyForm } from '@/components/complaints/complaint-form';
import { ComplaintButtonForm, ComplaintTransferForm } from '@/components/complaints/complaint-moves';
import { PageHeader } from '@/components/ui/page';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_QUEUE_TABS, hoursLate, type ComplaintQueueTab } from '@/lib/domain/complaint-rules';
import { complaintTopicName } from '@/lib/i18n/localized';
import { listComplaintHandlers, listComplaints, listComplaintSteps } from '@/lib/server/complaints';
import { requirePageActor } from '@/lib/server/guard';
import { complaintQueueSearch } from '@/lib/validation/complaints';
import { loadProvinceScope, servicesHref } from '../services/scope';
import { resolveComplaintAction, takeComplaintAction, transferComplaintAction } from './actions';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('opsComplaints');
  return { title: t('title') };
}

/** The queue's tab of the province, who its complaints may be handed to, their histories, and when they were read. */
async function loadQueue(actor: Actor, province: string | undefined | null, status: ComplaintQueueTab) {
  if (!province) return { list: [], handlers: [], steps: [], now: Date.now() };
  const [list, handlers] = await Promise.all([listComplaints(actor, { provinceCode: province, status }), listComplaintHandlers(actor, province)]);
  const steps = await listComplaintSteps(
    actor,
    list.map((c) => c.id),
  );
  return { list, handlers, steps, now: Date.now() };
}

/**
 * The province's complaints and suggestions: the unanswered ones escalated first, then VIPs, then
 * the oldest, each taken, transferred or answered here by its owner (首问服务制); or the latest
 * answered (waiting for the customer) and closed, each with its history.
 */
export default async function ComplaintQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/complaints');
  const search = complaintQueueSearch.parse(await searchParams);
  const [locale, t, th, tSegments, tChannels, tComplaints, format] = await Promise.all([
    getLocale(),
    getTranslations('opsComplaints'),
    getTranslations('complaintHandling'),
    getTranslations('segments'),
    getTranslations('channels'),
    getTranslations('complaints'),
    getFormatter(),
  ]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const { list, handlers, steps, now } = await loadQueue(actor, scope.province, search.status);
  const me = actor.kind === 'staff' ? actor.staffId : null;
  const admin = actor.kind === 'staff' && actor.role === 'admin';
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const tab = (status: ComplaintQueueTab) => (
    <Link
      key={status}
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
        {COMPLAINT_QUEUE_TABS.map(tab)}
      </nav>
      {list.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t(scope.province ? `empty.${search.status}` : 'chooseProvinceFirst')}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {list.map((c) => {
          const late = hoursLate(c, now);
          const mine = c.ownerStaffId === me;
          const others = handlers.filter((h) => h.id !== c.ownerStaffId);
          return (
            <li key={c.id} className="min-w-0">
              <article
                aria-label={t('cardLabel', { name: c.name, topic: complaintTopicName(locale, c.topic) })}
                className={`flex h-full flex-col gap-2 rounded-lg border bg-white p-4 shadow-sm ${c.escalatedAt && late !== null ? 'border-red-300' : 'border-gray-200'}`}
                data-testid="complaint"
              >
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
                  <span className="flex flex-wrap gap-1">
                    {c.kind === 'suggestion' ? <span className="rounded bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900">{tComplaints('kinds.suggestion')}</span> : null}
                    {c.escalatedAt && late !== null ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">{th('escalated', { hours: late })}</span> : null}
                    {c.reopenCount > 0 && c.status === 'in_progress' ? <span className="rounded bg-orange-100 px-2 py-0.5 text-xs font-semibold text-orange-900">{th('reopened')}</span> : null}
                    {c.segment === 'postpaid_vip' ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t('vipFirst')}</span> : <span className="text-xs text-gray-600">{tSegments(c.segment)}</span>}
                  </span>
                </header>
                <p className="text-sm text-gray-700">
                  {complaintTopicName(locale, c.topic)} · <span className="tabular-nums">{when(c.createdAt)}</span> · {tComplaints('via', { channel: tChannels(c.channel) })}
                </p>
                <p className="text-sm text-gray-700">
                  {c.ownerName ? th('owner', { name: c.ownerName }) : th('noOwner')}
                  {c.deadlineAt !== null && (c.status === 'open' || c.status === 'in_progress') ? <span className="tabular-nums"> · {th('due', { time: when(c.deadlineAt) })}</span> : null}
                </p>
                <TypedText as="p" text={c.body} className="text-sm break-words whitespace-pre-line text-gray-900" />
                {c.status === 'open' ? <ComplaintButtonForm complaintId={c.id} action={takeComplaintAction} label={th('take')} formLabel={th('takeLabel')} /> : null}
                {c.status === 'open' || (c.status === 'in_progress' && (mine || admin)) ? (
                  <ComplaintReplyForm complaintId={c.id} maxLength={COMPLAINT_MAX_LENGTH} action={resolveComplaintAction} suggestion={c.kind === 'suggestion'} />
                ) : null}
                {c.status === 'in_progress' && (mine || admin) && others.length > 0 ? <ComplaintTransferForm complaintId={c.id} handlers={others} action={transferComplaintAction} /> : null}
                {c.resolvedAt !== null && c.reply ? (
                  <div className="rounded-md bg-gray-50 p-3 text-sm">
                    <p className="text-xs text-gray-600">{t('answeredAt', { time: when(c.resolvedAt) })}</p>
                    <TypedText as="p" text={c.reply} className="mt-1 break-words whitespace-pre-line" />
                  </div>
                ) : null}
                {c.rating !== null ? <p className="text-sm text-gray-700">{th('rated', { rating: c.rating })}</p> : null}
                <ComplaintHistory steps={steps.filter((s) => s.complaintId === c.id)} />
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
