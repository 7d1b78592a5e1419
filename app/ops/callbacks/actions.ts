'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { recordCallback } from '@/lib/server/attendance';
import { callbackOutcomeInput } from '@/lib/validation/attendance';

/** The recorded task leaves the open queue, so the page says what was recorded instead of its form. */
export const recordCallbackAction = formAction(AREA_ROLES.operations, callbackOutcomeInput, async (input, actor) => {
  const { callbackId } = await recordCallback(actor, input);
  revalidatePath('/ops/callbacks');
  redirect(`/ops/callbacks?recorded=${callbackId}`);
});
