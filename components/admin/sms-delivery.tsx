import { getFormatter, getTranslations } from 'next-intl/server';
import { Table, Td } from '@/components/ui/table';
import type { AdminOverview } from '@/lib/server/admin-overview';
import { OUTBOX_STATUSES } from '@/lib/domain/types';

/**
 * What became of the SMS of the last days (admin overview): how many wait, went to the gateway,
 * reached the handset (SMPP receipts) or failed, and why the latest failures failed. Numbers masked.
 */
export async function SmsDelivery({ sms, days }: { sms: AdminOverview['sms']; days: number }) {
  const [t, tn, format] = await Promise.all([getTranslations('adminOverview.sms'), getTranslations('notifications.titles'), getFormatter()]);
  return (
    <section aria-labelledby="sms-delivery" className="mt-6 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <h2 id="sms-delivery" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-gray-600">{t('about', { days })}</p>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {OUTBOX_STATUSES.map((status) => (
          <div key={status} data-testid="sms-status" className="rounded-md bg-gray-50 p-3">
            <dt className="text-sm text-gray-700">{t(`status.${status}`)}</dt>
            <dd className="text-xl font-semibold text-gray-900 tabular-nums">{sms.counts[status]}</dd>
          </div>
        ))}
      </dl>
      {sms.failures.length === 0 ? (
        <p className="mt-3 text-sm text-gray-600">{t('noFailures')}</p>
      ) : (
        <div className="mt-3">
          <Table caption={t('failures')} head={[t('when'), t('to'), t('template'), t('reason')]} wideOnly={[2]}>
            {sms.failures.map((f) => (
              <tr key={f.id} data-testid="sms-failure">
                <Td className="whitespace-nowrap tabular-nums">
                  <time dateTime={new Date(f.at).toISOString()}>{format.dateTime(new Date(f.at), { dateStyle: 'short', timeStyle: 'short' })}</time>
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{f.to}</Td>
                <Td className="hidden sm:table-cell">{tn.has(f.template) ? tn(f.template) : f.template}</Td>
                <Td className="break-all">{f.reason ?? t('noReason')}</Td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
