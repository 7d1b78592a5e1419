import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PageHeader, Stat } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { YUAN } from '@/lib/domain/money';
import { localized } from '@/lib/i18n/localized';
import { getCustomerBalances } from '@/lib/server/customers';
import { requirePageActor } from '@/lib/server/guard';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('points');
  return { title: t('title') };
}

interface Line {
  id: number;
  createdAt: number;
  amount: string;
  negative: boolean;
  what: string;
  /** A note someone typed on the line (an adjustment's reason), shown as typed. */
  note: string | null;
  /** The event or service the line was for, in the reader's language, and where to see it. */
  about: { name: string; href: string } | null;
}

/**
 * The member's points, prepaid balance and bill charges: each line says what it was (a
 * registration, its refund, a service), names its event or service in the UI's language with a
 * link, and reads on a phone as two short rows rather than a squeezed table.
 */
export default async function PointsPage() {
  const actor = await requirePageActor(AREA_ROLES.member, '/points');
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const [{ customer, points, prepaid, charges }, t, format, locale] = await Promise.all([
    getCustomerBalances(actor, actor.customerId),
    getTranslations('points'),
    getFormatter(),
    getLocale(),
  ]);
  const yuan = (fen: number) => format.number(fen / 100, YUAN);
  const signed = (n: number, show: (n: number) => string) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${show(Math.abs(n))}`;
  const aboutOf = (r: { eventId: number | null; eventZh: string | null; eventEn: string | null; serviceZh?: string | null; serviceEn?: string | null }) =>
    r.eventId !== null && r.eventZh !== null
      ? { name: localized(locale, r.eventZh, r.eventEn), href: `/events/${r.eventId}` }
      : r.serviceZh
        ? { name: localized(locale, r.serviceZh, r.serviceEn ?? null), href: '/services' }
        : null;
  const ledgerLines = (rows: typeof points, show: (n: number) => string): Line[] =>
    rows.map((r) => {
      const about = aboutOf(r);
      // A staff note is kept as written; a line about an event or service is named by it instead.
      return { id: r.id, createdAt: r.createdAt, amount: signed(r.delta, show), negative: r.delta < 0, what: t(`reasons.${r.reason}`), note: about ? null : r.note, about };
    });
  const billLines: Line[] = charges.map((c) => ({
    id: c.id,
    createdAt: c.createdAt,
    amount: signed(c.amountFen, yuan),
    negative: c.amountFen > 0,
    what: t(c.amountFen < 0 ? 'billRefund' : 'billCharge'),
    note: null,
    about: aboutOf(c),
  }));
  const postpaid = customer.segment !== 'prepaid';

  const section = (title: string, lines: Line[], testId: string): ReactNode => (
    <section aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {lines.length === 0 ? (
        <p className="text-sm text-gray-600">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {lines.map((line) => (
            <li key={line.id} className="flex items-start justify-between gap-3 px-4 py-3" data-testid="ledger-line">
              <div className="min-w-0">
                <p className="text-sm font-medium break-words text-gray-900">
                  {line.what}
                  {line.note ? (
                    <>
                      {' · '}
                      <TypedText text={line.note} testId="ledger-note" />
                    </>
                  ) : null}
                  {line.about ? (
                    <>
                      {' · '}
                      <Link href={line.about.href} className="text-brand-700 underline">
                        {line.about.name}
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="mt-0.5 text-xs text-gray-600">{format.dateTime(new Date(line.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</p>
              </div>
              <p className={`shrink-0 text-sm font-semibold whitespace-nowrap tabular-nums ${line.negative ? 'text-red-700' : 'text-green-700'}`}>{line.amount}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <>
      <PageHeader title={t('title')} />
      <dl className="mb-6 grid gap-3 sm:grid-cols-2">
        <Stat label={t('pointsBalance')} value={<span data-testid="points-balance">{format.number(customer.pointsBalance)}</span>} />
        {prepaid ? <Stat label={t('prepaidBalance')} value={yuan(customer.prepaidBalanceFen)} /> : null}
      </dl>
      <div className="space-y-6">
        {section(t('pointsLedger'), ledgerLines(points, (n) => t('pointsAmount', { points: n })), 'points-ledger')}
        {prepaid ? section(t('prepaidLedger'), ledgerLines(prepaid, yuan), 'prepaid-ledger') : null}
        {postpaid || billLines.length > 0 ? section(t('billLedger'), billLines, 'bill-ledger') : null}
      </div>
    </>
  );
}
