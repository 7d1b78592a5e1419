import { MAX_COVER_BYTES } from '@/lib/domain/cover-images';
import { MAX_IMPORT_BYTES } from '@/lib/domain/customer-import';

const KIB = 1024;
const MIB = 1024 * KIB;

/** A write of the channel API: one registration, enrolment or complaint. */
export const API_BODY_LIMIT = 64 * KIB;
/** Anything else: a form of the app (a server action), a sign-in. */
export const DEFAULT_BODY_LIMIT = 1 * MIB;

/**
 * How large a request body may be, by path: the customer import takes its file (with room for
 * the multipart framing), so do the pages where operators upload covers (an event's, the clubs'),
 * a door device its offline queue (500 scans), the channel API one record. The server answers 413 to a larger declared body before reading any of it; bodies sent
 * without a length are counted as they are read (see readJson) or refused (411).
 */
const LIMITS: readonly { path: RegExp; limit: number }[] = [
  { path: /^\/api\/v1(?:\/|$)/, limit: API_BODY_LIMIT },
  { path: /^\/api\/auth(?:\/|$)/, limit: 64 * KIB },
  { path: /^\/ops\/checkin\/[^/]+\/scans$/, limit: 512 * KIB },
  { path: /^\/ops\/import$/, limit: MAX_IMPORT_BYTES + MIB },
  { path: /^\/ops\/(?:events\/\d+|clubs)$/, limit: MAX_COVER_BYTES + MIB },
];

export function bodyLimitFor(pathname: string): number {
  return LIMITS.find((entry) => entry.path.test(pathname))?.limit ?? DEFAULT_BODY_LIMIT;
}

/** Paths whose handlers read a body without a declared length themselves, with the cap above (readJson). */
export function readsUnsizedBodies(pathname: string): boolean {
  return pathname.startsWith('/api/v1/');
}
