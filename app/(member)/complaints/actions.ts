'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { confirmComplaint, rateComplaint, reopenComplaint } from '@/lib/server/complaint-handling';
import { fileComplaint } from '@/lib/server/complaints';
import { complaintIdInput, complaintInput, complaintRatingInput, complaintReopenInput } from '@/lib/validation/complaints';

export const fileComplaintAction = formAction(AREA_ROLES.member, complaintInput, async (input, actor) => {
  await fileComplaint(actor, input);
  revalidatePath('/complaints');
});

export const confirmComplaintAction = formAction(AREA_ROLES.member, complaintIdInput, async (input, actor) => {
  await confirmComplaint(actor, input);
  revalidatePath('/complaints');
});

export const reopenComplaintAction = formAction(AREA_ROLES.member, complaintReopenInput, async (input, actor) => {
  await reopenComplaint(actor, input);
  revalidatePath('/complaints');
});

export const rateComplaintAction = formAction(AREA_ROLES.member, complaintRatingInput, async (input, actor) => {
  await rateComplaint(actor, input);
  revalidatePath('/complaints');
});
