'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { assignAccountManager } from '@/lib/server/account-managers';
import { formAction } from '@/lib/server/action';
import { fileComplaint } from '@/lib/server/complaints';
import { joinClub, leaveClub } from '@/lib/server/memberships';
import { staffComplaintInput } from '@/lib/validation/complaints';
import { accountManagerInput, staffClubChange } from '@/lib/validation/members';

/** Gives a VIP an account manager of the province, or takes theirs away. */
export const assignAccountManagerAction = formAction(AREA_ROLES.operations, accountManagerInput, async (input, actor) => {
  const { staffId } = await assignAccountManager(actor, input);
  revalidatePath(`/ops/customers/${input.customerId}`);
  return { status: 'ok', code: staffId === null ? 'manager_removed' : 'manager_assigned' };
});

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
