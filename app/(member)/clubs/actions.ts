'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { joinClub, leaveClub } from '@/lib/server/memberships';
import { memberClubChange } from '@/lib/validation/members';

function ownId(actor: { kind: string; customerId?: number }): number {
  if (actor.kind !== 'member' || actor.customerId === undefined) throw new Error('member area action without a member');
  return actor.customerId;
}

export const joinMyClub = formAction(AREA_ROLES.member, memberClubChange, async ({ clubCode }, actor) => {
  await joinClub(actor, { customerId: ownId(actor), clubCode });
  revalidatePath('/clubs');
  return { status: 'ok', code: 'joined' };
});

export const leaveMyClub = formAction(AREA_ROLES.member, memberClubChange, async ({ clubCode }, actor) => {
  await leaveClub(actor, { customerId: ownId(actor), clubCode });
  revalidatePath('/clubs');
  return { status: 'ok', code: 'left' };
});
