'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { followUpFinding, recordInspection } from '@/lib/server/inspections';
import { followUpInput, inspectionInput } from '@/lib/validation/inspections';

export const recordInspectionAction = formAction(AREA_ROLES.inspections, inspectionInput, async (input, actor) => {
  const inspection = await recordInspection(actor, input);
  revalidatePath('/stats/compliance');
  redirect(`/stats/inspections?province=${inspection.provinceCode}&recorded=${inspection.id}`);
});

export const followUpFindingAction = formAction(AREA_ROLES.inspections, followUpInput, async (input, actor) => {
  await followUpFinding(actor, input);
  revalidatePath('/stats/inspections');
  revalidatePath('/stats/compliance', 'layout');
});
