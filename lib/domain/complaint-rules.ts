import type { Refusal } from './registration-rules';
import type { ComplaintStatus, ComplaintTopic, Segment } from './types';

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

/** The order of the open complaints an operator works through: VIPs first, then the oldest. */
export function compareComplaintQueue(a: { segment: Segment; createdAt: number; id: number }, b: { segment: Segment; createdAt: number; id: number }): number {
  return complaintPriority(a.segment) - complaintPriority(b.segment) || a.createdAt - b.createdAt || a.id - b.id;
}

/** Why a complaint cannot be answered now, or null: once resolved it stays so, and the answer says something. */
export function resolveRefusal(complaint: { status: ComplaintStatus }, reply: string): Refusal | null {
  if (complaint.status === 'resolved') return { code: 'complaint_already_resolved' };
  if (!reply.trim()) return { code: 'reply_required' };
  return null;
}
