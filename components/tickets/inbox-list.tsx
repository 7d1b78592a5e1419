import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { NOTIFICATION_TEMPLATES, type NotificationTemplate } from '@/lib/domain/notifications';
import { TypedText } from '@/components/ui/typed-text';
import { sentenceWithTyped, type SentencePart } from '@/lib/i18n/typed-text';

export interface InboxRow {
  id: number;
  template: string;
  params: Record<string, string | number> | null;
  body: string;
  createdAt: number;
  readAt: number | null;
}

/**
 * Parameters people typed: names and venues (in Chinese where no English one was given), a
 * complaint's answer, a service's notes, why it was cancelled. Shown as typed, marked with their language.
 */
const TYPED_PARAMS = ['event', 'venue', 'reply', 'notes', 'reason'] as const;

/** Templates whose message says what was refunded, when something was. */
const REFUNDING: readonly NotificationTemplate[] = ['registration_cancelled', 'event_cancelled'];
const SMS_TIME = /^(\d{1,2})月(\d{1,2})日 (\d{2}):(\d{2})$/;
const SMS_POINTS = /^(\d+)积分$/;

/** What a message is about, where the member sees it: their ticket, the event, a booking, a complaint. */
function linkOf(row: InboxRow): { href: string; key: 'ticket' | 'event' | 'feedback' | 'services' | 'complaints' } | null {
  const eventId = Number(row.params?.eventId);
  const event = Number.isSafeInteger(eventId) && eventId > 0 ? `/events/${eventId}` : null;
  switch (row.template) {
    case 'registration_confirmed':
    case 'registration_promoted':
    case 'event_reminder':
      return { href: '/tickets', key: 'ticket' };
    case 'feedback_request':
      return event ? { href: event, key: 'feedback' } : null;
    case 'registration_opened':
    case 'registration_waitlisted':
    case 'waitlist_moved':
    case 'registration_cancelled':
    case 'promotion_skipped':
    case 'event_cancelled':
      return event ? { href: event, key: 'event' } : null;
    case 'complaint_received':
    case 'complaint_resolved':
    case 'suggestion_received':
    case 'suggestion_answered':
      return { href: '/complaints', key: 'complaints' };
    default:
      return row.template.startsWith('service_') || row.template.startsWith('trial_') ? { href: '/services', key: 'services' } : null;
  }
}

function isTemplate(template: string): template is NotificationTemplate {
  return (NOTIFICATION_TEMPLATES as readonly string[]).includes(template);
}

/**
 * The member's in-app messages, each written from its template and parameters in the reader's
 * language; a message of a template this version does not know shows its stored Chinese text.
 */
export async function InboxList({ rows }: { rows: InboxRow[] }) {
  const [t, tp, tl, format, locale] = await Promise.all([getTranslations('notifications'), getTranslations('price'), getTranslations('inbox.links'), getFormatter(), getLocale()]);

  // The time and the refund are stored as the Chinese SMS wrote them ("3月6日 14:00", "300积分");
  // names come in English where the message kept one (englishNames in lib/domain/notifications).
  const readable = (params: Record<string, string | number>) => {
    if (locale === 'zh-CN') return params;
    const time = SMS_TIME.exec(String(params.time));
    const points = SMS_POINTS.exec(String(params.refund));
    return {
      ...params,
      event: params.eventEn ?? params.event ?? '',
      venue: params.venueEn ?? params.venue ?? '',
      ...(time
        ? {
            time: format.dateTime(new Date(Date.UTC(2000, Number(time[1]) - 1, Number(time[2]), Number(time[3]), Number(time[4]))), {
              timeZone: 'UTC',
              month: 'short',
              day: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            }),
          }
        : {}),
      ...(points ? { refund: tp('points', { points: Number(points[1]) }) } : {}),
    };
  };

  const text = (row: InboxRow): { title: string; parts: SentencePart[] } => {
    if (!isTemplate(row.template)) return { title: t('titles.other'), parts: [row.body] };
    const template = row.template;
    const params = readable({ event: '', time: '', venue: '', position: '', reason: '', refund: '', notes: '', reply: '', ...row.params });
    const refund = REFUNDING.includes(template) && params.refund ? ` ${t('refunded', { refund: params.refund })}` : '';
    return { title: t(`titles.${template}`), parts: [...sentenceWithTyped(params, TYPED_PARAMS, (p) => t(`texts.${template}`, p)), refund] };
  };

  return (
    <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="inbox">
      {rows.map((row) => {
        const message = text(row);
        const link = linkOf(row);
        const unread = row.readAt === null;
        return (
          <li key={row.id} className={`px-4 py-3 ${unread ? 'bg-brand-50/50' : ''}`} data-testid="inbox-message" data-unread={unread || undefined}>
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <h2 className="text-sm font-semibold text-gray-900">
                {unread ? (
                  <span className="mr-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-medium text-white">{t('new')}</span>
                ) : null}
                {message.title}
              </h2>
              <time dateTime={new Date(row.createdAt).toISOString()} className="text-xs text-gray-500 tabular-nums">
                {format.dateTime(new Date(row.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </div>
            <p className="mt-1 text-sm break-words text-gray-800">
              {message.parts.map((part, i) => (typeof part === 'string' ? part : <TypedText key={i} text={part.typed} testId="inbox-typed" />))}
            </p>
            {link ? (
              <Link href={link.href} className="mt-1 inline-block text-sm font-medium text-brand-700 underline" data-testid="inbox-link">
                {tl(link.key)}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
