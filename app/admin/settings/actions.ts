'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { updateClubSettings } from '@/lib/server/clubs';
import { clubSettingsInput } from '@/lib/validation/members';

export const saveClubSettings = formAction(AREA_ROLES.administration, clubSettingsInput, async (input, actor) => {
  await updateClubSettings(actor, input);
  revalidatePath('/admin/settings');
  return { status: 'ok' };
});
