'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { createStaff, resetStaffPassword, setStaffActive, updateStaff } from '@/lib/server/staff';
import { createStaffInput, resetStaffPasswordInput, setStaffActiveInput, updateStaffInput } from '@/lib/validation/staff';

export const createStaffAction = formAction(AREA_ROLES.administration, createStaffInput, async (input, actor) => {
  const created = await createStaff(actor, input);
  revalidatePath('/admin/staff');
  return { status: 'ok', params: { username: created.username } };
});

export const setStaffActiveAction = formAction(AREA_ROLES.administration, setStaffActiveInput, async ({ staffId, active }, actor) => {
  await setStaffActive(actor, staffId, active);
  revalidatePath('/admin/staff');
  return { status: 'ok' };
});

export const resetStaffPasswordAction = formAction(AREA_ROLES.administration, resetStaffPasswordInput, async ({ staffId, password }, actor) => {
  const { username } = await resetStaffPassword(actor, staffId, password);
  return { status: 'ok', params: { username } };
});

export const updateStaffAction = formAction(AREA_ROLES.administration, updateStaffInput, async (input, actor) => {
  await updateStaff(actor, input);
  revalidatePath('/admin/staff');
  return { status: 'ok' };
});
