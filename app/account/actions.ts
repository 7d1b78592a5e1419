'use server';

import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { changeOwnPassword } from '@/lib/server/staff';
import { changeOwnPasswordInput } from '@/lib/validation/staff';

export const changeOwnPasswordAction = formAction(AREA_ROLES.staffAccount, changeOwnPasswordInput, async (input, actor) => {
  await changeOwnPassword(actor, input);
  return { status: 'ok' };
});
