'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { cancelRegistration, registerForEvent } from '@/lib/server/registrations';
import { staffRegistrationInput } from '@/lib/validation/members';

const staffCancellation = z.object({
  registrationId: z.coerce.number().int().positive(),
  idempotencyKey: z.string().optional(),
});

export const registerCustomer = formAction(AREA_ROLES.operations, staffRegistrationInput, async ({ customerId, ...input }, actor) => {
  try {
    const result = await registerForEvent(actor, { customerId, ...input });
    return { status: 'ok', code: result.status, params: { position: result.position ?? 0 } };
  } finally {
    // A fresh key with the refreshed page: the next attempt is a new request, not a replay.
    revalidatePath(`/ops/customers/${customerId}`);
  }
});

export const cancelCustomerRegistration = formAction(AREA_ROLES.operations, staffCancellation, async (input, actor) => {
  const result = await cancelRegistration(actor, input);
  // Whose record it is follows from the registration, not from anything the form says.
  revalidatePath('/ops/customers/[id]', 'page');
  return { status: 'ok', code: 'cancelled', params: { refunded: result.refunded ? 1 : 0 } };
});
