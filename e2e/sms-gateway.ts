import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { SMS_GATEWAY_PORT, SMS_GATEWAY_SECRET, type ReceivedSms } from './sms';

/**
 * Whether a POST carries the signature docs/sms.md describes: `sha256=` and the hex HMAC-SHA256 of
 * the timestamp header, a dot and the body, keyed with the shared secret. Written here apart from
 * the server's code, as a gateway's developer would from the documentation.
 */
function signedBySecret(request: http.IncomingMessage, body: string): boolean {
  const timestamp = request.headers['x-clubhub-timestamp'];
  const signature = request.headers['x-clubhub-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || Math.abs(Date.now() - Number(timestamp)) > 5 * 60_000) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', SMS_GATEWAY_SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A stand-in for the operator's SMS gateway, run by Playwright around the whole suite (globalSetup
 * in playwright.config.ts): it accepts what the server's webhook sender posts, as a gateway would,
 * and answers a test the messages a number received, as the phone would. It takes only requests
 * signed with the secret the server is given (SMS_GATEWAY_SECRET): an unsigned or mis-signed SMS
 * is refused (401) and never reaches a test. Kept in memory only.
 */
export default async function startSmsGateway(): Promise<() => Promise<void>> {
  const received: ReceivedSms[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    if (url.pathname !== '/sms') return void response.writeHead(404).end();
    if (request.method === 'GET') {
      const to = url.searchParams.get('to');
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received.filter((m) => m.to === to)));
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (!signedBySecret(request, body)) return void response.writeHead(401).end();
      try {
        const { id, to, text } = JSON.parse(body) as ReceivedSms;
        received.push({ id, to, text });
        response.writeHead(202).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMS_GATEWAY_PORT, '127.0.0.1', resolve);
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
