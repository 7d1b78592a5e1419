'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { bookService } from '@/lib/server/services/bookings';
import { lendLoaner } from '@/lib/server/services/loaners';
import { applyForTrial } from '@/lib/server/services/trials';
import { deskBookingInput, deskLoanInput, deskTrialInput } from '@/lib/validation/services';

// The desk's handset services for a walk-in or hotline customer, by the member's own rules. Each
// form carries a key per page view; the page is refreshed after every answer, so that the next
// attempt (after a refusal too) is a new request with a fresh key, not a replay of the last one.

export const bookServiceForCustomer = formAction(AREA_ROLES.operations, deskBookingInput, async (input, actor) => {
  try {
    await bookService(actor, input);
    return { status: 'ok' };
  } finally {
    revalidatePath(`/ops/customers/${input.customerId}`);
  }
});

export const applyTrialForCustomer = formAction(AREA_ROLES.operations, deskTrialInput, async (input, actor) => {
  try {
    await applyForTrial(actor, input);
    return { status: 'ok' };
  } finally {
    revalidatePath(`/ops/customers/${input.customerId}`);
  }
});

export const lendLoanerForCustomer = formAction(AREA_ROLES.operations, deskLoanInput, async (input, actor) => {
  try {
    await lendLoaner(actor, input);
    return { status: 'ok' };
  } finally {
    revalidatePath(`/ops/customers/${input.customerId}`);
  }
});
