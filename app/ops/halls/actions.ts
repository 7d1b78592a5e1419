'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { checkInVisitor, finishVisit, startVisit } from '@/lib/server/hall-visits';
import { hallCheckInInput, hallVisitStepInput } from '@/lib/validation/hall-visits';

const ROLES = AREA_ROLES.operations;

/** A customer at the desk: checked in by mobile number or from today's bookings, into the hall's line. */
export const checkInVisitorAction = formAction(ROLES, hallCheckInInput, async (input, actor) => {
  await checkInVisitor(actor, 'bookingId' in input ? { hallId: input.hallId, bookingId: input.bookingId, purpose: 'service_booking' } : input);
  revalidatePath('/ops/halls', 'layout');
  return { status: 'ok', code: 'checked_in' };
});

/** Call the next customer (start) or finish their business. */
export const hallVisitStepAction = formAction(ROLES, hallVisitStepInput, async (input, actor) => {
  await (input.step === 'start' ? startVisit(actor, input.visitId) : finishVisit(actor, input.visitId));
  revalidatePath('/ops/halls', 'layout');
});
