'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { shanghaiYear } from '@/lib/domain/time';
import { formAction } from '@/lib/server/action';
import { cancelEvent, createEvent, createEventSeries, publishEvent, updateEvent } from '@/lib/server/events';
import { eventId, eventInput, eventSeriesInput } from '@/lib/validation/events';

/** Lists and the plan count events, so every change refreshes them as well as the event's own page. */
function revalidateEvent(id?: number) {
  revalidatePath('/ops/events');
  revalidatePath('/ops/plan');
  if (id !== undefined) revalidatePath(`/ops/events/${id}`);
}

/** Cancelling is only done from the confirmation step, whose button sends confirm=yes. */
const confirmedEventId = eventId.extend({ confirm: z.literal('yes', { error: 'confirmation_required' }) });

export const createEventAction = formAction(AREA_ROLES.operations, eventInput, async (input, actor) => {
  const event = await createEvent(actor, input);
  revalidateEvent();
  redirect(`/ops/events/${event.id}`);
});

export const updateEventAction = formAction(AREA_ROLES.operations, eventId.and(eventInput), async ({ eventId: id, ...input }, actor) => {
  await updateEvent(actor, id, input);
  revalidateEvent(id);
  return { status: 'ok', code: 'event_saved' };
});

export const publishEventAction = formAction(AREA_ROLES.operations, eventId, async ({ eventId: id }, actor) => {
  await publishEvent(actor, id);
  revalidateEvent(id);
  return { status: 'ok', code: 'event_published' };
});

export const cancelEventAction = formAction(AREA_ROLES.operations, confirmedEventId, async ({ eventId: id }, actor) => {
  const cancelled = await cancelEvent(actor, id);
  revalidateEvent(id);
  return { status: 'ok', code: 'event_cancelled', params: { count: cancelled.registrationsCancelled } };
});

export const createSeriesAction = formAction(AREA_ROLES.operations, eventSeriesInput, async (input, actor) => {
  const series = await createEventSeries(actor, input);
  revalidateEvent();
  const first = series.events[0]!;
  return { status: 'ok', code: 'series_created', params: { count: series.events.length, year: shanghaiYear(first.startsAt), club: input.clubCode } };
});
