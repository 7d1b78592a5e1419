import { describe, expect, it } from 'vitest';
import { MAX_COVER_BYTES } from '@/lib/domain/cover-images';
import { MAX_IMPORT_BYTES } from '@/lib/domain/customer-import';
import nextConfig from '@/next.config';
import { API_BODY_LIMIT, bodyLimitFor, DEFAULT_BODY_LIMIT, readsUnsizedBodies } from './body-limits';

describe('bodyLimitFor', () => {
  it('gives the channel API 64 KB per write', () => {
    expect(API_BODY_LIMIT).toBe(64 * 1024);
    expect(bodyLimitFor('/api/v1/registrations')).toBe(API_BODY_LIMIT);
    expect(bodyLimitFor('/api/v1')).toBe(API_BODY_LIMIT);
  });

  it('gives the customer import its own file limit and a little for the form around it', () => {
    expect(bodyLimitFor('/ops/import')).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(bodyLimitFor('/ops/import')).toBeLessThanOrEqual(MAX_IMPORT_BYTES + 1024 * 1024);
    expect(bodyLimitFor('/ops/import/3/errors')).toBe(DEFAULT_BODY_LIMIT);
  });

  it("stays within Next's own limit for server actions, so that Next never refuses first (with a 500)", () => {
    const [, megabytes] = /^(\d+)mb$/.exec(String(nextConfig.experimental?.serverActions?.bodySizeLimit)) ?? [];
    expect(bodyLimitFor('/ops/import')).toBeLessThanOrEqual(Number(megabytes) * 1024 * 1024);
  });

  it('gives the pages that upload covers room for one and the form around it', () => {
    for (const path of ['/ops/events/12', '/ops/clubs']) {
      expect(bodyLimitFor(path)).toBeGreaterThan(MAX_COVER_BYTES);
      expect(bodyLimitFor(path)).toBeLessThanOrEqual(MAX_COVER_BYTES + 1024 * 1024);
    }
    expect(bodyLimitFor('/ops/events/12/roster')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor('/ops/events')).toBe(DEFAULT_BODY_LIMIT);
  });

  it("gives a door device's offline queue room for 500 scans", () => {
    expect(bodyLimitFor('/ops/checkin/12/scans')).toBe(512 * 1024);
    expect(bodyLimitFor('/ops/checkin/12/undo')).toBe(DEFAULT_BODY_LIMIT);
  });

  it('gives everything else (forms, sign-in) at most 1 MB', () => {
    expect(bodyLimitFor('/events/3')).toBe(1024 * 1024);
    expect(bodyLimitFor('/api/auth/callback/staff')).toBe(64 * 1024);
    expect(bodyLimitFor('/api/v1x')).toBe(DEFAULT_BODY_LIMIT);
  });
});

describe('readsUnsizedBodies', () => {
  it('is true for the channel API only (its handlers count what they read)', () => {
    expect(readsUnsizedBodies('/api/v1/registrations')).toBe(true);
    expect(readsUnsizedBodies('/ops/import')).toBe(false);
    expect(readsUnsizedBodies('/api/auth/signin')).toBe(false);
  });
});
