'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { bookService, cancelBooking } from '@/lib/server/services/bookings';
import { applyForTrial } from '@/lib/server/services/trials';
import { bookSlotInput, cancelMyBookingInput, trialApplicationInput } from '@/lib/validation/services';

/** The new booking shows at the top of the services page, with what it cost. */
export const bookSlotAction = formAction(AREA_ROLES.member, bookSlotInput, async (input, actor) => {
  const booking = await bookService(actor, input);
  revalidatePath('/services');
  redirect(`/services?booked=${booking.id}`);
});

export const cancelMyBookingAction = formAction(AREA_ROLES.member, cancelMyBookingInput, async (input, actor) => {
  await cancelBooking(actor, input);
  revalidatePath('/services');
  redirect(`/services?cancelled=${input.bookingId}`);
});

export const applyForTrialAction = formAction(AREA_ROLES.member, trialApplicationInput, async (input, actor) => {
  await applyForTrial(actor, input);
  revalidatePath('/services');
  redirect(`/services?applied=${input.programmeId}`);
});
