import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '../log';
import { SIGNATURE_HEADER, signatureOf, TIMESTAMP_HEADER, verifySignature, webhookSender } from './http';
import { logSender, senderFor } from './index';
import { parseGatewayUrl, type OutgoingMessage } from './senders';
import { SmppClient } from './smpp';

const SECRET = 'gateway secret shared with the operator';

/**
 * A gateway that refuses messages to numbers ending in 9, and any request whose signature it cannot
 * verify when it is given a secret, and records what it was given.
 */
const received: Record<string, unknown>[] = [];
const gateway = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const signature = { timestamp: request.headers[TIMESTAMP_HEADER] as string | undefined, signature: request.headers[SIGNATURE_HEADER] as string | undefined };
    const verified = verifySignature(SECRET, { timestamp: signature.timestamp ?? null, signature: signature.signature ?? null }, body);
    const message = JSON.parse(body) as { to: string };
    received.push({ contentType: request.headers['content-type'], verified, ...message });
    if (request.url === '/signed' && !verified) response.statusCode = 401;
    else response.statusCode = message.to.endsWith('9') ? 503 : 202;
    response.end();
  });
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

const message = (id: number, mobile: string): OutgoingMessage => ({
  id,
  mobile,
  channel: 'sms',
  template: 'otp',
  body: `验证码是12345${id}`,
  loggableBody: '验证码是{code}',
});

describe('the webhook sender', () => {
  it('posts each message as JSON and reports which the gateway accepted', async () => {
    const stream = (log as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
    const write = vi.spyOn(stream, 'write').mockImplementation(() => true);
    const ok = await webhookSender(`${base}/sms`).sendMany!([message(1, '18600000001'), message(2, '18600000009'), message(3, '18600000003')]);
    const lines = write.mock.calls.map(([line]) => String(line)).join('');
    write.mockRestore();

    expect(ok).toEqual([true, false, true]);
    expect(received).toEqual(
      expect.arrayContaining([
        { contentType: 'application/json', verified: false, id: 1, to: '18600000001', text: '验证码是123451' },
        { contentType: 'application/json', verified: false, id: 3, to: '18600000003', text: '验证码是123453' },
      ]),
    );
    expect(lines).toContain('186****0009');
    expect(lines).not.toMatch(/18600000009|123452/);
  });

  it('throws on a refusal when sending one', async () => {
    await expect(webhookSender(`${base}/sms`).send(message(4, '18600000019'))).rejects.toThrow('503');
  });

  it('signs each request with the secret, as the gateway verifies', async () => {
    await webhookSender(`${base}/signed`, SECRET).send(message(5, '18600000005'));
    expect(received.at(-1)).toMatchObject({ id: 5, verified: true });
    // Signed with another secret, the gateway refuses it.
    await expect(webhookSender(`${base}/signed`, 'not the secret').send(message(6, '18600000006'))).rejects.toThrow('401');
    expect(received.at(-1)).toMatchObject({ id: 6, verified: false });
  });

  it('has a signature that fails on another body, a stale timestamp or a missing header', () => {
    const body = '{"id":1}';
    const now = Date.now();
    const timestamp = String(now);
    expect(verifySignature(SECRET, { timestamp, signature: signatureOf(SECRET, timestamp, body) }, body, now)).toBe(true);
    expect(verifySignature(SECRET, { timestamp, signature: signatureOf(SECRET, timestamp, body) }, '{"id":2}', now)).toBe(false);
    expect(verifySignature(SECRET, { timestamp, signature: signatureOf(SECRET, timestamp, body) }, body, now + 6 * 60_000)).toBe(false);
    expect(verifySignature(SECRET, { timestamp: null, signature: signatureOf(SECRET, timestamp, body) }, body, now)).toBe(false);
  });
});

describe('SMS_GATEWAY_URL', () => {
  it('takes an SMPP centre, over TLS too, and an http or https gateway, and refuses anything else by name', () => {
    expect(parseGatewayUrl('smpp://clubhub:s%40cret@smsc.example.cn:2776')).toEqual({ kind: 'smpp', host: 'smsc.example.cn', port: 2776, tls: false, systemId: 'clubhub', password: 's@cret' });
    expect(parseGatewayUrl('smpp://clubhub:pw@10.0.0.5')).toMatchObject({ port: 2775, tls: false });
    expect(parseGatewayUrl('smpps://clubhub:pw@smsc.example.cn')).toMatchObject({ port: 3550, tls: true });
    expect(parseGatewayUrl('https://sms.example.cn/send')).toEqual({ kind: 'http', url: 'https://sms.example.cn/send' });
    expect(parseGatewayUrl('http://127.0.0.1:9000/sms')).toEqual({ kind: 'http', url: 'http://127.0.0.1:9000/sms' });
    expect(() => parseGatewayUrl('smpp://smsc.example.cn:2775')).toThrow(/SMS_GATEWAY_URL: an SMPP address needs system_id:password@host/);
    expect(() => parseGatewayUrl('ftp://sms.example.cn')).toThrow(/SMS_GATEWAY_URL: the ftp: scheme is not supported/);
    expect(() => parseGatewayUrl('sms.example.cn')).toThrow(/SMS_GATEWAY_URL: expected an smpp/);
  });

  it('chooses the sender by the scheme, and the log without a gateway', async () => {
    expect(senderFor({})).toBe(logSender);
    expect(senderFor({ gatewayUrl: `${base}/sms` })).not.toBe(logSender);
    const smpp = senderFor({ gatewayUrl: 'smpp://clubhub:pw@127.0.0.1:1', ratePerSecond: '5' });
    expect(smpp).toBeInstanceOf(SmppClient);
    await (smpp as SmppClient).close();
    expect(() => senderFor({ gatewayUrl: 'smpp://clubhub:pw@127.0.0.1:1', ratePerSecond: 'fast' })).toThrow(/SMS_RATE_PER_SECOND/);
  });

  it('refuses an https gateway without a secret in production, and takes one with it', () => {
    expect(() => senderFor({ gatewayUrl: 'https://sms.example.cn/send', production: true })).toThrow(/SMS_GATEWAY_SECRET/);
    expect(senderFor({ gatewayUrl: 'https://sms.example.cn/send', production: true, secret: SECRET })).toBeDefined();
    expect(senderFor({ gatewayUrl: 'https://sms.example.cn/send' })).toBeDefined();
  });
});
