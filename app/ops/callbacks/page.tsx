import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { CallbackOutcomeForm } from '@/components/attendance/callback-outcome-form';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listCallbacks } from '@/lib/server/attendance';
import { requirePageActor } from '@/lib/server/guard';
import { recordCallbackAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('callbacks');
  return { title: t('title') };
}

type View = 'open' | 'done';

/** The tasks of the chosen tab, and the one just recorded (named by the address, found only in the actor's own queue). */
async function loadCallbacks(actor: Actor, view: View, recorded: string | undefined) {
  const [tasks, done] = await Promise.all([listCallbacks(actor, view), recorded && view === 'open' ? listCallbacks(actor, 'done') : null]);
  const pool = done ?? tasks;
  return { tasks, justRecorded: recorded ? pool.find((c) => String(c.id) === recorded && c.status !== 'open') : undefined };
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words text-gray-900">{children}</dd>
    </div>
  );
}

/** VIP callbacks (回访) of the operator's province: open tasks with a form each, and those done. */
export default async function CallbacksPage({ searchParams }: { searchParams: Promise<{ view?: string; recorded?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/callbacks');
  const search = await searchParams;
  const view: View = search.view === 'done' ? 'done' : 'open';
  const [{ tasks, justRecorded }, t, format, locale] = await Promise.all([loadCallbacks(actor, view, search.recorded), getTranslations('callbacks'), getFormatter(), getLocale()]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-600' : 'text-gray-700 hover:bg-gray-100'}`;

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {justRecorded ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="callback-recorded">
          {t('recorded', { name: justRecorded.name, outcome: t(justRecorded.status === 'reached' ? 'reached' : 'notReached') })}
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
        <ul className="grid gap-4 md:grid-cols-2">
          {tasks.map((c) => (
            <li key={c.id}>
              <article className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="callback-task" aria-labelledby={`callback-${c.id}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`callback-${c.id}`} className="text-base font-semibold">
                    {c.name} <span className="font-normal text-gray-600 tabular-nums">{c.mobile}</span>
                  </h2>
                  <Link href={`/ops/customers/${c.customerId}`} className="text-sm text-brand-700 underline">
                    {t('customerRecord')}
                  </Link>
                </div>
                <dl className="space-y-1 text-sm">
                  <Item label={t('event')}>
                    <Link href={`/ops/events/${c.eventId}`} className="text-brand-700 hover:underline">
                      {localized(locale, c.eventTitleZh, c.eventTitleEn)}
                    </Link>
                  </Item>
                  <Item label={t('eventDate')}>{when(c.eventStartsAt)}</Item>
                  <Item label={t('createdAt')}>{when(c.createdAt)}</Item>
                </dl>
                <CallbackOutcomeForm callbackId={c.id} name={c.name} action={recordCallbackAction} />
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <Table head={[t('customer'), t('event'), t('outcome'), t('opinionColumn'), t('completedAt')]}>
          {tasks.map((c) => (
            <tr key={c.id} data-testid="callback-done">
              <Td className="whitespace-nowrap">
                <Link href={`/ops/customers/${c.customerId}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
                <span className="block text-xs text-gray-600 tabular-nums">{c.mobile}</span>
              </Td>
              <Td>
                <Link href={`/ops/events/${c.eventId}`} className="text-brand-700 hover:underline">
                  {localized(locale, c.eventTitleZh, c.eventTitleEn)}
                </Link>
                <span className="block text-xs text-gray-600">{when(c.eventStartsAt)}</span>
              </Td>
              <Td className="whitespace-nowrap">{t(c.status === 'reached' ? 'reached' : 'notReached')}</Td>
              <Td className="break-words whitespace-pre-line">{c.opinion || '—'}</Td>
              <Td className="whitespace-nowrap tabular-nums">{c.completedAt === null ? '—' : when(c.completedAt)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
