'use server';

import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { keepThisSession, readSessionClaims } from '@/lib/server/session';
import { changeOwnPassword } from '@/lib/server/staff';
import { changeOwnPasswordInput } from '@/lib/validation/staff';

export const changeOwnPasswordAction = formAction(AREA_ROLES.staffAccount, changeOwnPasswordInput, async (input, actor) => {
  const { changedAt } = await changeOwnPassword(actor, input, Date.now(), (await readSessionClaims())?.sessionId);
  await keepThisSession(changedAt);
  return { status: 'ok' };
});
