import { describe, expect, it } from 'vitest';
import { subscribeLinks } from './calendar-links';

describe('subscribeLinks', () => {
  it('builds the webcal, Google Calendar and Outlook links of an https feed', () => {
    const links = subscribeLinks('https://club.example.cn/calendar/440000/film.ics', '电影俱乐部 · 广东');
    expect(links.url).toBe('https://club.example.cn/calendar/440000/film.ics');
    expect(links.webcal).toBe('webcal://club.example.cn/calendar/440000/film.ics');
    const google = new URL(links.google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(google.searchParams.get('cid')).toBe('webcal://club.example.cn/calendar/440000/film.ics');
    const outlook = new URL(links.outlook);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/addfromweb');
    expect(outlook.searchParams.get('url')).toBe('https://club.example.cn/calendar/440000/film.ics');
    expect(outlook.searchParams.get('name')).toBe('电影俱乐部 · 广东');
  });

  it('keeps a secret path intact through the encoding, and turns http into webcal too', () => {
    const feed = 'http://localhost:3000/calendar/personal/42-Ab_c-123.ics';
    const links = subscribeLinks(feed, 'Mine & yours');
    expect(links.webcal).toBe('webcal://localhost:3000/calendar/personal/42-Ab_c-123.ics');
    expect(new URL(links.google).searchParams.get('cid')).toBe(links.webcal);
    expect(new URL(links.outlook).searchParams.get('url')).toBe(feed);
    expect(new URL(links.outlook).searchParams.get('name')).toBe('Mine & yours');
  });
});
