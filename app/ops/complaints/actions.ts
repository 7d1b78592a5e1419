'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { resolveComplaint } from '@/lib/server/complaints';
import { complaintReplyInput } from '@/lib/validation/complaints';

export const resolveComplaintAction = formAction(AREA_ROLES.operations, complaintReplyInput, async (input, actor) => {
  await resolveComplaint(actor, input);
  revalidatePath('/ops/complaints');
});
