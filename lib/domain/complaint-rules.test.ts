import { describe, expect, it } from 'vitest';
import {
  answerRefusal,
  answeredInTime,
  compareComplaintQueue,
  complaintDeadline,
  complaintMoveRefusal,
  complaintPriority,
  confirmDeadline,
  hoursLate,
  isDueForAutoClose,
  isDueForEscalation,
  type ComplaintPerson,
  type ComplaintState,
} from './complaint-rules';
import { DAY, HOUR } from './time';

const NOW = Date.UTC(2027, 2, 6, 2);
const owner: ComplaintPerson = { kind: 'staff', staffId: 7, admin: false };
const colleague: ComplaintPerson = { kind: 'staff', staffId: 8, admin: false };
const hq: ComplaintPerson = { kind: 'staff', staffId: 1, admin: true };
const customer: ComplaintPerson = { kind: 'customer' };
const complaint = (over: Partial<ComplaintState>): ComplaintState => ({ kind: 'complaint', status: 'open', ownerStaffId: null, confirmBy: null, rating: null, ...over });

describe('complaint rules', () => {
  it('puts escalated complaints first, then VIPs, then the oldest', () => {
    const queue = [
      { id: 1, segment: 'prepaid' as const, createdAt: 100 },
      { id: 2, segment: 'postpaid_vip' as const, createdAt: 300 },
      { id: 3, segment: 'postpaid' as const, createdAt: 50 },
      { id: 4, segment: 'postpaid_vip' as const, createdAt: 200 },
      { id: 5, segment: 'postpaid' as const, createdAt: 50 },
      { id: 6, segment: 'prepaid' as const, createdAt: 400, escalatedAt: 500 },
    ];
    expect([...queue].sort(compareComplaintQueue).map((c) => c.id)).toEqual([6, 4, 2, 3, 5, 1]);
    expect(complaintPriority('postpaid_vip')).toBeLessThan(complaintPriority('postpaid'));
    expect(complaintPriority('postpaid')).toBe(complaintPriority('prepaid'));
  });

  it('lets the first who takes a complaint own it, and only the owner (or HQ) transfer or answer it', () => {
    expect(complaintMoveRefusal(complaint({}), 'take', colleague, NOW)).toBeNull();
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'take', colleague, NOW)).toEqual({ code: 'complaint_already_taken' });
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'transfer', owner, NOW)).toBeNull();
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'transfer', colleague, NOW)).toEqual({ code: 'complaint_not_owner' });
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'transfer', hq, NOW)).toBeNull();
    expect(complaintMoveRefusal(complaint({}), 'transfer', owner, NOW)).toEqual({ code: 'complaint_not_taken' });
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'answer', owner, NOW)).toBeNull();
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'answer', colleague, NOW)).toEqual({ code: 'complaint_not_owner' });
    // Answering an open complaint takes it: the one who answers is its first contact.
    expect(complaintMoveRefusal(complaint({}), 'answer', colleague, NOW)).toBeNull();
    expect(complaintMoveRefusal(complaint({ status: 'answered', ownerStaffId: 7 }), 'answer', owner, NOW)).toEqual({ code: 'complaint_already_answered' });
    expect(complaintMoveRefusal(complaint({ status: 'closed', ownerStaffId: 7 }), 'take', owner, NOW)).toEqual({ code: 'complaint_closed' });
  });

  it('lets the customer confirm or reopen an answer within the days given, and rate it once', () => {
    const answered = complaint({ status: 'answered', ownerStaffId: 7, confirmBy: NOW + DAY });
    expect(complaintMoveRefusal(answered, 'confirm', customer, NOW)).toBeNull();
    expect(complaintMoveRefusal(answered, 'reopen', customer, NOW)).toBeNull();
    expect(complaintMoveRefusal(answered, 'reopen', customer, NOW + 2 * DAY)).toEqual({ code: 'complaint_confirm_expired' });
    expect(complaintMoveRefusal(complaint({ status: 'in_progress', ownerStaffId: 7 }), 'confirm', customer, NOW)).toEqual({ code: 'complaint_not_answered' });
    expect(complaintMoveRefusal(answered, 'rate', customer, NOW)).toBeNull();
    expect(complaintMoveRefusal({ ...answered, status: 'closed' }, 'rate', customer, NOW + 30 * DAY)).toBeNull();
    expect(complaintMoveRefusal({ ...answered, rating: 4 }, 'rate', customer, NOW)).toEqual({ code: 'complaint_already_rated' });
    expect(complaintMoveRefusal({ ...answered, status: 'closed' }, 'reopen', customer, NOW)).toEqual({ code: 'complaint_closed' });
    expect(complaintMoveRefusal({ ...answered, kind: 'suggestion' }, 'rate', customer, NOW)).toEqual({ code: 'suggestion_not_rated' });
    // Staff do not confirm for the customer, and the customer does not take or answer.
    expect(complaintMoveRefusal(answered, 'confirm', owner, NOW)).toEqual({ code: 'forbidden' });
    expect(complaintMoveRefusal(complaint({}), 'take', customer, NOW)).toEqual({ code: 'forbidden' });
  });

  it('asks words of a complaint’s answer, not of a suggestion’s acknowledgement', () => {
    expect(answerRefusal('complaint', '已为您退还费用')).toBeNull();
    expect(answerRefusal('complaint', '  ')).toEqual({ code: 'reply_required' });
    expect(answerRefusal('suggestion', '')).toBeNull();
  });

  it('sets the deadline by segment, none for suggestions, and the days to confirm from the answer', () => {
    const hours = { postpaid_vip: 24, postpaid: 48, prepaid: 72 };
    expect(complaintDeadline('complaint', 'postpaid_vip', NOW, hours)).toBe(NOW + 24 * HOUR);
    expect(complaintDeadline('complaint', 'prepaid', NOW, hours)).toBe(NOW + 72 * HOUR);
    expect(complaintDeadline('suggestion', 'postpaid_vip', NOW, hours)).toBeNull();
    expect(confirmDeadline(NOW, 7)).toBe(NOW + 7 * DAY);
  });

  it('escalates an unanswered complaint past its deadline once, and closes an unconfirmed answer after the days', () => {
    const late = { status: 'in_progress' as const, deadlineAt: NOW - 3 * HOUR - 1, escalatedAt: null };
    expect(isDueForEscalation(late, NOW)).toBe(true);
    expect(isDueForEscalation({ ...late, escalatedAt: NOW - HOUR }, NOW)).toBe(false);
    expect(isDueForEscalation({ ...late, status: 'answered' }, NOW)).toBe(false);
    expect(isDueForEscalation({ ...late, deadlineAt: NOW + 1 }, NOW)).toBe(false);
    expect(isDueForEscalation({ ...late, deadlineAt: null }, NOW)).toBe(false);
    expect(hoursLate(late, NOW)).toBe(3);
    expect(hoursLate({ ...late, status: 'answered' }, NOW)).toBeNull();
    expect(isDueForAutoClose({ status: 'answered', confirmBy: NOW }, NOW)).toBe(true);
    expect(isDueForAutoClose({ status: 'answered', confirmBy: NOW + 1 }, NOW)).toBe(false);
    expect(isDueForAutoClose({ status: 'closed', confirmBy: NOW - DAY }, NOW)).toBe(false);
  });

  it('counts an answer in time by the first answer against the deadline', () => {
    expect(answeredInTime({ deadlineAt: NOW, firstAnsweredAt: NOW })).toBe(true);
    expect(answeredInTime({ deadlineAt: NOW, firstAnsweredAt: NOW + 1 })).toBe(false);
    expect(answeredInTime({ deadlineAt: NOW, firstAnsweredAt: null })).toBeNull();
    expect(answeredInTime({ deadlineAt: null, firstAnsweredAt: NOW })).toBeNull();
  });
});
