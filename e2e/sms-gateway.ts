import http from 'node:http';
import { SMS_GATEWAY_PORT, type ReceivedSms } from './sms';

/**
 * A stand-in for the operator's SMS gateway, run by Playwright around the whole suite (globalSetup
 * in playwright.config.ts): it accepts what the server's webhook sender posts, as a gateway would,
 * and answers a test the messages a number received, as the phone would. Kept in memory only.
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
