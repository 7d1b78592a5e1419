'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { removeClubCover, setClubCover } from '@/lib/server/covers';
import { clubCoverTarget, clubCoverUpload } from '@/lib/validation/covers';

/** Members' club cards and event pages show the cover too. */
function revalidateCovers() {
  revalidatePath('/ops/clubs');
  revalidatePath('/clubs');
  revalidatePath('/events', 'layout');
}

export const setClubCoverAction = formAction(AREA_ROLES.operations, clubCoverUpload, async ({ file, ...scope }, actor) => {
  await setClubCover(actor, scope, new Uint8Array(await file.arrayBuffer()));
  revalidateCovers();
  return { status: 'ok', code: 'cover_saved' };
});

export const removeClubCoverAction = formAction(AREA_ROLES.operations, clubCoverTarget, async (scope, actor) => {
  await removeClubCover(actor, scope);
  revalidateCovers();
  return { status: 'ok', code: 'cover_removed' };
});
