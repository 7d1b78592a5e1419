'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { registerForEvent } from '@/lib/server/registrations';
import { bookService } from '@/lib/server/services/bookings';
import { staffRegistrationInput } from '@/lib/validation/members';
import { staffBookingInput } from '@/lib/validation/services';

/** An account manager registering their own VIP (the server refuses anyone else's), through the channel the VIP asked by. */
export const registerMyVip = formAction(AREA_ROLES.accountManagement, staffRegistrationInput, async ({ customerId, ...input }, actor) => {
  try {
    const result = await registerForEvent(actor, { customerId, ...input });
    return { status: 'ok', code: result.status, params: { position: result.position ?? 0 } };
  } finally {
    // A fresh key with the refreshed page: the next attempt is a new request, not a replay.
    revalidatePath('/ops/my-vips');
  }
});

/** An account manager booking a handset service for their own VIP, through the channel the VIP asked by. */
export const bookForMyVip = formAction(AREA_ROLES.accountManagement, staffBookingInput, async (input, actor) => {
  await bookService(actor, input);
  revalidatePath('/ops/my-vips');
  return { status: 'ok' };
});
