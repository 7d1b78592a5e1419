'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { checkInByHallCode } from '@/lib/server/hall-visits';
import { hallCodeCheckInInput } from '@/lib/validation/hall-visits';

/** The member at the hall, having scanned its code, joins its line. */
export const checkInByHallCodeAction = formAction(AREA_ROLES.member, hallCodeCheckInInput, async (input, actor) => {
  await checkInByHallCode(actor, input);
  revalidatePath('/visit');
  return { status: 'ok', code: 'checked_in' };
});
