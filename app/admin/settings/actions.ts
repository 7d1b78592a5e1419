'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { updateClubSettings } from '@/lib/server/clubs';
import { updateHqSettings } from '@/lib/server/hq-settings';
import { updateSegmentPolicy } from '@/lib/server/segment-policy';
import { hqSettingsInput } from '@/lib/validation/hq-settings';
import { clubSettingsInput } from '@/lib/validation/members';
import { segmentPolicyInput } from '@/lib/validation/segment-policy';

export const saveClubSettings = formAction(AREA_ROLES.administration, clubSettingsInput, async (input, actor) => {
  await updateClubSettings(actor, input);
  revalidatePath('/admin/settings');
  return { status: 'ok' };
});

export const saveHqSettings = formAction(AREA_ROLES.administration, hqSettingsInput, async (input, actor) => {
  await updateHqSettings(actor, input);
  revalidatePath('/admin/settings');
  return { status: 'ok' };
});

export const saveSegmentPolicy = formAction(AREA_ROLES.administration, segmentPolicyInput, async (input, actor) => {
  await updateSegmentPolicy(actor, input);
  revalidatePath('/admin/settings');
  return { status: 'ok' };
});
