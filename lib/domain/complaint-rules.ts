import type { Refusal } from './registration-rules';
import { DAY, HOUR } from './time';
import type { ComplaintKind, ComplaintStatus, ComplaintTopic, Segment } from './types';

/** The shortest and longest complaint text a customer may write. */
export const COMPLAINT_MIN_LENGTH = 5;
export const COMPLAINT_MAX_LENGTH = 1000;

/** The topics' names, for the forms and the messages alike (the SMS says the Chinese one). */
export const COMPLAINT_TOPIC_NAMES: Record<ComplaintTopic, { zh: string; en: string }> = {
  event: { zh: '俱乐部活动', en: 'Club events' },
  handset_service: { zh: '手机服务', en: 'Handset services' },
  network: { zh: '网络信号', en: 'Network coverage' },
  billing: { zh: '费用和积分', en: 'Fees and points' },
  other: { zh: '其他问题', en: 'Something else' },
};

/** 3G VIP customers' complaints are handled first (3G用户投诉优先处理; VIPs before everyone). */
export function complaintPriority(segment: Segment): number {
  return segment === 'postpaid_vip' ? 0 : 1;
}

type Queued = { segment: Segment; createdAt: number; id: number; escalatedAt?: number | null };

/** The order of the unanswered complaints a province works through: escalated ones (overdue) first, then VIPs, then the oldest. */
export function compareComplaintQueue(a: Queued, b: Queued): number {
  const escalated = (c: Queued) => (c.escalatedAt == null ? 1 : 0);
  return escalated(a) - escalated(b) || complaintPriority(a.segment) - complaintPriority(b.segment) || a.createdAt - b.createdAt || a.id - b.id;
}

/** The staff queue's tabs: waiting for an answer (taken or not), answered and waiting for the customer, closed. */
export const COMPLAINT_QUEUE_TABS = ['open', 'answered', 'closed'] as const;
export type ComplaintQueueTab = (typeof COMPLAINT_QUEUE_TABS)[number];

/** What a staff member or the customer may do to a complaint. */
export type ComplaintMove = 'take' | 'transfer' | 'answer' | 'confirm' | 'reopen' | 'rate';

/** The complaint as the rules read it. */
export interface ComplaintState {
  kind: ComplaintKind;
  status: ComplaintStatus;
  ownerStaffId: number | null;
  confirmBy: number | null;
  rating: number | null;
}

/** Who asks: a staff member (admins are HQ and may act on any province's complaint) or the customer who filed it. */
export type ComplaintPerson = { kind: 'staff'; staffId: number; admin: boolean } | { kind: 'customer' };

const STAFF_MOVES: readonly ComplaintMove[] = ['take', 'transfer', 'answer'];

/**
 * Why a move is refused now, or null (首问服务制): anyone of the province takes an open complaint
 * and owns it; only its owner (or HQ's admin, to reassign one that escalated) transfers or answers
 * it, and answering an open one takes it; the customer confirms or reopens an answered complaint
 * within the days given, and rates a complaint's handling once it is answered, once. Suggestions
 * are acknowledged (answered) and close at once: nothing to confirm, reopen or rate.
 */
export function complaintMoveRefusal(c: ComplaintState, move: ComplaintMove, who: ComplaintPerson, now: number): Refusal | null {
  if ((who.kind === 'staff') !== STAFF_MOVES.includes(move)) return { code: 'forbidden' };
  if (c.status === 'closed' && move !== 'rate') return { code: 'complaint_closed' };
  if (who.kind === 'staff') {
    const owns = c.ownerStaffId === who.staffId;
    switch (move) {
      case 'take':
        return c.status === 'open' ? null : { code: 'complaint_already_taken' };
      case 'transfer':
        if (c.status !== 'in_progress') return { code: c.status === 'open' ? 'complaint_not_taken' : 'complaint_already_answered' };
        return owns || who.admin ? null : { code: 'complaint_not_owner' };
      default:
        if (c.status === 'answered') return { code: 'complaint_already_answered' };
        return c.status === 'open' || owns || who.admin ? null : { code: 'complaint_not_owner' };
    }
  }
  if (c.kind === 'suggestion') return { code: 'suggestion_not_rated' };
  if (move === 'rate') {
    if (c.status !== 'answered' && c.status !== 'closed') return { code: 'complaint_not_answered' };
    return c.rating === null ? null : { code: 'complaint_already_rated' };
  }
  if (c.status !== 'answered') return { code: 'complaint_not_answered' };
  return c.confirmBy !== null && now > c.confirmBy ? { code: 'complaint_confirm_expired' } : null;
}

/** When a complaint's answer is due: filing plus its segment's hours (HQ setting); suggestions have none. */
export function complaintDeadline(kind: ComplaintKind, segment: Segment, createdAt: number, hoursBySegment: Record<Segment, number>): number | null {
  return kind === 'complaint' ? createdAt + hoursBySegment[segment] * HOUR : null;
}

/** Until when the customer may confirm or reopen an answer (HQ setting, days). */
export function confirmDeadline(answeredAt: number, confirmDays: number): number {
  return answeredAt + confirmDays * DAY;
}

/** Still waiting for an answer: taken or not. */
export const isUnanswered = (status: ComplaintStatus) => status === 'open' || status === 'in_progress';

/** A complaint the escalation job marks: unanswered past its deadline and not yet escalated. */
export function isDueForEscalation(c: { status: ComplaintStatus; deadlineAt: number | null; escalatedAt: number | null }, now: number): boolean {
  return isUnanswered(c.status) && c.deadlineAt !== null && c.deadlineAt < now && c.escalatedAt === null;
}

/** The note of the closing step the job writes, telling it from a close the customer confirmed. */
export const CLOSED_UNCONFIRMED = 'unconfirmed';

/** An answer the customer left without a word past the days given: it closes by itself. */
export function isDueForAutoClose(c: { status: ComplaintStatus; confirmBy: number | null }, now: number): boolean {
  return c.status === 'answered' && c.confirmBy !== null && c.confirmBy <= now;
}

/** Hours an unanswered complaint is past its deadline; null when it is not. */
export function hoursLate(c: { status: ComplaintStatus; deadlineAt: number | null }, now: number): number | null {
  return isUnanswered(c.status) && c.deadlineAt !== null && c.deadlineAt < now ? Math.floor((now - c.deadlineAt) / HOUR) : null;
}

/** Whether the first answer came by the deadline (suggestions and unanswered ones: null). */
export function answeredInTime(c: { deadlineAt: number | null; firstAnsweredAt: number | null }): boolean | null {
  return c.deadlineAt === null || c.firstAnsweredAt === null ? null : c.firstAnsweredAt <= c.deadlineAt;
}

/** A complaint's answer says something; a suggestion may be acknowledged without words. */
export function answerRefusal(kind: ComplaintKind, reply: string): Refusal | null {
  return kind === 'complaint' && !reply.trim() ? { code: 'reply_required' } : null;
}
