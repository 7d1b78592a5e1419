import { z } from 'zod';
import { id, plainLine, plainText } from './fields';
import { staffChannel } from './members';

export const MAX_ADDRESS_LENGTH = 120;
export const MAX_PROBLEM_LENGTH = 300;

/** A member books one slot; on-site repair needs the address (checked by the use-case, which knows the service). */
export const bookSlotInput = z.object({
  slotId: z.coerce.number('slot_required').int('slot_required').positive('slot_required'),
  address: plainLine(z.string().trim().max(MAX_ADDRESS_LENGTH, 'text_too_long')).optional(),
  description: plainText(z.string().trim().max(MAX_PROBLEM_LENGTH, 'text_too_long')).optional(),
});

/** Staff book a slot for a customer (an account manager for their VIP), naming the channel the customer asked through. */
export const staffBookingInput = bookSlotInput.extend({ customerId: id, channel: staffChannel });

export const cancelMyBookingInput = z.object({ bookingId: id });

export const trialApplicationInput = z.object({ programmeId: id });
