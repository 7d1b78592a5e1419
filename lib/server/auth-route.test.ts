import { describe, expect, it } from 'vitest';
import { AUTH_BODY_LIMIT, authRequestRefusal, callbackUrlRefusal } from './auth-route';
import { readBodyUpTo } from './http';

const FORM = 'application/x-www-form-urlencoded';

describe('authRequestRefusal', () => {
  it('hands over what the sign-in form and sign-out use', () => {
    for (const action of ['csrf', 'session', 'providers', 'signin', 'signout', 'error']) expect(authRequestRefusal('GET', [action], null, null), action).toBeNull();
    expect(authRequestRefusal('POST', ['callback', 'staff'], FORM, 120)).toBeNull();
    expect(authRequestRefusal('POST', ['callback', 'member'], `${FORM}; charset=UTF-8`, null)).toBeNull();
    expect(authRequestRefusal('POST', ['callback', 'member-code'], FORM, 90)).toBeNull();
    expect(authRequestRefusal('POST', ['signin', 'member'], FORM, 80)).toBeNull();
    expect(authRequestRefusal('POST', ['signout'], FORM, 80)).toBeNull();
    expect(authRequestRefusal('HEAD', ['csrf'], null, null)).toBeNull();
  });

  it('answers a GET of a credentials callback with 405 and the method it takes', () => {
    expect(authRequestRefusal('GET', ['callback', 'staff'], null, null)).toEqual({ status: 405, code: 'method_not_allowed', allow: 'POST' });
    expect(authRequestRefusal('GET', ['callback', 'member'], null, null)).toEqual({ status: 405, code: 'method_not_allowed', allow: 'POST' });
    expect(authRequestRefusal('POST', ['session'], FORM, 10)).toEqual({ status: 405, code: 'method_not_allowed', allow: 'GET' });
    expect(authRequestRefusal('PUT', ['signout'], FORM, 10)).toEqual({ status: 405, code: 'method_not_allowed', allow: 'GET, POST' });
  });

  it('answers 404 for routes that are not ours: unknown providers and actions, the client logger, extra segments', () => {
    for (const segments of [[], ['callback'], ['callback', 'github'], ['signin', 'email'], ['_log'], ['verify-request'], ['nope'], ['callback', 'staff', 'extra'], ['csrf', 'staff'], ['..'], ['signout', 'staff']]) {
      expect(authRequestRefusal('GET', segments, null, null), segments.join('/')).toMatchObject({ status: 404 });
      expect(authRequestRefusal('POST', segments, FORM, 10), segments.join('/')).toMatchObject({ status: 404 });
    }
  });

  it('takes form bodies only, of bounded size', () => {
    expect(authRequestRefusal('POST', ['callback', 'staff'], 'application/json', 10)).toEqual({ status: 415, code: 'unsupported_media_type' });
    expect(authRequestRefusal('POST', ['callback', 'staff'], 'text/plain', 10)).toMatchObject({ status: 415 });
    expect(authRequestRefusal('POST', ['callback', 'staff'], null, 10)).toMatchObject({ status: 415 });
    expect(authRequestRefusal('POST', ['callback', 'staff'], FORM, AUTH_BODY_LIMIT + 1)).toEqual({ status: 413, code: 'payload_too_large' });
  });
});

describe('readBodyUpTo', () => {
  const chunked = (chunks: string[]) =>
    new Request('http://localhost/api/auth/callback/staff', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('reads a body within the limit', async () => {
    const text = async (request: Request) => new TextDecoder().decode((await readBodyUpTo(request, 100))!);
    expect(await text(chunked(['username=a', '&password=b']))).toBe('username=a&password=b');
    expect(await text(new Request('http://localhost/', { method: 'POST' }))).toBe('');
  });

  it('stops reading past the limit, whatever the headers said', async () => {
    expect(await readBodyUpTo(chunked(['x'.repeat(60), 'y'.repeat(60)]), 100)).toBeNull();
  });
});

describe('callbackUrlRefusal', () => {
  const ORIGIN = 'http://localhost:3000';

  it("lets the app's own pages through, and no callbackUrl at all", () => {
    expect(callbackUrlRefusal([null, undefined, ''], ORIGIN)).toBeNull();
    expect(callbackUrlRefusal(['/points', 'http://localhost:3000/signin?from=%2Fpoints'], ORIGIN)).toBeNull();
  });

  it('refuses what next-auth cannot parse and what leads elsewhere', () => {
    for (const bad of ['%E0%A4%A', 'http://%zz', 'javascript:alert(1)', 'https://evil.example/', '/\\evil.example']) {
      expect(callbackUrlRefusal([null, bad], ORIGIN), bad).toEqual({ status: 400, code: 'invalid_callback_url' });
    }
  });
});
