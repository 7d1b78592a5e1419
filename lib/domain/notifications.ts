import { COMPLAINT_TOPIC_NAMES } from './complaint-rules';
import type { ComplaintTopic } from './types';

/** Messages the club sends a member, by template key (texts for the app live in messages.notifications). */
export const NOTIFICATION_TEMPLATES = [
  'registration_confirmed',
  'registration_waitlisted',
  'waitlist_moved',
  'registration_promoted',
  'registration_opened',
  'registration_cancelled',
  'promotion_skipped',
  'event_cancelled',
  'event_reminder',
  'feedback_request',
  'service_booked',
  'service_confirmed',
  'service_started',
  'service_done',
  'service_cancelled',
  'trial_selected',
  'trial_declined',
  'complaint_received',
  'complaint_resolved',
  'suggestion_received',
  'suggestion_answered',
  'warranty_repaired',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export interface NotificationParams {
  [key: string]: string | number;
  event: string;
  /** The event's start, already written in Beijing time. */
  time: string;
}

/**
 * The English names a message shows in the English UI (the SMS is Chinese only): `eventEn` and
 * `venueEn`, present only where the event, service or programme has them.
 */
export function englishNames(event: string | null | undefined, venue?: string | null): Record<string, string> {
  return { ...(event ? { eventEn: event } : {}), ...(venue ? { venueEn: venue } : {}) };
}

/**
 * What an event's messages say of it: its name, its start in Beijing time and (when given) its
 * venue, with the English names where it has them.
 */
export function eventMessageParams(
  event: { id?: number; titleZh: string; titleEn: string | null; startsAt: number; venue?: string; venueEn?: string | null },
  extra: Record<string, string | number> = {},
): NotificationParams {
  const venue: Record<string, string> = event.venue === undefined ? {} : { venue: event.venue };
  // The event's id lets the member's inbox link the message to the event (not used by the SMS text).
  const id: Record<string, number> = event.id === undefined ? {} : { eventId: event.id };
  return { event: event.titleZh, time: smsTime(event.startsAt), ...venue, ...englishNames(event.titleEn, event.venueEn), ...id, ...extra };
}

/**
 * What a service booking's messages say: the service, the slot's start and its place; a hall with
 * its address (written in Chinese in both languages) and its English name.
 */
export function serviceMessageParams(
  service: { nameZh: string; nameEn: string | null },
  slot: { startsAt: number; place: string; placeEn?: string | null; hallAddress?: string | null },
  extra: Record<string, string | number> = {},
): NotificationParams {
  const address = slot.hallAddress;
  const venue = address ? `${slot.place}（${address}）` : slot.place;
  const venueEn = slot.placeEn && address ? `${slot.placeEn} (${address})` : slot.placeEn;
  return { event: service.nameZh, time: smsTime(slot.startsAt), venue, ...englishNames(service.nameEn, venueEn), ...extra };
}

/** What a complaint's messages say: its topic in both languages and when it came in (Beijing time). */
export function complaintMessageParams(complaint: { topic: ComplaintTopic; createdAt: number }, extra: Record<string, string> = {}): NotificationParams {
  const topic = COMPLAINT_TOPIC_NAMES[complaint.topic];
  return { event: topic.zh, time: smsTime(complaint.createdAt), ...englishNames(topic.en), ...extra };
}

const SIGNATURE = '【3G客户俱乐部】';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * "3月6日 14:00": an instant as a Beijing wall-clock time for an SMS. China keeps UTC+8 all year,
 * so a fixed offset is exact, and far cheaper than a time-zone lookup on the registration path.
 */
export function smsTime(instant: number): string {
  const d = new Date(instant + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The Chinese SMS text of a notification. */
export function smsBody(template: NotificationTemplate, p: NotificationParams): string {
  const texts: Record<NotificationTemplate, string> = {
    registration_confirmed: `您已成功报名「${p.event}」（${p.time}），凭电子票入场。`,
    registration_waitlisted: `「${p.event}」名额已满，您已进入候补名单第${p.position}位，有空位时将自动为您报名。`,
    waitlist_moved: `有VIP会员加入「${p.event}」的候补名单（VIP优先），您的位置已后移至第${p.position}位。`,
    registration_opened: `「${p.event}」（${p.time}）现已开放报名，您设置的提醒到了，欢迎报名。`,
    registration_promoted: `好消息：您已从候补转为正式报名「${p.event}」（${p.time}）。`,
    registration_cancelled: `您已取消报名「${p.event}」${p.refund ? `，${p.refund}已退还` : ''}。`,
    promotion_skipped:
      p.reason === 'points_payment_not_allowed'
        ? `「${p.event}」有空位，但您的客户类型不能用积分支付，候补资格已取消。`
        : `「${p.event}」有空位，但您的${p.reason === 'insufficient_points' ? '积分' : '预付费余额'}不足，候补资格已取消。`,
    event_cancelled: `很抱歉，「${p.event}」（${p.time}）已取消${p.refund ? `，${p.refund}已全额退还` : ''}。`,
    event_reminder: `提醒：您报名的「${p.event}」将于${p.time}开始，地点：${p.venue}。`,
    feedback_request: `感谢您参加「${p.event}」！欢迎在“我的票”中为本次活动评分并留下意见。`,
    service_booked: `您已预约「${p.event}」，时间${p.time}，地点：${p.venue}。`,
    service_confirmed: `您预约的「${p.event}」（${p.time}，${p.venue}）已确认。`,
    service_started: `您的「${p.event}」服务已开始办理。`,
    service_done: `您的「${p.event}」服务已完成。${p.notes ? `服务记录：${p.notes}` : ''}`,
    service_cancelled: `您预约的「${p.event}」（${p.time}）已取消${p.reason ? `，原因：${p.reason}` : ''}，所用积分已退还。`,
    trial_selected: `恭喜！您已入选「${p.event}」试用，请到营业厅领取试用机。`,
    trial_declined: `很抱歉，本期「${p.event}」试用名额已满，感谢您的关注。`,
    complaint_received: `我们已收到您${p.time}关于「${p.event}」的投诉，将尽快处理并答复您。`,
    complaint_resolved: `您关于「${p.event}」的投诉已处理：${p.reply}`,
    suggestion_received: `感谢您${p.time}关于「${p.event}」的建议，我们已收到并将转交相关部门。`,
    suggestion_answered: `您关于「${p.event}」的建议已收到回复：${p.reply}`,
    warranty_repaired: `您的${p.event}（IMEI尾号${p.imeiTail}）已于${p.time}在${p.venue}完成${p.repair === 'paid' ? '付费' : '全国联保'}维修。`,
  };
  return SIGNATURE + texts[template];
}
