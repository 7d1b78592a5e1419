'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { closeEvent, correctAttendance } from '@/lib/server/attendance';
import { attendanceCorrectionInput, closeEventInput } from '@/lib/validation/attendance';

/** Attendance decides what the plan counts as held and which callbacks are due, so those pages refresh too. */
function revalidateAttendance(eventId: number) {
  revalidatePath(`/ops/events/${eventId}`);
  revalidatePath('/ops/events');
  revalidatePath('/ops/plan');
  revalidatePath('/ops/callbacks');
}

export const closeEventAction = formAction(AREA_ROLES.operations, closeEventInput, async ({ eventId }, actor) => {
  const closed = await closeEvent(actor, eventId);
  revalidateAttendance(eventId);
  return { status: 'ok', code: 'event_closed', params: { attended: closed.attended, noShows: closed.noShows } };
});

export const correctAttendanceAction = formAction(AREA_ROLES.operations, attendanceCorrectionInput, async ({ eventId, registrationId, attended }, actor) => {
  await correctAttendance(actor, registrationId, attended);
  revalidateAttendance(eventId);
  return { status: 'ok', code: attended ? 'marked_attended' : 'marked_no_show' };
});
