import { afterEach, describe, expect, it } from 'vitest';
import { requireSameOriginJson } from './same-origin';

const APP = 'http://club.example:3000';

function post(headers: Record<string, string>): Request {
  return new Request(`${APP}/ops/checkin/1/scans`, { method: 'POST', headers: { host: 'club.example:3000', ...headers }, body: '{}' });
}

const refusal = (request: Request) => {
  try {
    requireSameOriginJson(request);
    return null;
  } catch (error) {
    return error as { code: string; status: number };
  }
};

const json = { 'content-type': 'application/json' };

describe('requireSameOriginJson', () => {
  const configured = process.env.NEXTAUTH_URL;
  afterEach(() => {
    process.env.NEXTAUTH_URL = configured;
  });

  it('lets JSON from the app’s own origin through, with or without a charset and Sec-Fetch-Site', () => {
    expect(refusal(post({ origin: APP, ...json }))).toBeNull();
    expect(refusal(post({ origin: APP, 'sec-fetch-site': 'same-origin', 'content-type': 'Application/JSON; charset=utf-8' }))).toBeNull();
  });

  it('accepts the configured public origin when a proxy forwards to another host', () => {
    process.env.NEXTAUTH_URL = 'https://hub.operator.cn/';
    const behindProxy = new Request('http://127.0.0.1:3000/ops/checkin/1/scans', { method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'https://hub.operator.cn', ...json }, body: '{}' });
    expect(refusal(behindProxy)).toBeNull();
  });

  it('refuses another origin with 403, whatever the body', () => {
    for (const origin of ['https://evil.example', 'http://club.example:3001', 'http://club.example.evil.example:3000', 'null', 'not a url', 'file:///x']) {
      expect(refusal(post({ origin, ...json })), origin).toMatchObject({ code: 'cross_origin_request', status: 403 });
    }
  });

  it('refuses a request that says it is cross-site even with a matching Origin', () => {
    expect(refusal(post({ origin: APP, 'sec-fetch-site': 'cross-site', ...json }))).toMatchObject({ status: 403 });
  });

  it('without Origin, passes only what the browser marks same-origin', () => {
    expect(refusal(post({ 'sec-fetch-site': 'same-origin', ...json }))).toBeNull();
    for (const site of ['same-site', 'cross-site', 'none']) {
      expect(refusal(post({ 'sec-fetch-site': site, ...json })), site).toMatchObject({ code: 'cross_origin_request', status: 403 });
    }
    expect(refusal(post(json))).toMatchObject({ code: 'cross_origin_request', status: 403 });
  });

  it('refuses same-origin bodies that are not JSON with 415', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'text/json']) {
      expect(refusal(post({ origin: APP, 'content-type': type })), type).toMatchObject({ code: 'json_required', status: 415 });
    }
    expect(refusal(post({ origin: APP }))).toMatchObject({ code: 'json_required', status: 415 });
  });
});
