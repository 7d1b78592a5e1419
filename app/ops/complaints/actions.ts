'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { answerComplaint, takeComplaint, transferComplaint } from '@/lib/server/complaint-handling';
import { complaintIdInput, complaintReplyInput, complaintTransferInput } from '@/lib/validation/complaints';

export const takeComplaintAction = formAction(AREA_ROLES.operations, complaintIdInput, async (input, actor) => {
  await takeComplaint(actor, input);
  revalidatePath('/ops/complaints');
});

export const transferComplaintAction = formAction(AREA_ROLES.operations, complaintTransferInput, async (input, actor) => {
  await transferComplaint(actor, input);
  revalidatePath('/ops/complaints');
});

export const resolveComplaintAction = formAction(AREA_ROLES.operations, complaintReplyInput, async (input, actor) => {
  await answerComplaint(actor, input);
  revalidatePath('/ops/complaints');
});
