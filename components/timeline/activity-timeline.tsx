import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { localized } from '@/lib/i18n/localized';
import type { ActivityKind, Channel, ClubCode } from '@/lib/domain/types';

export interface TimelineRow {
  id: number;
  kind: ActivityKind;
  clubCode: ClubCode | null;
  channel: Channel | null;
  occurredAt: number;
  eventTitleZh: string | null;
  eventTitleEn: string | null;
  staffName: string | null;
  data: Record<string, unknown> | null;
}

/** The customer's activity record, newest first, as a list of facts with time, channel and staff. */
export async function ActivityTimeline({ rows, clubNames }: { rows: TimelineRow[]; clubNames: Record<string, string> }) {
  const [t, tc, tk, format, locale] = await Promise.all([getTranslations('timeline'), getTranslations('channels'), getTranslations('serviceKinds'), getFormatter(), getLocale()]);
  if (rows.length === 0) return <p className="text-sm text-gray-600">{t('empty')}</p>;
  return (
    <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="timeline">
      {rows.map((r) => {
        const data = r.data ?? {};
        const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
        const service = text('service');
        const values = {
          club: r.clubCode ? (clubNames[r.clubCode] ?? r.clubCode) : '',
          // Handset club records name their trial programme in the data instead of an event.
          event: r.eventTitleZh ? localized(locale, r.eventTitleZh, r.eventTitleEn) : localized(locale, text('programme') ?? '', text('programmeEn')),
          service: service && tk.has(service) ? tk(service) : '',
          step: text('step') ?? '',
          model: text('model') ?? '',
          place: localized(locale, text('place') ?? '', text('placeEn')),
          status: text('status') ?? '',
          manager: text('manager') ?? '',
        };
        // A periodic VIP callback is about no event: its line says so and gives the outcome.
        const periodicCallback = r.kind === 'callback' && !r.eventTitleZh;
        return (
          <li key={r.id} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:items-baseline sm:gap-3">
            <time dateTime={new Date(r.occurredAt).toISOString()} className="shrink-0 text-xs text-gray-500 tabular-nums sm:w-40">
              {format.dateTime(new Date(r.occurredAt), { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
            <span className="text-sm text-gray-900">{periodicCallback ? t('periodicCallback', values) : t(`kinds.${r.kind}`, values)}</span>
            <span className="text-xs text-gray-500">
              {[r.channel ? tc(r.channel) : null, r.staffName ? t('byStaff', { name: r.staffName }) : null].filter(Boolean).join(' · ')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
