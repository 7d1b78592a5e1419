import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { cancelBooking } from '@/lib/server/services/bookings';
import { presentOutput, serviceBookingPath, serviceCancelApiInput, serviceCancellationOutput } from '@/lib/validation/api';

export const POST = apiRoute<{ bookingId: string }>(async (request, actor, params) => {
  const { bookingId } = serviceBookingPath.parse(params);
  const { reason } = await readJson(request, serviceCancelApiInput);
  const result = await cancelBooking(actor, { bookingId, reason, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(serviceCancellationOutput, result));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
