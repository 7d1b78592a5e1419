'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { saveHall } from '@/lib/server/halls';
import { advanceBooking, cancelBooking } from '@/lib/server/services/bookings';
import { createSlot, updateService } from '@/lib/server/services/catalogue';
import { addLoaner, lendLoaner, returnLoaner } from '@/lib/server/services/loaners';
import { createTrialProgramme, updateTrialApplication } from '@/lib/server/services/trials';
import {
  bookingCancelInput,
  bookingStepInput,
  lendLoanerInput,
  loanerInput,
  loanerReturnInput,
  serviceSettingsInput,
  slotInput,
  trialProgrammeInput,
  trialStepInput,
} from '@/lib/validation/service-ops';
import { hallInput } from '@/lib/validation/halls';

/** Queue, slots, trials and loaners show each other's facts (a loan on a booking, seats of a slot), so every write refreshes them all. */
function revalidateServices() {
  revalidatePath('/ops/services', 'layout');
}

const ROLES = AREA_ROLES.operations;

export const advanceBookingAction = formAction(ROLES, bookingStepInput, async (input, actor) => {
  await advanceBooking(actor, input);
  revalidateServices();
});

export const cancelBookingAction = formAction(ROLES, bookingCancelInput, async (input, actor) => {
  await cancelBooking(actor, input);
  revalidateServices();
});

export const lendLoanerAction = formAction(ROLES, lendLoanerInput, async (input, actor) => {
  await lendLoaner(actor, input);
  revalidateServices();
});

export const returnLoanerAction = formAction(ROLES, loanerReturnInput, async (input, actor) => {
  const { late } = await returnLoaner(actor, input);
  revalidateServices();
  return { status: 'ok', code: late ? 'returned_late' : 'returned' };
});

export const addLoanerAction = formAction(ROLES, loanerInput, async (input, actor) => {
  await addLoaner(actor, input);
  revalidateServices();
});

export const createSlotAction = formAction(ROLES, slotInput, async (input, actor) => {
  await createSlot(actor, input);
  revalidateServices();
});

export const updateServiceAction = formAction(ROLES, serviceSettingsInput, async (input, actor) => {
  await updateService(actor, input);
  revalidateServices();
});

export const createTrialAction = formAction(ROLES, trialProgrammeInput, async (input, actor) => {
  await createTrialProgramme(actor, input);
  revalidateServices();
});

export const trialStepAction = formAction(ROLES, trialStepInput, async (input, actor) => {
  await updateTrialApplication(actor, input);
  revalidateServices();
});

export const saveHallAction = formAction(ROLES, hallInput, async (input, actor) => {
  await saveHall(actor, input);
  revalidateServices();
});
