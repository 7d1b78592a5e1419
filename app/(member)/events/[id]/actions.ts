'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { cancelOpeningReminder, requestOpeningReminder } from '@/lib/server/opening-reminders';
import { registerForEvent } from '@/lib/server/registrations';

const memberRegistration = z.object({
  eventId: z.coerce.number().int().positive(),
  waitlist: z
    .literal('true')
    .optional()
    .transform((v) => v === 'true'),
  idempotencyKey: z.string().optional(),
});

function ownId(actor: Actor): number {
  if (actor.kind !== 'member') throw new Error('member area action without a member');
  return actor.customerId;
}

export const registerMe = formAction(AREA_ROLES.member, memberRegistration, async ({ eventId, waitlist, idempotencyKey }, actor) => {
  try {
    const result = await registerForEvent(actor, { customerId: ownId(actor), eventId, waitlist, idempotencyKey });
    return { status: 'ok', code: result.status, params: { position: result.position ?? 0 } };
  } finally {
    // Refused or not, the page comes back with a fresh key: trying again after topping up points
    // or once the window opens is a new request, not a replay of the refusal.
    revalidatePath(`/events/${eventId}`);
  }
});

const eventOnly = z.object({ eventId: z.coerce.number().int().positive() });

export const remindMe = formAction(AREA_ROLES.member, eventOnly, async ({ eventId }, actor) => {
  await requestOpeningReminder(actor, eventId);
  revalidatePath(`/events/${eventId}`);
  return { status: 'ok', code: 'reminded' };
});

export const forgetReminder = formAction(AREA_ROLES.member, eventOnly, async ({ eventId }, actor) => {
  await cancelOpeningReminder(actor, eventId);
  revalidatePath(`/events/${eventId}`);
  return { status: 'ok', code: 'forgotten' };
});
