import { z } from 'zod';
import { CLUB_CODES } from '@/lib/domain/types';
import { eventId } from './events';

/** The uploaded file; what it holds is checked by its bytes (lib/domain/cover-images.ts), not here. */
const coverFile = z.instanceof(File, { message: 'cover_empty' });

/** A club's cover in one province. */
export const clubCoverTarget = z.object({ clubCode: z.enum(CLUB_CODES), provinceCode: z.string().regex(/^\d{6}$/, 'unknown_province') });
export const clubCoverUpload = clubCoverTarget.extend({ file: coverFile });

export const eventCoverUpload = eventId.extend({ file: coverFile });
