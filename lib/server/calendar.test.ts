import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOUR, shanghaiInstant } from '@/lib/domain/time';
import { appBaseUrl, buildEventsCalendar, calendarResponse, eventUid, type CalendarEvent } from './calendar';

const createdAt = shanghaiInstant(2024, 11, 1, 9);

const published: CalendarEvent = {
  id: 11,
  titleZh: '新片抢先看：《逆光飞行》',
  titleEn: 'Premiere preview: Flying Against the Light',
  descriptionZh: '上映前一周会员专场放映，映后主创交流。',
  descriptionEn: 'A members-only screening a week before release, with a Q&A.',
  venue: '广州天河城飞扬影城3号厅',
  city: '广州',
  startsAt: shanghaiInstant(2024, 12, 31, 23, 30),
  endsAt: shanghaiInstant(2025, 1, 1, 1, 30),
  status: 'published',
  createdAt,
  updatedAt: createdAt + 90_000,
  revision: 4,
};

const cancelled: CalendarEvent = {
  ...published,
  id: 12,
  titleZh: '影迷交流会：年度华语佳片回顾',
  titleEn: null,
  descriptionEn: null,
  startsAt: shanghaiInstant(2025, 1, 11, 14),
  endsAt: shanghaiInstant(2025, 1, 11, 17),
  status: 'cancelled',
  updatedAt: createdAt + 10 * HOUR,
  revision: 5,
};

const awkward: CalendarEvent = {
  ...published,
  id: 13,
  titleZh: '音乐会员活动; 第1场, "周年"\\特别版',
  titleEn: null,
  descriptionZh: '第一行：签到, 领取门票;\n第二行：入场\n\n——欢迎光临',
  descriptionEn: null,
  venue: '深圳市福田区 会展中心, 5号馆; B区',
  city: '深圳',
  startsAt: shanghaiInstant(2025, 2, 1, 19, 30),
  endsAt: shanghaiInstant(2025, 2, 1, 21, 30),
  status: 'completed',
  updatedAt: null,
  revision: 0,
};

/** When the calendars below are written. */
const NOW = shanghaiInstant(2024, 12, 1, 12);
const options = { name: '广东省 · 电影俱乐部', locale: 'zh-CN', baseUrl: 'https://club.example.cn', now: NOW };

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = new Map(root.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e]));
  return { root, events };
}

function instant(component: ICAL.Component, name: string) {
  const value = component.getFirstPropertyValue(name) as ICAL.Time;
  return { utc: value.zone === ICAL.Timezone.utcTimezone, ms: value.toJSDate().getTime() };
}

describe('buildEventsCalendar', () => {
  const text = buildEventsCalendar([published, cancelled, awkward], options);
  const { root, events } = parse(text);

  it('is a version 2.0 calendar with a product id and a name', () => {
    expect(root.name).toBe('vcalendar');
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(String(root.getFirstPropertyValue('prodid'))).toContain('Club Hub');
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe(options.name);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it('gives every event a UID that stays the same from one build to the next', () => {
    expect([...events.keys()].sort()).toEqual([eventUid(11), eventUid(12), eventUid(13)]);
    const again = parse(buildEventsCalendar([awkward, published, cancelled], options)).events;
    for (const [uid, event] of events) {
      expect(again.get(uid)?.toString()).toBe(event.toString());
    }
  });

  it('writes start and end in UTC at the stored instants', () => {
    for (const source of [published, cancelled, awkward]) {
      const event = events.get(eventUid(source.id))!;
      expect(instant(event, 'dtstart')).toEqual({ utc: true, ms: source.startsAt });
      expect(instant(event, 'dtend')).toEqual({ utc: true, ms: source.endsAt });
    }
  });

  it('puts 23:30 on 31 December Beijing time at 15:30Z', () => {
    expect(text).toContain('DTSTART:20241231T153000Z');
    expect(new Date(published.startsAt).toISOString()).toBe('2024-12-31T15:30:00.000Z');
  });

  it('stamps each event with the moment of writing, its creation and its last change, and its revision as SEQUENCE', () => {
    const first = events.get(eventUid(11))!;
    expect(instant(first, 'dtstamp')).toEqual({ utc: true, ms: NOW });
    expect(instant(first, 'created')).toEqual({ utc: true, ms: createdAt });
    expect(instant(first, 'last-modified')).toEqual({ utc: true, ms: published.updatedAt });
    // Never changed: last modified when created.
    expect(instant(events.get(eventUid(13))!, 'last-modified')).toEqual({ utc: true, ms: awkward.createdAt });
    expect(first.getFirstPropertyValue('sequence')).toBe(4);
    expect(events.get(eventUid(12))!.getFirstPropertyValue('sequence')).toBe(5);
    expect(events.get(eventUid(13))!.getFirstPropertyValue('sequence')).toBe(0);
  });

  it('never dates a change before the creation, nor anything after the moment of writing', () => {
    const skewed = { ...published, createdAt: NOW - HOUR, updatedAt: NOW - 2 * HOUR };
    const before = parse(buildEventsCalendar([skewed], options)).events.get(eventUid(11))!;
    expect(instant(before, 'last-modified').ms).toBe(NOW - HOUR);
    const ahead = { ...published, createdAt: NOW + HOUR, updatedAt: NOW + 2 * HOUR };
    const future = parse(buildEventsCalendar([ahead], options)).events.get(eventUid(11))!;
    for (const name of ['dtstamp', 'created', 'last-modified']) expect(instant(future, name).ms).toBeLessThanOrEqual(NOW);
  });

  it('writes DTSTAMP as now when not told otherwise', () => {
    const before = Date.now();
    const stamp = instant(parse(buildEventsCalendar([published], { ...options, now: undefined })).events.get(eventUid(11))!, 'dtstamp').ms;
    // DTSTAMP has whole seconds.
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });

  it('ends every line, the last one too, with CRLF', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('marks the cancelled event CANCELLED and the others CONFIRMED', () => {
    expect(events.get(eventUid(12))!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events.get(eventUid(11))!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events.get(eventUid(13))!.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('round-trips text with commas, semicolons, backslashes, newlines and Chinese exactly', () => {
    const event = events.get(eventUid(13))!;
    expect(event.getFirstPropertyValue('summary')).toBe(awkward.titleZh);
    expect(event.getFirstPropertyValue('location')).toBe(`${awkward.venue}, 深圳`);
    expect(event.getFirstPropertyValue('description')).toBe(`${awkward.descriptionZh}\n\nhttps://club.example.cn/events/13`);
    expect(text).toContain('SUMMARY:音乐会员活动\\; 第1场\\, "周年"\\\\特别版');
  });

  it('keeps the summary Chinese and adds the English title and text to the description', () => {
    const event = events.get(eventUid(11))!;
    expect(event.getFirstPropertyValue('summary')).toBe(published.titleZh);
    expect(event.getFirstPropertyValue('description')).toBe(
      [published.descriptionZh, published.titleEn, published.descriptionEn, 'https://club.example.cn/events/11'].join('\n\n'),
    );
    expect(event.getFirstPropertyValue('url')).toBe('https://club.example.cn/events/11');
    const english = parse(buildEventsCalendar([published], { ...options, locale: 'en' })).events.get(eventUid(11))!;
    expect(english.getFirstPropertyValue('summary')).toBe(published.titleZh);
    expect(String(english.getFirstPropertyValue('description')).startsWith(published.titleEn!)).toBe(true);
  });

  it('leaves the URL out without a known origin, and never lists a draft', () => {
    const { events: bare } = parse(buildEventsCalendar([published, { ...published, id: 14, status: 'draft' }], { ...options, baseUrl: null }));
    expect([...bare.keys()]).toEqual([eventUid(11)]);
    expect(bare.get(eventUid(11))!.getFirstPropertyValue('url')).toBeNull();
  });

  it('keeps long Chinese text intact across folded lines', () => {
    const long = { ...awkward, descriptionZh: '会员专场放映，映后主创交流。'.repeat(20) };
    const event = parse(buildEventsCalendar([long], { ...options, baseUrl: null })).events.get(eventUid(13))!;
    expect(event.getFirstPropertyValue('description')).toBe(long.descriptionZh);
    expect(buildEventsCalendar([long], options).split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('asks subscribed clients to refresh only when told to', () => {
    expect(text).not.toContain('REFRESH-INTERVAL');
    expect(buildEventsCalendar([], { ...options, refreshSeconds: 3600 })).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });
});

describe('buildEventsCalendar with hostile text', () => {
  // Calendar clients read the calendar's name as TEXT (RFC 7986 NAME; X-WR-CALNAME by convention);
  // ical.js does not know them and would hand back the raw escaped value.
  const design = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
  design.name = { defaultType: 'text' };
  design['x-wr-calname'] = { defaultType: 'text' };
  const injection = 'Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected@evil\r\nSUMMARY:fake;,\\\nX-WR-CALNAME:pwned\r';
  const controls = 'a\u0000b\u0007c\u001Bd\u0085e\u202Ef\u2066g\u2028h\ti';
  const hostile: CalendarEvent = {
    ...published,
    titleZh: injection + controls,
    titleEn: injection,
    descriptionZh: injection,
    descriptionEn: controls,
    venue: injection,
    city: controls,
  };
  const name = `${injection}${controls}${'长'.repeat(60)}`;
  const text = buildEventsCalendar([hostile], { ...options, name });
  const { root, events } = parse(text);
  const names = (component: ICAL.Component) => component.getAllProperties().map((p) => p.name);

  it('has exactly the calendar properties it should, each once, and one event', () => {
    expect(names(root).sort()).toEqual(['method', 'name', 'prodid', 'version', 'x-wr-calname', 'x-wr-timezone']);
    expect(root.getAllSubcomponents().map((c) => c.name)).toEqual(['vevent']);
    expect([...events.keys()]).toEqual([eventUid(hostile.id)]);
  });

  it('has exactly the event properties it should, each once', () => {
    const event = events.get(eventUid(hostile.id))!;
    expect(names(event).sort()).toEqual(['created', 'description', 'dtend', 'dtstamp', 'dtstart', 'last-modified', 'location', 'sequence', 'status', 'summary', 'uid', 'url']);
  });

  it('keeps the hostile text as text: line breaks escaped, other controls and bidi overrides dropped', () => {
    const plainInjection = 'Evil\nEND:VEVENT\nBEGIN:VEVENT\nUID:injected@evil\nSUMMARY:fake;,\\\nX-WR-CALNAME:pwned\n';
    const plainControls = 'abcdefghi';
    expect(root.getFirstPropertyValue('x-wr-calname')).toBe(`${plainInjection}${plainControls}${'长'.repeat(60)}`);
    expect(root.getFirstPropertyValue('name')).toBe(`${plainInjection}${plainControls}${'长'.repeat(60)}`);
    const event = events.get(eventUid(hostile.id))!;
    expect(event.getFirstPropertyValue('summary')).toBe(plainInjection + plainControls);
    expect(event.getFirstPropertyValue('location')).toBe(`${plainInjection}, ${plainControls}`);
    expect(String(event.getFirstPropertyValue('description'))).toContain(plainInjection);
  });

  it('writes no line that begins a property of its own from the text, and folds every line to 75 octets', () => {
    const lines = text.split('\r\n');
    expect(lines.filter((l) => /^(BEGIN|END):VEVENT$/.test(l))).toEqual(['BEGIN:VEVENT', 'END:VEVENT']);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([`UID:${eventUid(hostile.id)}`]);
    expect(lines.filter((l) => l.startsWith('X-WR-CALNAME:'))).toHaveLength(1);
    for (const line of lines) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('calendarResponse', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps Last-Modified put when an event carries a time from the future, so that If-Modified-Since still matches', () => {
    vi.useFakeTimers({ now: NOW });
    const ahead = { ...published, id: 15, createdAt: NOW + 2 * 24 * HOUR, updatedAt: null };
    const request = (headers: Record<string, string> = {}) => new Request('https://club.example.cn/calendar/440000/film.ics', { headers });
    const headers = { disposition: 'inline', cacheControl: 'public, max-age=900' };
    const first = calendarResponse(request(), [published, ahead], options, headers);
    expect(first.headers.get('last-modified')).toBe(new Date(published.updatedAt!).toUTCString());
    vi.setSystemTime(NOW + 5_000);
    const again = calendarResponse(request({ 'if-modified-since': first.headers.get('last-modified')! }), [published, ahead], options, headers);
    expect(again.status).toBe(304);
  });
});

describe('appBaseUrl', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is PUBLIC_URL when set, else NEXTAUTH_URL, without a trailing slash', () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000/');
    vi.stubEnv('PUBLIC_URL', 'https://club.example.cn/');
    expect(appBaseUrl()).toBe('https://club.example.cn');
    vi.stubEnv('PUBLIC_URL', ' ');
    expect(appBaseUrl()).toBe('http://localhost:3000');
    vi.stubEnv('NEXTAUTH_URL', '');
    expect(appBaseUrl()).toBeNull();
  });
});
