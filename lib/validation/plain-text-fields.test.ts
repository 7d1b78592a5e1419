import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { complaintApiInput } from './api';
import { createApiTokenInput } from './api-tokens';
import { feedbackInput } from './attendance';
import { callbackOutcomeInput } from './callbacks';
import { complaintInput, complaintReplyInput, staffComplaintInput } from './complaints';
import { eventInput, eventSeriesInput } from './events';
import { CONTROL_CHARACTERS } from './fields';
import { hallInput } from './halls';
import { bookingCancelInput, bookingStepInput, loanerInput, loanerReturnInput, serviceSettingsInput, slotInput, trialProgrammeInput } from './service-ops';
import { bookSlotInput } from './services';
import { createStaffInput, updateStaffInput } from './staff';

const event = {
  clubCode: 'music',
  kind: 'music_fan_event',
  titleZh: '歌迷见面会',
  titleEn: 'Fan meeting',
  descriptionZh: '第一行\n第二行',
  descriptionEn: 'Line one\r\nLine two',
  venue: '广州体育馆',
  venueEn: 'Guangzhou Gymnasium',
  city: '广州',
  capacity: '100',
  priceType: 'free',
  eligibleSegments: ['postpaid'],
};

/**
 * Every free-text field of every form and API body, with a valid input around it: `lines` hold one
 * line (titles, names, venues), `texts` several (descriptions, complaints, notes).
 */
const SCHEMAS: { name: string; schema: z.ZodType; valid: Record<string, unknown>; lines: string[]; texts: string[] }[] = [
  {
    name: 'event',
    schema: eventInput,
    valid: { ...event, startsAt: '2027-03-06T14:00', endsAt: '2027-03-06T16:00', regOpensAt: '2027-02-01T09:00', regClosesAt: '2027-03-05T18:00' },
    lines: ['titleZh', 'titleEn', 'venue', 'venueEn', 'city'],
    texts: ['descriptionZh', 'descriptionEn'],
  },
  {
    name: 'event series',
    schema: eventSeriesInput,
    valid: { ...event, frequency: 'monthly', weekday: '6', ordinal: '1', startDate: '2027-03-01', count: '3', time: '14:00', durationMinutes: '120', regOpensDaysBefore: '14', regClosesHoursBefore: '24' },
    lines: ['titleZh', 'titleEn', 'venue', 'venueEn', 'city'],
    texts: ['descriptionZh', 'descriptionEn'],
  },
  { name: 'hall', schema: hallInput, valid: { kind: 'hall', nameZh: '天河营业厅', nameEn: 'Tianhe Hall', city: '广州', address: '天河路1号' }, lines: ['nameZh', 'nameEn', 'city', 'address'], texts: [] },
  { name: 'member complaint', schema: complaintInput, valid: { topic: 'network', body: '信号很差，\n经常断线。' }, lines: [], texts: ['body'] },
  { name: 'staff complaint', schema: staffComplaintInput, valid: { topic: 'network', body: '信号很差，经常断线。', customerId: '1', channel: 'hall' }, lines: [], texts: ['body'] },
  { name: 'API complaint', schema: complaintApiInput, valid: { topic: 'network', body: '信号很差，经常断线。' }, lines: [], texts: ['body'] },
  { name: 'complaint reply', schema: complaintReplyInput, valid: { complaintId: '1', reply: '已为您处理。' }, lines: [], texts: ['reply'] },
  { name: 'feedback', schema: feedbackInput, valid: { eventId: '1', registrationId: '1', rating: '5', comment: '很好' }, lines: [], texts: ['comment'] },
  { name: 'callback', schema: callbackOutcomeInput, valid: { callbackId: '1', outcome: 'reached', opinion: '满意' }, lines: [], texts: ['opinion'] },
  { name: 'booking', schema: bookSlotInput, valid: { slotId: '1', address: '天河路1号', description: '屏幕碎了' }, lines: ['address'], texts: ['description'] },
  { name: 'API token', schema: createApiTokenInput, valid: { name: '10010 desk', channel: 'hotline', scope: '440000' }, lines: ['name'], texts: [] },
  { name: 'booking done', schema: bookingStepInput, valid: { bookingId: '1', to: 'done', notes: '更换屏幕' }, lines: [], texts: ['notes'] },
  { name: 'booking cancelled', schema: bookingCancelInput, valid: { bookingId: '1', reason: '客户改期' }, lines: [], texts: ['reason'] },
  {
    name: 'slot',
    schema: slotInput,
    valid: { serviceId: '1', area: '天河区', areaEn: 'Tianhe', date: '2027-03-06', startTime: '09:00', endTime: '10:00', opensAt: '2027-03-01T09:00', capacity: '3' },
    lines: ['area', 'areaEn'],
    texts: [],
  },
  { name: 'service settings', schema: serviceSettingsInput, valid: { serviceId: '1', descriptionZh: '说明', descriptionEn: 'About', eligibleSegments: ['postpaid'], vipPriorityHours: '0', pricePoints: '0' }, lines: [], texts: ['descriptionZh', 'descriptionEn'] },
  {
    name: 'trial programme',
    schema: trialProgrammeInput,
    valid: { serviceId: '1', titleZh: '新机试用', titleEn: 'New phone trial', units: '5', vipOpensAt: '2027-03-01T09:00', opensAt: '2027-03-02T09:00', closesAt: '2027-03-09T09:00', loanDays: '7' },
    lines: ['titleZh', 'titleEn'],
    texts: [],
  },
  { name: 'loaner', schema: loanerInput, valid: { hallId: '1', model: 'Phone X', imei: '123456789012345', condition: '完好' }, lines: ['model', 'condition'], texts: [] },
  { name: 'loaner return', schema: loanerReturnInput, valid: { loanId: '1', condition: '完好' }, lines: ['condition'], texts: [] },
  { name: 'new staff', schema: createStaffInput, valid: { username: 'gd.op', password: 'long enough 12', role: 'operator', provinceCode: '440000', displayName: '陈志强' }, lines: ['displayName'], texts: [] },
  { name: 'staff change', schema: updateStaffInput, valid: { staffId: '1', role: 'operator', provinceCode: '440000', displayName: '陈志强' }, lines: ['displayName'], texts: [] },
];

const code = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i));
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

/** The codes the schema answers for the field, or [] when it accepts the value. */
function refusals(schema: z.ZodType, valid: Record<string, unknown>, field: string, value: string): string[] {
  const result = schema.safeParse({ ...valid, [field]: value });
  return result.success ? [] : result.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe('free-text fields', () => {
  for (const { name, schema, valid, lines, texts } of SCHEMAS) {
    describe(name, () => {
      it('accepts the valid input', () => {
        const result = schema.safeParse(valid);
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      });

      for (const field of [...lines, ...texts]) {
        const multiline = texts.includes(field);
        it(`${field}: refuses C0 and C1 controls${multiline ? ' but line feeds' : ', line breaks'} and bidi controls`, () => {
          const unsafe = [...C0, ...C1, ...BIDI, '\u2028', '\u2029'].filter((c) => !(multiline && c === '\n'));
          for (const c of unsafe) {
            // In the middle: trimming would remove a line break at either end.
            expect(refusals(schema, valid, field, `甲${c}乙`), `${field} with ${code(c)}`).toContain(CONTROL_CHARACTERS);
          }
          expect(refusals(schema, valid, field, '甲\r乙'), `${field} with a lone CR`).toContain(CONTROL_CHARACTERS);
        });

        if (multiline) {
          it(`${field}: accepts line feeds, alone or after a carriage return`, () => {
            expect(refusals(schema, valid, field, '第一行\n第二行\r\n第三行')).toEqual([]);
          });
        }
      }
    });
  }
});
