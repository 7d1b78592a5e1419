'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { registerHandset, serveRepair } from '@/lib/server/warranty';
import { registerHandsetInput, serveRepairInput } from '@/lib/validation/warranty';

const ROLES = AREA_ROLES.operations;

/** A handset sold at one of the province's halls goes under nationwide warranty. */
export const registerHandsetAction = formAction(ROLES, registerHandsetInput, async (input, actor) => {
  const handset = await registerHandset(actor, input);
  revalidatePath('/ops/warranty');
  return { status: 'ok', code: 'handset_registered', params: { imei: handset.imei } };
});

/** A hall of the operator's province serves a repair on a handset from anywhere. */
export const serveRepairAction = formAction(ROLES, serveRepairInput, async (input, actor) => {
  await serveRepair(actor, input);
  // A fresh request key and the repair in the handset's list.
  revalidatePath('/ops/warranty');
  return { status: 'ok', code: 'repair_served' };
});
