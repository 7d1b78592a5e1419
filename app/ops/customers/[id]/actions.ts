'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { fileComplaint } from '@/lib/server/complaints';
import { joinClub, leaveClub } from '@/lib/server/memberships';
import { staffComplaintInput } from '@/lib/validation/complaints';
import { staffClubChange } from '@/lib/validation/members';

export const enrollCustomer = formAction(AREA_ROLES.operations, staffClubChange, async (input, actor) => {
  await joinClub(actor, input);
  revalidatePath(`/ops/customers/${input.customerId}`);
  return { status: 'ok', code: 'enrolled' };
});

export const withdrawCustomer = formAction(AREA_ROLES.operations, staffClubChange, async (input, actor) => {
  await leaveClub(actor, input);
  revalidatePath(`/ops/customers/${input.customerId}`);
  return { status: 'ok', code: 'withdrawn' };
});

export const fileComplaintForCustomer = formAction(AREA_ROLES.operations, staffComplaintInput, async (input, actor) => {
  try {
    await fileComplaint(actor, input);
  } finally {
    // A fresh key with the refreshed page: the next complaint is a new request, not a replay.
    revalidatePath(`/ops/customers/${input.customerId}`);
  }
});
