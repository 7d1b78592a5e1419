import { randomBytes } from 'node:crypto';

/**
 * The headers every answer carries. Pages run under a Content-Security-Policy with a fresh nonce
 * per request: Next reads the nonce from the request's own `content-security-policy` header and
 * puts it on every script it writes, and 'strict-dynamic' lets those scripts load the chunks they
 * need, so no other script runs. Styles may be inline (React writes `style` attributes and
 * libraries such as echarts set styles from script), which CSS cannot turn into script.
 */

/** 128 random bits. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function pageContentSecurityPolicy(nonce: string, https: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    // Tickets show their QR code as a data: image.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // The camera scanner plays the camera's stream (srcObject), which no source list governs.
    "media-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Answers that are no documents (JSON of the API, files) may load nothing and be framed nowhere. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** One year, subdomains too: set only when the app is served over https. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** Headers of every answer, whatever it is; a handler may still set its own Cache-Control. */
export const COMMON_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  // Same-origin requests keep the whole referrer (and an Origin header, which server actions
  // check); other sites learn nothing, not even which page linked them.
  ['referrer-policy', 'same-origin'],
  // The door's check-in page scans tickets with the camera; nothing else uses a device.
  ['permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
];

export type AnswerKind = 'page' | 'api' | 'static' | 'image';

/**
 * Next's build output (hashed, immutable files) needs no policy of its own. Cover pictures
 * (/images/<sha256>) are files like the API's answers, but public and named by their content:
 * their handler says how long they keep.
 */
export function answerKindOf(pathname: string): AnswerKind {
  if (pathname.startsWith('/_next/static/')) return 'static';
  if (pathname.startsWith('/images/')) return 'image';
  if (pathname.startsWith('/api/')) return 'api';
  return 'page';
}
