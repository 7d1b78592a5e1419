import 'server-only';
import { headers } from 'next/headers';
import { limitedAddressOf } from './http-server/client-address';

/**
 * The client's address as per-address limits count it (an IPv6 client by its /64). The HTTP server
 * in front of Next resolves it (the socket's address, or what trusted proxies reported:
 * lib/server/http-server/client-address.ts) and hands it on as the request's only X-Forwarded-For
 * entry. Under `next dev`, which has no such server, the last entry (the nearest hop) is taken.
 */
export function clientIp(requestHeaders: Record<string, string | string[] | undefined> | undefined): string {
  const raw = requestHeaders?.['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const address = value.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return address ? limitedAddressOf(address) : 'unknown';
}

/** The client's address of the request a server action or a page is serving. */
export async function requestClientIp(): Promise<string> {
  return clientIp({ 'x-forwarded-for': (await headers()).get('x-forwarded-for') ?? undefined });
}
