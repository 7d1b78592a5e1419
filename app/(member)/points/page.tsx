import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader, Stat } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';
import { getCustomerBalances } from '@/lib/server/customers';
import { YUAN } from '@/lib/domain/money';

export default async function PointsPage() {
  const actor = await requirePageActor(AREA_ROLES.member, '/points');
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const [{ customer, points, prepaid }, t, format] = await Promise.all([
    getCustomerBalances(actor, actor.customerId),
    getTranslations('points'),
    getFormatter(),
  ]);
  const yuan = (fen: number) => format.number(fen / 100, YUAN);
  // Date and time may go onto two lines on a phone, each whole.
  const when = (ms: number) => (
    <>
      <span className="whitespace-nowrap">{format.dateTime(new Date(ms), { dateStyle: 'medium' })}</span>{' '}
      <span className="whitespace-nowrap">{format.dateTime(new Date(ms), { timeStyle: 'short' })}</span>
    </>
  );
  const ledger = (caption: string, rows: typeof points, show: (n: number) => string) =>
    rows.length === 0 ? (
      <p className="text-sm text-gray-600">{t('empty')}</p>
    ) : (
      <Table caption={caption} head={[t('time'), t('change'), t('reason'), t('note')]}>
        {rows.map((r) => (
          <tr key={r.id}>
            <Td>{when(r.createdAt)}</Td>
            <Td className={`whitespace-nowrap tabular-nums ${r.delta < 0 ? 'text-red-700' : 'text-green-700'}`}>
              {r.delta > 0 ? '+' : ''}
              {show(r.delta)}
            </Td>
            <Td className="whitespace-nowrap">{t(`reasons.${r.reason}`)}</Td>
            <Td>{r.note ?? ''}</Td>
          </tr>
        ))}
      </Table>
    );

  return (
    <>
      <PageHeader title={t('title')} />
      <dl className="mb-6 grid gap-3 sm:grid-cols-2">
        <Stat label={t('pointsBalance')} value={<span data-testid="points-balance">{format.number(customer.pointsBalance)}</span>} />
        {prepaid ? <Stat label={t('prepaidBalance')} value={yuan(customer.prepaidBalanceFen)} /> : null}
      </dl>
      <div className="space-y-6">
        {ledger(t('pointsLedger'), points, (n) => format.number(n))}
        {prepaid ? ledger(t('prepaidLedger'), prepaid, yuan) : null}
      </div>
    </>
  );
}
