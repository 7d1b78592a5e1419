'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { recordCallback } from '@/lib/server/callbacks';
import { callbackOutcomeInput } from '@/lib/validation/callbacks';

/** The recorded attempt leaves the due queue (done, or waiting for its retry), so the page says what was recorded instead of its form. */
export const recordCallbackAction = formAction(AREA_ROLES.callbacks, callbackOutcomeInput, async (input, actor) => {
  const { callbackId, outcome, complaintId } = await recordCallback(actor, input);
  revalidatePath('/ops/callbacks');
  redirect(`/ops/callbacks?recorded=${callbackId}&outcome=${outcome}${complaintId && input.complaint ? `&followUp=${input.complaint.kind}` : ''}`);
});
