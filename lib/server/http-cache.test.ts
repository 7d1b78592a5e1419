import { describe, expect, it } from 'vitest';
import { conditionalResponse, isNotModified, weakEtag } from './http-cache';

const lastModified = Date.UTC(2026, 11, 7, 8, 30, 15, 500);
const validators = { etag: weakEtag({ events: [1, 2], locale: 'zh-CN' }), lastModified };
const get = (headers: Record<string, string> = {}) => new Request('https://club.example.cn/calendar/440000/film.ics', { headers });

describe('conditional GET', () => {
  it('makes weak tags that follow the content', () => {
    expect(validators.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakEtag({ events: [1, 2], locale: 'zh-CN' })).toBe(validators.etag);
    expect(weakEtag({ events: [1, 2], locale: 'en' })).not.toBe(validators.etag);
  });

  it('answers If-None-Match by weak comparison, in a list, or *', () => {
    expect(isNotModified(get({ 'if-none-match': validators.etag }), validators)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': validators.etag.slice(2) }), validators)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': `W/"other", ${validators.etag}` }), validators)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': '*' }), validators)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': 'W/"other"' }), validators)).toBe(false);
  });

  it('lets If-None-Match decide alone when both are sent', () => {
    const later = new Date(lastModified + 60_000).toUTCString();
    expect(isNotModified(get({ 'if-none-match': 'W/"other"', 'if-modified-since': later }), validators)).toBe(false);
  });

  it('answers If-Modified-Since in whole seconds, and ignores a date it cannot read', () => {
    expect(isNotModified(get({ 'if-modified-since': new Date(lastModified).toUTCString() }), validators)).toBe(true);
    expect(isNotModified(get({ 'if-modified-since': new Date(lastModified - 1000).toUTCString() }), validators)).toBe(false);
    expect(isNotModified(get({ 'if-modified-since': 'yesterday' }), validators)).toBe(false);
    expect(isNotModified(get(), validators)).toBe(false);
  });

  it('sends the body with the validators, or an empty 304 with them and the cache headers', async () => {
    const headers = { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=900' };
    const full = conditionalResponse(get(), validators, () => 'BEGIN:VCALENDAR\r\n', headers);
    expect(full.status).toBe(200);
    expect(full.headers.get('etag')).toBe(validators.etag);
    expect(full.headers.get('last-modified')).toBe('Mon, 07 Dec 2026 08:30:15 GMT');
    expect(await full.text()).toBe('BEGIN:VCALENDAR\r\n');
    let built = false;
    const empty = conditionalResponse(get({ 'if-none-match': validators.etag }), validators, () => ((built = true), 'x'), headers);
    expect(empty.status).toBe(304);
    expect(built).toBe(false);
    expect(await empty.text()).toBe('');
    expect(empty.headers.get('cache-control')).toBe('public, max-age=900');
    expect(empty.headers.get('etag')).toBe(validators.etag);
    expect(empty.headers.get('content-type')).toBeNull();
  });
});
