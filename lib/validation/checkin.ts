import { z } from 'zod';

/*
 * What a door device sends: scans (one at a time while online, or the queue it kept while offline)
 * and undos. Messages are the stable codes a problem document carries in `errors`.
 */

/** A device syncs its offline queue in batches of at most this many scans. */
export const MAX_SCANS_PER_REQUEST = 500;

const id = z.number('invalid_id').int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');

/** The event of a check-in route, from its path. */
export const checkinEventPath = z.object({
  eventId: z.string().regex(/^[1-9]\d{0,15}$/, 'invalid_id').transform(Number).pipe(id),
});

export const scanInput = z
  .strictObject({
    nonce: z.string('invalid_body').min(8, 'invalid_body').max(100, 'invalid_body'),
    scannedAt: z.number('invalid_body').int('invalid_body').nonnegative('invalid_body'),
    deviceId: z.string('invalid_body').max(100, 'invalid_body').optional(),
    offline: z.boolean('invalid_boolean').optional(),
    code: z.string('invalid_body').max(200, 'text_too_long').optional(),
    registrationId: id.optional(),
  })
  .refine((scan) => scan.code !== undefined || scan.registrationId !== undefined, { message: 'field_required', path: ['code'] });

export const scanBatch = z.strictObject({
  scans: z.array(scanInput).min(1, 'field_required').max(MAX_SCANS_PER_REQUEST, 'too_many_scans'),
});

export const undoCheckInInput = z.strictObject({ registrationId: id });
