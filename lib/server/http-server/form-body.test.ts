import { describe, expect, it } from 'vitest';
import { isServerActionPost, isWellFormedActionId, serverActionBodyProblem } from './form-body';

describe('isServerActionPost', () => {
  it('is a POST to a page with a Next-Action header or a multipart form', () => {
    expect(isServerActionPost('POST', '/events/1', { 'next-action': 'abc' })).toBe(true);
    expect(isServerActionPost('POST', '/ops/import', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(true);
    expect(isServerActionPost('POST', '/ops/checkin/1/scans', { 'content-type': 'application/json' })).toBe(false);
    expect(isServerActionPost('GET', '/events/1', { 'next-action': 'abc' })).toBe(false);
    expect(isServerActionPost('POST', '/api/auth/callback/staff', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(false);
  });
});

describe('serverActionBodyProblem', () => {
  it("takes a form's arguments as React encodes them, and JSON text", async () => {
    const form = new FormData();
    form.append('0', '[{"status":"idle"},"$K1"]');
    form.append('1_mobile', '18612345678');
    form.append('1_file', new Blob(['a,b\n']), 'a.csv');
    const encoded = new Response(form);
    expect(await serverActionBodyProblem(encoded.headers.get('content-type')!, Buffer.from(await encoded.arrayBuffer()), true)).toBeNull();
    expect(await serverActionBodyProblem('text/plain;charset=UTF-8', Buffer.from('[{"a":"$K1"}]'), true)).toBeNull();
    expect(await serverActionBodyProblem(undefined, Buffer.from('["x"]'), true)).toBeNull();
  });

  it('takes a form posted without script (no arguments of that kind) when it parses', async () => {
    const form = new FormData();
    form.append('$ACTION_ID_7f00', '');
    const encoded = new Response(form);
    expect(await serverActionBodyProblem(encoded.headers.get('content-type')!, Buffer.from(await encoded.arrayBuffer()), false)).toBeNull();
  });

  it.each([
    ['multipart/form-data', 'anything', 'invalid_body'],
    ['multipart/form-data; boundary=xx', 'garbage', 'invalid_body'],
    ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', 'invalid_body'],
    ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xx--\r\n', 'invalid_arguments'],
    ['text/plain;charset=UTF-8', 'garbage{', 'invalid_json'],
    ['text/plain;charset=UTF-8', '', 'invalid_json'],
    ['text/plain;charset=UTF-8', 'null', 'invalid_arguments'],
    ['text/plain;charset=UTF-8', '["$Q1"]', 'invalid_arguments'],
  ])('refuses %s %j', async (contentType, body, code) => {
    expect(await serverActionBodyProblem(contentType, Buffer.from(body), true)).toBe(code);
  });
});

describe('isWellFormedActionId', () => {
  it('takes no header, and the hex ids Next writes', () => {
    expect(isWellFormedActionId(undefined)).toBe(true);
    expect(isWellFormedActionId('7f9dcc3a1aee662a1d0f1cc28702bd07475d640483')).toBe(true);
  });

  it.each(['', 'garbage', '7f9dcc3a', '7f9dcc3a1aee662a1d0f1cc28702bd07475d64048z', 'x'.repeat(100)])('refuses %j', (id) => {
    expect(isWellFormedActionId(id)).toBe(false);
  });

  it('refuses the header sent twice', () => {
    expect(isWellFormedActionId(['7f9dcc3a1aee662a1d0f1cc28702bd07475d640483', '7f9dcc3a1aee662a1d0f1cc28702bd07475d640483'])).toBe(false);
  });
});
