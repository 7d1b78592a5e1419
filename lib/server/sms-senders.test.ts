import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from './log';
import { gatewayUrl, webhookSender, type OutgoingMessage } from './sms-senders';

/** A gateway that refuses messages to numbers ending in 9 and records what it was given. */
const received: unknown[] = [];
const gateway = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const message = JSON.parse(body) as { to: string };
    received.push({ contentType: request.headers['content-type'], ...message });
    response.statusCode = message.to.endsWith('9') ? 503 : 202;
    response.end();
  });
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
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
    const ok = await webhookSender(url).sendMany!([message(1, '18600000001'), message(2, '18600000009'), message(3, '18600000003')]);
    const lines = write.mock.calls.map(([line]) => String(line)).join('');
    write.mockRestore();

    expect(ok).toEqual([true, false, true]);
    expect(received).toEqual(
      expect.arrayContaining([
        { contentType: 'application/json', id: 1, to: '18600000001', text: '验证码是123451' },
        { contentType: 'application/json', id: 3, to: '18600000003', text: '验证码是123453' },
      ]),
    );
    expect(lines).toContain('186****0009');
    expect(lines).not.toMatch(/18600000009|123452/);
  });

  it('throws on a refusal when sending one', async () => {
    await expect(webhookSender(url).send(message(4, '18600000019'))).rejects.toThrow('503');
  });
});

describe('SMS_GATEWAY_URL', () => {
  it('takes an http or https gateway and refuses anything else by name', () => {
    expect(gatewayUrl('https://sms.example.cn/send')).toBe('https://sms.example.cn/send');
    expect(gatewayUrl('http://127.0.0.1:9000/sms')).toBe('http://127.0.0.1:9000/sms');
    expect(() => gatewayUrl('smpp://user:pw@smsc:2775')).toThrow(/SMS_GATEWAY_URL: the smpp: scheme is not supported/);
    expect(() => gatewayUrl('sms.example.cn')).toThrow(/SMS_GATEWAY_URL: expected an http/);
  });
});
