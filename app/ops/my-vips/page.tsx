import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { BookForVipForm } from '@/components/account-managers/book-for-vip-form';
import { RegisterForCustomerForm } from '@/components/tickets/register-for-customer-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { isCallbackOverdue } from '@/lib/domain/callback-rules';
import { localized } from '@/lib/i18n/localized';
import { listMyVips, listSlotsForMyVips } from '@/lib/server/account-managers';
import { requirePageActor } from '@/lib/server/guard';
import { listRegistrableEvents } from '@/lib/server/staff-registrations';
import { STAFF_CHANNELS } from '@/lib/validation/members';
import { bookForMyVip, registerMyVip } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('myVips');
  return { title: t('title') };
}

/** The manager's VIPs, each with the events they may be registered for, the service slots of their province, and the moment they were read. */
async function loadVips(actor: Actor) {
  const now = Date.now();
  const [vips, slots] = await Promise.all([listMyVips(actor, now), listSlotsForMyVips(actor, now)]);
  return { now, slots, vips: await Promise.all(vips.map(async (v) => ({ ...v, registrable: v.status === 'active' ? await listRegistrableEvents(actor, v.id, now) : [] }))) };
}

/** An account manager's (客户经理) own VIPs: their next events, the callbacks waiting, and registering them for an event. */
export default async function MyVipsPage() {
  const actor = await requirePageActor(AREA_ROLES.accountManagement, '/ops/my-vips');
  const [{ vips, slots, now }, t, tr, tc, format, locale] = await Promise.all([loadVips(actor), getTranslations('myVips'), getTranslations('register.staff'), getTranslations('channels'), getFormatter(), getLocale()]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const day = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium' });
  const channels = STAFF_CHANNELS.map((c) => ({ code: c, name: tc(c) }));
  const slotOptions = slots.map((s) => ({
    id: s.id,
    label: [localized(locale, s.serviceZh, s.serviceEn), when(s.startsAt), localized(locale, s.place, s.placeEn), s.pricePoints > 0 ? t('book.points', { points: s.pricePoints }) : null, tr('seatsLeft', { count: s.seatsLeft })].filter(Boolean).join(' · '),
  }));
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {vips.length === 0 ? (
        <p className="text-sm text-gray-600" data-testid="my-vips-empty">
          {t('empty')}
        </p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {vips.map((v) => (
            <li key={v.id}>
              <article className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="my-vip" aria-labelledby={`vip-${v.id}`}>
                <h2 id={`vip-${v.id}`} className="text-base font-semibold">
                  {v.name} <span className="font-normal text-gray-600 tabular-nums">{v.mobile}</span>
                </h2>
                <section aria-label={t('ticketsOf', { name: v.name })}>
                  <h3 className="text-sm font-medium text-gray-700">{t('tickets')}</h3>
                  {v.tickets.length === 0 ? (
                    <p className="text-sm text-gray-600">{t('noTickets')}</p>
                  ) : (
                    <ul className="mt-1 space-y-1 text-sm">
                      {v.tickets.map((k) => (
                        <li key={k.id} data-testid="my-vip-ticket">
                          {localized(locale, k.titleZh, k.titleEn)} <span className="text-gray-600">· {when(k.startsAt)}</span>
                          {k.status === 'waitlisted' ? <span className="text-gray-600"> · {t('waitlisted')}</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <section aria-label={t('callbacksOf', { name: v.name })}>
                  <h3 className="text-sm font-medium text-gray-700">{t('callbacks')}</h3>
                  {v.callbacks.length === 0 ? (
                    <p className="text-sm text-gray-600">{t('noCallbacks')}</p>
                  ) : (
                    <ul className="mt-1 space-y-1 text-sm">
                      {v.callbacks.map((c) => (
                        <li key={c.id}>
                          {t('callbackDue', { date: day(c.dueAt) })}
                          {isCallbackOverdue(c, now) ? <span className="ms-2 rounded bg-red-50 px-1.5 text-xs font-medium text-red-800">{t('overdue')}</span> : null}{' '}
                          <Link href="/ops/callbacks" className="text-brand-700 underline">
                            {t('toQueue')}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <section aria-label={t('registerFor', { name: v.name })}>
                  <h3 className="mb-1 text-sm font-medium text-gray-700">{tr('title')}</h3>
                  {v.registrable.length > 0 ? (
                    <RegisterForCustomerForm
                      customerId={v.id}
                      // A fresh key per page view: a double submit is replayed, not registered twice.
                      idempotencyKey={crypto.randomUUID()}
                      events={v.registrable.map((e) => ({ id: e.id, label: [localized(locale, e.titleZh, e.titleEn), when(e.startsAt), e.seatsLeft > 0 ? tr('seatsLeft', { count: e.seatsLeft }) : tr('full')].join(' · ') }))}
                      channels={channels}
                      action={registerMyVip}
                    />
                  ) : (
                    <p className="text-sm text-gray-600">{tr('noEvents')}</p>
                  )}
                </section>
                {v.status === 'active' ? (
                  <section aria-label={t('book.for', { name: v.name })}>
                    <h3 className="mb-1 text-sm font-medium text-gray-700">{t('book.title')}</h3>
                    {slotOptions.length > 0 ? <BookForVipForm customerId={v.id} slots={slotOptions} channels={channels} action={bookForMyVip} /> : <p className="text-sm text-gray-600">{t('book.noSlots')}</p>}
                  </section>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
