import { z } from 'zod';
import { DAY } from '@/lib/domain/time';
import { id, plainLine, plainText } from './fields';
import { staffChannel } from './members';
import { dayStartOf } from './service-ops';

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

/** The key a desk form carries per page view: a double submit is answered once (lib/server/idempotency.ts). */
const deskKey = z.string('invalid_input').min(1, 'invalid_input');

/** An operator at the desk books a slot for the customer through the channel they came by. */
export const deskBookingInput = staffBookingInput.extend({ idempotencyKey: deskKey });

/** An operator at the desk applies for a trial for the customer. */
export const deskTrialInput = z.object({
  customerId: id,
  programmeId: z.coerce.number('programme_required').int('programme_required').positive('programme_required'),
  channel: staffChannel,
  idempotencyKey: deskKey,
});

/** An operator at the desk lends a loaner against one of the customer's repair bookings, until the end of a Beijing day. */
export const deskLoanInput = z
  .object({
    customerId: id,
    bookingId: z.coerce.number('repair_required').int('repair_required').positive('repair_required'),
    loanerId: z.coerce.number('field_required').int('field_required').positive('field_required'),
    dueDate: z.string('invalid_time').refine((d) => dayStartOf(d) !== null, 'invalid_time'),
    channel: staffChannel,
    idempotencyKey: deskKey,
  })
  .transform(({ dueDate, ...rest }) => ({ ...rest, dueAt: dayStartOf(dueDate)! + DAY - 60_000 }));
