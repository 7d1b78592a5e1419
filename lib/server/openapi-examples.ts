/*
 * Examples of the channel API's bodies, on the wire (instants as ISO 8601 text): one Guangdong
 * customer, 陈思远, and a film premiere in Guangzhou. openapi.test.ts checks that each parses with
 * the schema it illustrates, and Redocly's lint checks them against the rendered document.
 */

const customer = {
  id: 1024,
  mobile: '18602001234',
  name: '陈思远',
  masked: false,
  segment: 'postpaid_vip',
  status: 'active',
  provinceCode: '440000',
  pointsBalance: 3200,
  prepaidBalanceFen: 0,
};

const membership = { id: 2048, clubCode: 'film', joinedAt: '2027-02-20T03:15:00.000Z', joinChannel: 'hotline', leftAt: null, leaveChannel: null };

const event = {
  id: 512,
  clubCode: 'film',
  provinceCode: '440000',
  kind: 'film_premiere',
  titleZh: '《流浪星球》广州首映抢先看',
  titleEn: 'The Wandering Planet: Guangzhou premiere preview',
  venue: '广州市天河区天河路208号 天河城飞扬影城',
  venueEn: 'Feiyang Cinema, Teemall, 208 Tianhe Road, Guangzhou',
  startsAt: '2027-03-14T11:30:00.000Z',
  endsAt: '2027-03-14T14:00:00.000Z',
  regOpensAt: '2027-03-01T02:00:00.000Z',
  regClosesAt: '2027-03-13T10:00:00.000Z',
  vipOpensAt: '2027-02-27T02:00:00.000Z',
  status: 'published',
  priceType: 'points',
  priceFen: 0,
  pricePoints: 500,
  eligibleSegments: ['postpaid', 'postpaid_vip'],
  capacity: 120,
  taken: 87,
  waitlisted: 0,
};

const complaint = {
  id: 300,
  customerId: 1024,
  kind: 'complaint',
  topic: 'handset_service',
  body: '来电反映：预约维修的手机超过承诺时间仍未修好。',
  channel: 'hotline',
  status: 'open',
  reply: null,
  deadlineAt: '2027-03-02T01:20:00.000Z',
  escalatedAt: null,
  createdAt: '2027-03-01T01:20:00.000Z',
  resolvedAt: null,
  closedAt: null,
};

export const API_EXAMPLES = {
  health: { status: 'ok' },
  customer,
  membership,
  membershipList: { memberships: [membership, { ...membership, id: 1730, clubCode: 'music', joinedAt: '2026-05-04T07:00:00.000Z', joinChannel: 'hall', leftAt: '2026-12-01T02:00:00.000Z', leaveChannel: 'web' }] },
  closedMembership: { ...membership, leftAt: '2027-03-02T06:00:00.000Z', leaveChannel: 'hotline' },
  eventList: { events: [event] },
  registrationInput: { customerId: 1024, eventId: 512 },
  registrationResult: { registrationId: 4096, status: 'confirmed', position: null, paidPoints: 500, paidFen: 0, payment: 'points' },
  cancellation: { registrationId: 4096, status: 'cancelled', refunded: '500积分' },
  customerRegistrationList: {
    registrations: [
      {
        id: 4096,
        status: 'confirmed',
        position: null,
        channel: 'hotline',
        paidPoints: 500,
        paidFen: 0,
        refundedAt: null,
        shortCode: 'K7M2QX',
        createdAt: '2027-03-01T02:05:00.000Z',
        cancelledAt: null,
        cancelReason: null,
        checkedInAt: null,
        cancellable: true,
        eventId: event.id,
        clubCode: event.clubCode,
        titleZh: event.titleZh,
        titleEn: event.titleEn,
        venue: event.venue,
        venueEn: event.venueEn,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        eventStatus: 'published',
      },
    ],
  },
  enrollmentInput: { clubCode: 'film' },
  complaintInput: { kind: 'complaint', topic: 'handset_service', body: complaint.body },
  complaint,
  complaintList: { complaints: [complaint] },
  billingChargeList: {
    charges: [
      { id: 129, kind: 'charge', reversesId: null, mobile: '18612345678', provinceCode: '440000', amountFen: 5000, description: '活动报名费：粤语金曲演唱会', cycle: '2027-03', createdAt: '2027-03-02T07:00:00.000Z' },
      { id: 131, kind: 'reversal', reversesId: 129, mobile: '18612345678', provinceCode: '440000', amountFen: -5000, description: '活动报名费退还', cycle: '2027-03', createdAt: '2027-03-04T02:30:00.000Z' },
    ],
    nextCursor: 'YzEuMTMx',
    more: false,
  },
} as const;
