import { useTranslations } from 'next-intl';

/** Whether the door is online, and how many scans wait on this device to be synced. */
export function ConnectionStatus({ online, waiting, syncError }: { online: boolean; waiting: number; syncError: string | null }) {
  const t = useTranslations('checkin.connection');
  const tr = useTranslations('errors');
  return (
    <div className={`rounded-lg px-3 py-2 ${online ? 'bg-green-50 text-green-900' : 'border border-amber-300 bg-amber-50 text-amber-950'}`}>
      <p role="status" data-testid="checkin-connection" className="flex items-center gap-2 font-semibold">
        <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${online ? 'bg-green-600' : 'bg-amber-500'}`} />
        {online ? (waiting > 0 ? t('onlineWaiting', { count: waiting }) : t('online')) : t('offline', { count: waiting })}
      </p>
      {online ? null : <p className="mt-1 text-sm">{t('offlineHint')}</p>}
      {syncError ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {t('syncFailed', { reason: tr.has(syncError) ? tr(syncError) : tr('unexpected') })}
        </p>
      ) : null}
    </div>
  );
}
