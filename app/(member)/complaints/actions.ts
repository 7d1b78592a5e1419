'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { fileComplaint } from '@/lib/server/complaints';
import { complaintInput } from '@/lib/validation/complaints';

export const fileComplaintAction = formAction(AREA_ROLES.member, complaintInput, async (input, actor) => {
  await fileComplaint(actor, input);
  revalidatePath('/complaints');
});
