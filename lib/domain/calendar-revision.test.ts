import { describe, expect, it } from 'vitest';
import { nextRevision, type CalendarFacts } from './calendar-revision';

const event: CalendarFacts & { revision: number } = {
  titleZh: '周末观影会',
  titleEn: 'Weekend film night',
  descriptionZh: '在天河影城放映',
  descriptionEn: null,
  venue: '天河影城',
  city: '广州',
  startsAt: Date.UTC(2026, 11, 12, 11),
  endsAt: Date.UTC(2026, 11, 12, 13),
  status: 'published',
  revision: 3,
};

describe('the calendar revision of an event', () => {
  it('rises with each change a calendar shows: time, place, title, description', () => {
    expect(nextRevision(event, { startsAt: event.startsAt + 3_600_000 })).toBe(4);
    expect(nextRevision(event, { endsAt: event.endsAt + 60_000 })).toBe(4);
    expect(nextRevision(event, { venue: '正佳广场影院' })).toBe(4);
    expect(nextRevision(event, { city: null })).toBe(4);
    expect(nextRevision(event, { titleZh: '周末观影会（加场）' })).toBe(4);
    expect(nextRevision(event, { titleEn: null })).toBe(4);
    expect(nextRevision(event, { descriptionZh: '改在正佳广场' })).toBe(4);
    expect(nextRevision(event, { descriptionEn: 'At Teemall' })).toBe(4);
  });

  it('rises once for several changes at a time', () => {
    expect(nextRevision(event, { venue: '正佳广场影院', startsAt: event.startsAt + 1 })).toBe(4);
  });

  it('rises on a cancellation, which calendars show as CANCELLED', () => {
    expect(nextRevision(event, { status: 'cancelled' })).toBe(4);
  });

  it('stays for what a calendar does not show', () => {
    expect(nextRevision(event, { ...event })).toBe(3);
    expect(nextRevision(event, {})).toBe(3);
    expect(nextRevision(event, { status: 'completed' })).toBe(3);
    expect(nextRevision({ ...event, status: 'draft' }, { status: 'published' })).toBe(3);
  });
});
