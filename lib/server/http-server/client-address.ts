import { isIP } from 'node:net';

/**
 * Who is on the other end of a request. A client may write any X-Forwarded-For it likes, so the
 * header is believed only as far as it was written by proxies this deployment trusts
 * (TRUSTED_PROXIES); otherwise the address is the socket's.
 */

interface ParsedIp {
  version: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: number[];
}

/** `[::1]:443` -> `::1`, `1.2.3.4:80` -> `1.2.3.4`, `fe80::1%eth0` -> `fe80::1`. */
function stripPortAndZone(text: string): string {
  let s = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const zone = s.indexOf('%');
  return zone === -1 ? s : s.slice(0, zone);
}

function parseIpv4(text: string): number[] {
  return text.split('.').map(Number);
}

function parseIpv6(text: string): number[] {
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  let s = text.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const [a, b, c, d] = parseIpv4(tail[1]!) as [number, number, number, number];
    s = `${s.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/** An IP address in any usual spelling, or null. IPv4-mapped IPv6 addresses are IPv4. */
function parseIp(text: string): ParsedIp | null {
  const s = stripPortAndZone(text);
  const version = isIP(s);
  if (version === 4) return { version: 4, bytes: parseIpv4(s) };
  if (version !== 6) return null;
  const bytes = parseIpv6(s);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? { version: 4, bytes: bytes.slice(12) } : { version: 6, bytes };
}

function formatIp({ version, bytes }: ParsedIp): string {
  if (version === 4) return bytes.join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes `::`.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** One canonical spelling of an address (`::ffff:10.0.0.1` -> `10.0.0.1`, `0:0::1` -> `::1`), or null when it is none. */
export function normalizeIp(text: string): string | null {
  const parsed = parseIp(text);
  return parsed ? formatIp(parsed) : null;
}

/**
 * What per-address limits count for an address: an IPv4 address itself, but an IPv6 address's /64
 * network, since one subscriber is given a whole /64 and could otherwise rotate through it.
 */
export function limitedAddressOf(text: string): string {
  const parsed = parseIp(text);
  if (!parsed) return text;
  if (parsed.version === 4) return formatIp(parsed);
  return `${formatIp({ version: 6, bytes: [...parsed.bytes.slice(0, 8), 0, 0, 0, 0, 0, 0, 0, 0] })}/64`;
}

interface Network {
  version: 4 | 6;
  bytes: number[];
  prefix: number;
}

function inNetwork(ip: ParsedIp, network: Network): boolean {
  if (ip.version !== network.version) return false;
  let bits = network.prefix;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[i]! & mask) !== (network.bytes[i]! & mask)) return false;
  }
  return true;
}

export interface TrustedProxies {
  readonly empty: boolean;
  includes(address: string): boolean;
}

/**
 * TRUSTED_PROXIES: comma-separated addresses and CIDR networks (`127.0.0.1, 10.0.0.0/8, fd00::/8`).
 * An entry that is neither is an error, so that a typo cannot silently trust nobody (or everybody).
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const networks: Network[] = [];
  for (const entry of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, prefixText, extra] = entry.split('/');
    const ip = parseIp(address!);
    const max = ip?.version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    // A mapped IPv4 network written in IPv6 (::ffff:10.0.0.0/104) counts its prefix in IPv6 bits.
    const mappedPrefix = ip?.version === 4 && address!.includes(':') && prefixText !== undefined ? prefix - 96 : prefix;
    if (!ip || extra !== undefined || !(mappedPrefix >= 0 && mappedPrefix <= max)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR network`);
    }
    networks.push({ version: ip.version, bytes: ip.bytes, prefix: mappedPrefix });
  }
  return {
    empty: networks.length === 0,
    includes(address: string) {
      const ip = parseIp(address);
      return ip !== null && networks.some((network) => inNetwork(ip, network));
    },
  };
}

/** The socket's address in its canonical spelling (Node writes IPv4 peers of a dual-stack socket as ::ffff:a.b.c.d). */
function socketAddressOf(address: string | undefined): string {
  if (!address) return 'unknown';
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice(7);
  return address;
}

export interface ClientAddress {
  /** The client's address: the socket's, or the nearest untrusted hop a trusted proxy reported. */
  address: string;
  /** Whether the socket's peer is a trusted proxy (whose other forwarded headers may then be believed). */
  viaTrustedProxy: boolean;
}

/**
 * The socket's address, unless its peer is a trusted proxy: then X-Forwarded-For is walked from
 * the right, past every trusted proxy, to the first address no trusted proxy stands for. An entry
 * that is not an address ends the walk at the last one that was.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): ClientAddress {
  const socket = socketAddressOf(socketAddress);
  if (trusted.empty || !trusted.includes(socket)) return { address: socket, viaTrustedProxy: false };
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',');
  let address = normalizeIp(socket) ?? socket;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!.trim();
    if (hop === '') continue;
    const normalized = normalizeIp(hop);
    if (normalized === null) break;
    address = normalized;
    if (!trusted.includes(normalized)) break;
  }
  return { address, viaTrustedProxy: true };
}
