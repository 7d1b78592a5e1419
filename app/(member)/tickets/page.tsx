import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PaidLabel } from '@/components/tickets/paid-label';
import { TicketCard, type TicketRow } from '@/components/tickets/ticket-card';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { cancelMyRegistration } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('tickets');
  return { title: t('title') };
}

/** The member's registrations split into upcoming live tickets (soonest first) and the rest, as read now. */
async function loadTickets(actor: Actor, customerId: number) {
  const now = Date.now();
  const rows = await listCustomerRegistrations(actor, customerId, {}, now);
  const isUpcoming = (r: TicketRow) => r.endsAt >= now && r.status !== 'cancelled';
  return { upcoming: rows.filter(isUpcoming).reverse(), rest: rows.filter((r) => !isUpcoming(r)) };
}

export default async function TicketsPage({ searchParams }: { searchParams: Promise<{ cancelled?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.member, '/tickets');
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const [{ upcoming, rest }, { cancelled }, t, locale] = await Promise.all([loadTickets(actor, actor.customerId), searchParams, getTranslations('tickets'), getLocale()]);
  // Only a registration of this member's list can be named here, whatever the address says.
  const justCancelled = cancelled ? rest.find((r) => String(r.id) === cancelled && r.status === 'cancelled') : undefined;

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {justCancelled ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="cancel-banner">
          {t('cancelledBanner', { event: localized(locale, justCancelled.titleZh, justCancelled.titleEn) })}
          {justCancelled.refundedAt !== null ? (
            <>
              {' '}
              <PaidLabel status={justCancelled.status} paidPoints={justCancelled.paidPoints} paidFen={justCancelled.paidFen} refundedAt={justCancelled.refundedAt} />
            </>
          ) : null}
        </p>
      ) : null}

      <section aria-labelledby="upcoming-tickets">
        <h2 id="upcoming-tickets" className="mb-3 text-lg font-semibold">
          {t('upcoming')}
        </h2>
        {upcoming.length === 0 ? (
          <p className="text-sm text-gray-600" data-testid="tickets-empty">
            {t('empty')}{' '}
            <Link href="/events" className="font-medium text-brand-700 underline">
              {t('browse')}
            </Link>
          </p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {upcoming.map((ticket) => (
              <li key={ticket.id}>
                {/* A fresh key per page view and ticket: a double submit of one cancel form is replayed. */}
                <TicketCard ticket={ticket} cancel={{ action: cancelMyRegistration, idempotencyKey: crypto.randomUUID() }} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {rest.length > 0 ? (
        <details className="mt-8 rounded-lg border border-gray-200 bg-white" data-testid="past-tickets">
          <summary className="cursor-pointer px-4 py-3 text-base font-semibold">{t('past', { count: rest.length })}</summary>
          <ul className="grid gap-4 border-t border-gray-100 p-4 md:grid-cols-2">
            {rest.map((ticket) => (
              <li key={ticket.id}>
                <TicketCard ticket={ticket} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
