import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ComplaintHistory } from '@/components/complaints/complaint-history';
import { ComplaintForm } from '@/components/complaints/complaint-form';
import { ComplaintButtonForm, ComplaintRatingForm, ComplaintReopenForm } from '@/components/complaints/complaint-moves';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { COMPLAINT_MAX_LENGTH } from '@/lib/domain/complaint-rules';
import { COMPLAINT_TOPICS, type ComplaintTopic } from '@/lib/domain/types';
import { complaintTopicName } from '@/lib/i18n/localized';
import { listComplaintSteps, listMyComplaints } from '@/lib/server/complaints';
import { requirePageActor } from '@/lib/server/guard';
import { confirmComplaintAction, fileComplaintAction, rateComplaintAction, reopenComplaintAction } from './actions';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('complaints');
  return { title: t('title') };
}

/** The member's complaints with their histories, and when they were read. */
async function loadMine(actor: Actor) {
  const mine = await listMyComplaints(actor);
  const steps = await listComplaintSteps(
    actor,
    mine.map((c) => c.id),
  );
  return { mine, steps, now: Date.now() };
}

/**
 * A member's complaints and suggestions: a form to write one, and the earlier ones with their
 * answers and who handles them; an answered complaint is confirmed or reopened within the days
 * given, and its handling rated.
 */
export default async function ComplaintsPage() {
  const actor = await requirePageActor(AREA_ROLES.member, '/complaints');
  const [{ mine, steps, now }, t, th, tChannels, format, locale] = await Promise.all([
    loadMine(actor),
    getTranslations('complaints'),
    getTranslations('complaintHandling'),
    getTranslations('channels'),
    getFormatter(),
    getLocale(),
  ]);
  const topicName = (code: ComplaintTopic) => complaintTopicName(locale, code);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="grid gap-6 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] md:items-start">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('new')}</h2>
          <ComplaintForm topics={COMPLAINT_TOPICS.map((code) => ({ code, name: topicName(code) }))} maxLength={COMPLAINT_MAX_LENGTH} action={fileComplaintAction} />
        </Card>
        <section aria-labelledby="my-complaints" className="min-w-0">
          <h2 id="my-complaints" className="mb-3 text-lg font-semibold">
            {t('mine', { count: mine.length })}
          </h2>
          {mine.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('none')}</p> : null}
          <ul className="space-y-3">
            {mine.map((c) => (
              <li key={c.id}>
                <article className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="my-complaint">
                  <header className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold text-gray-900">
                      {t(`kinds.${c.kind}`)} · {topicName(c.topic)}
                    </h3>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${c.status === 'closed' ? 'bg-gray-100 text-gray-800' : c.status === 'answered' ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'}`}>{t(`status.${c.status}`)}</span>
                  </header>
                  <p className="text-xs text-gray-600 tabular-nums">
                    {t('filedAt', { time: when(c.createdAt) })}
                    {c.channel === 'web' ? null : ` · ${t('via', { channel: tChannels(c.channel) })}`}
                  </p>
                  <TypedText as="p" text={c.body} className="text-sm break-words whitespace-pre-line text-gray-800" />
                  {c.ownerName ? <p className="text-sm text-gray-700">{th('handledBy', { name: c.ownerName })}</p> : null}
                  {c.reply ? (
                    <div className="rounded-md bg-gray-50 p-3 text-sm">
                      <p className="text-xs text-gray-600">{t('answeredAt', { time: when(c.resolvedAt!) })}</p>
                      <TypedText as="p" text={c.reply} className="mt-1 break-words whitespace-pre-line text-gray-900" testId="complaint-reply" />
                    </div>
                  ) : null}
                  {c.kind === 'complaint' && c.status === 'answered' && c.confirmBy !== null && c.confirmBy > now ? (
                    <div className="space-y-3 rounded-md border border-gray-200 p-3">
                      <p className="text-sm text-gray-800">{th('confirmUntil', { time: when(c.confirmBy) })}</p>
                      <ComplaintButtonForm complaintId={c.id} action={confirmComplaintAction} label={th('confirm')} formLabel={th('confirmLabel')} />
                      <ComplaintReopenForm complaintId={c.id} action={reopenComplaintAction} />
                    </div>
                  ) : null}
                  {c.kind === 'complaint' && (c.status === 'answered' || c.status === 'closed') && c.rating === null ? <ComplaintRatingForm complaintId={c.id} action={rateComplaintAction} /> : null}
                  {c.rating !== null ? <p className="text-sm text-gray-700">{th('yourRating', { rating: c.rating })}</p> : null}
                  <ComplaintHistory steps={steps.filter((s) => s.complaintId === c.id)} />
                </article>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
