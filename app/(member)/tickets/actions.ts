'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { cancelRegistration } from '@/lib/server/registrations';

const memberCancellation = z.object({
  registrationId: z.coerce.number().int().positive(),
  idempotencyKey: z.string().optional(),
});

export const cancelMyRegistration = formAction(AREA_ROLES.member, memberCancellation, async (input, actor) => {
  await cancelRegistration(actor, input);
  revalidatePath('/tickets');
  // The ticket moves to the cancelled ones; the page says what was cancelled and refunded.
  redirect(`/tickets?cancelled=${input.registrationId}`);
});
