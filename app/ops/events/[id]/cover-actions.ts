'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { removeEventCover, setEventCover } from '@/lib/server/covers';
import { eventId } from '@/lib/validation/events';
import { eventCoverUpload } from '@/lib/validation/covers';

function revalidateEventCover(id: number) {
  revalidatePath(`/ops/events/${id}`);
  revalidatePath('/events', 'layout');
}

export const setEventCoverAction = formAction(AREA_ROLES.operations, eventCoverUpload, async ({ eventId: id, file }, actor) => {
  await setEventCover(actor, id, new Uint8Array(await file.arrayBuffer()));
  revalidateEventCover(id);
  return { status: 'ok', code: 'cover_saved' };
});

export const removeEventCoverAction = formAction(AREA_ROLES.operations, eventId, async ({ eventId: id }, actor) => {
  await removeEventCover(actor, id);
  revalidateEventCover(id);
  return { status: 'ok', code: 'cover_removed' };
});
