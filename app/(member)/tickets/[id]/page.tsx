import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EVENT_TIME_FORMAT } from '@/components/events/member-event-card';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { getMyTicketCodes } from '@/lib/server/attendance';
import { requirePageActor } from '@/lib/server/guard';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { renderTicketQrDataUrl } from '@/lib/server/ticket-qr';
import { TypedText } from '@/components/ui/typed-text';

/**
 * The member's own confirmed ticket with its signed code. Anything else (someone else's ticket, a
 * cancelled or used one) is not found, so the address reveals nothing about other registrations.
 */
async function loadTicket(id: string) {
  const actor = await requirePageActor(AREA_ROLES.member, `/tickets/${id}`);
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(Number(id))) notFound();
  const registrationId = Number(id);
  const code = (await getMyTicketCodes(actor, [registrationId])).get(registrationId);
  if (!code) notFound();
  const ticket = (await listCustomerRegistrations(actor, actor.customerId)).find((r) => r.id === registrationId);
  if (!ticket) notFound();
  return { ticket, code, holder: actor.name };
}

export async function generateMetadata() {
  const t = await getTranslations('ticket');
  return { title: t('title') };
}

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { ticket, code, holder } = await loadTicket((await params).id);
  const [t, format, locale, qr] = await Promise.all([getTranslations('ticket'), getFormatter(), getLocale(), renderTicketQrDataUrl(code)]);
  const title = localized(locale, ticket.titleZh, ticket.titleEn);

  return (
    <div className="mx-auto max-w-sm">
      <p className="mb-3 text-sm">
        <Link href="/tickets" className="text-brand-700 underline">
          {t('back')}
        </Link>
      </p>
      <article className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="e-ticket" aria-labelledby="e-ticket-title">
        <p className="text-xs font-medium tracking-wide text-brand-700">{t('title')}</p>
        <h1 id="e-ticket-title" className="mt-1 text-xl font-semibold break-words text-gray-900">
          {title}
        </h1>
        {/* A white frame keeps the quiet zone scannable when the phone is in dark mode. */}
        <div className="mx-auto mt-4 w-full max-w-72 rounded-lg bg-white p-1 ring-1 ring-gray-200">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server; next/image would only add a loader round trip */}
          <img src={qr} alt={t('qrAlt', { event: title })} width={296} height={296} className="block h-auto w-full [image-rendering:pixelated]" data-testid="ticket-qr" />
        </div>
        <p className="mt-3 text-center text-sm text-gray-700">{t('scanHint')}</p>
        <div className="mt-4 rounded-lg bg-gray-50 px-3 py-3 text-center">
          <p className="text-xs text-gray-600">{t('shortCode')}</p>
          <p className="mt-1 font-mono text-4xl font-bold tracking-[0.3em] text-gray-900" data-testid="ticket-short-code">
            {ticket.shortCode}
          </p>
        </div>
        <dl className="mt-4 space-y-2 text-sm">
          <div>
            <dt className="text-gray-600">{t('holder')}</dt>
            <dd className="font-medium break-words text-gray-900" data-testid="ticket-holder">
              {holder}
            </dd>
          </div>
          <div>
            <dt className="text-gray-600">{t('when')}</dt>
            <dd className="text-gray-900">
              <time dateTime={new Date(ticket.startsAt).toISOString()}>{format.dateTimeRange(new Date(ticket.startsAt), new Date(ticket.endsAt), EVENT_TIME_FORMAT)}</time>
            </dd>
          </div>
          <div>
            <dt className="text-gray-600">{t('where')}</dt>
            <TypedText as="dd" text={localizedPlace(locale, ticket)} className="break-words text-gray-900" />
          </div>
        </dl>
      </article>
    </div>
  );
}
