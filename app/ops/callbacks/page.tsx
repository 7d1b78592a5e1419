import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { CallbackOutcomeForm } from '@/components/callbacks/callback-outcome-form';
import { ActivityTimeline } from '@/components/timeline/activity-timeline';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { isCallbackOverdue } from '@/lib/domain/callback-rules';
import { COMPLAINT_MAX_LENGTH } from '@/lib/domain/complaint-rules';
import { COMPLAINT_TOPICS } from '@/lib/domain/types';
import { complaintTopicName, localized } from '@/lib/i18n/localized';
import { findCallback, listCallbacks, recentActivity } from '@/lib/server/callbacks';
import { clubNamesIn } from '@/lib/server/club-names';
import { requirePageActor } from '@/lib/server/guard';
import { recordCallbackAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('callbacks');
  return { title: t('title') };
}

type View = 'open' | 'done';

const OUTCOME_LABEL = { open: 'notReached', reached: 'reached', not_reached: 'notReached', declined: 'declined' } as const;

/** The tasks of the chosen tab, the recent activity of their customers, and the one just recorded (named by the address, found only among the actor's own tasks). */
async function loadCallbacks(actor: Actor, view: View, recorded: string | undefined) {
  const now = Date.now();
  const [tasks, justRecorded] = await Promise.all([listCallbacks(actor, view, now), recorded && /^\d+$/.test(recorded) ? findCallback(actor, Number(recorded)) : undefined]);
  const activity = view === 'open' ? await recentActivity(actor, [...new Set(tasks.map((c) => c.customerId))]) : new Map();
  return { tasks, activity, justRecorded: justRecorded && justRecorded.attempts > 0 ? justRecorded : undefined, now };
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words text-gray-900">{children}</dd>
    </div>
  );
}

/**
 * VIP callbacks (回访) for the province's hotline staff (10010) and account managers: the tasks due
 * now, overdue first, each with the customer's recent activity and a form for the attempt; and those done.
 */
export default async function CallbacksPage({ searchParams }: { searchParams: Promise<{ view?: string; recorded?: string; followUp?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.callbacks, '/ops/callbacks');
  const search = await searchParams;
  const view: View = search.view === 'done' ? 'done' : 'open';
  const [{ tasks, activity, justRecorded, now }, t, format, locale, clubNames] = await Promise.all([loadCallbacks(actor, view, search.recorded), getTranslations('callbacks'), getFormatter(), getLocale(), getLocale().then(clubNamesIn)]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium' });
  // Account managers work from their VIPs' page; the customer record with its forms is the hotline's and the halls'.
  const hotline = !(actor.kind === 'staff' && actor.role === 'account_manager');
  const topics = COMPLAINT_TOPICS.map((code) => ({ code, name: complaintTopicName(locale, code) }));
  const about = (c: (typeof tasks)[number]) =>
    c.eventId !== null && c.eventTitleZh !== null ? (
      <Link href={`/ops/events/${c.eventId}`} className="text-brand-700 hover:underline">
        {localized(locale, c.eventTitleZh, c.eventTitleEn)}
      </Link>
    ) : (
      t('periodic')
    );
  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-600' : 'text-gray-700 hover:bg-gray-100'}`;

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {justRecorded ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="callback-recorded">
          {justRecorded.status === 'open' && justRecorded.nextAttemptAt !== null
            ? t('recordedRetry', { name: justRecorded.name, at: when(justRecorded.nextAttemptAt) })
            : t('recorded', { name: justRecorded.name, outcome: t(OUTCOME_LABEL[justRecorded.status]) })}
          {search.followUp === 'complaint' ? ` ${t('complaintFiled')}` : search.followUp === 'suggestion' ? ` ${t('suggestionFiled')}` : null}
        </p>
      ) : null}
      <nav aria-label={t('tabs')} className="mb-4 flex gap-2">
        <Link href="/ops/callbacks" className={tabClass(view === 'open')} aria-current={view === 'open' ? 'page' : undefined}>
          {t('open')}
        </Link>
        <Link href="/ops/callbacks?view=done" className={tabClass(view === 'done')} aria-current={view === 'done' ? 'page' : undefined}>
          {t('done')}
        </Link>
      </nav>

      {tasks.length === 0 ? (
        <p className="text-sm text-gray-600" data-testid="callbacks-empty">
          {t(view === 'open' ? 'emptyOpen' : 'emptyDone')}
        </p>
      ) : view === 'open' ? (
        <ul className="grid gap-4 lg:grid-cols-2">
          {tasks.map((c) => (
            <li key={c.id}>
              <article className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="callback-task" aria-labelledby={`callback-${c.id}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`callback-${c.id}`} className="text-base font-semibold">
                    {c.name} <span className="font-normal text-gray-600 tabular-nums">{c.mobile}</span>
                  </h2>
                  {hotline ? (
                    <Link href={`/ops/customers/${c.customerId}`} className="text-sm text-brand-700 underline">
                      {t('customerRecord')}
                    </Link>
                  ) : null}
                </div>
                <dl className="space-y-1 text-sm">
                  <Item label={c.kind === 'event' ? t('event') : t('kind')}>{about(c)}</Item>
                  {c.eventStartsAt !== null ? <Item label={t('eventDate')}>{when(c.eventStartsAt)}</Item> : null}
                  <Item label={t('dueAt')}>
                    {day(c.dueAt)}
                    {isCallbackOverdue(c, now) ? (
                      <span className="ms-2 rounded bg-red-50 px-1.5 text-xs font-medium text-red-800" data-testid="callback-overdue">
                        {t('overdue')}
                      </span>
                    ) : null}
                  </Item>
                  {c.attempts > 0 ? <Item label={t('attempts')}>{t('attemptsSoFar', { count: c.attempts })}</Item> : null}
                  {c.managerName ? <Item label={t('manager')}>{c.managerName}</Item> : null}
                </dl>
                <section aria-label={t('recentActivity', { name: c.name })}>
                  <h3 className="mb-1 text-sm font-medium text-gray-700">{t('recent')}</h3>
                  <ActivityTimeline rows={activity.get(c.customerId) ?? []} clubNames={clubNames} />
                </section>
                <CallbackOutcomeForm callbackId={c.id} name={c.name} topics={topics} complaintMaxLength={COMPLAINT_MAX_LENGTH} action={recordCallbackAction} />
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <Table head={[t('customer'), t('event'), t('outcome'), t('opinionColumn'), t('completedAt')]}>
          {tasks.map((c) => (
            <tr key={c.id} data-testid="callback-done">
              <Td className="whitespace-nowrap">
                {hotline ? (
                  <Link href={`/ops/customers/${c.customerId}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                ) : (
                  <span className="font-medium">{c.name}</span>
                )}
                <span className="block text-xs text-gray-600 tabular-nums">{c.mobile}</span>
              </Td>
              <Td>
                {about(c)}
                {c.eventStartsAt !== null ? <span className="block text-xs text-gray-600">{when(c.eventStartsAt)}</span> : null}
              </Td>
              <Td className="whitespace-nowrap">{t(OUTCOME_LABEL[c.status])}</Td>
              <Td className="break-words whitespace-pre-line">{c.opinion || '—'}</Td>
              <Td className="whitespace-nowrap tabular-nums">{c.completedAt === null ? '—' : when(c.completedAt)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
