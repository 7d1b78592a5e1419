import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { bookService } from '@/lib/server/services/bookings';
import { listCustomerBookings } from '@/lib/server/services/desk';
import { customerPath, customerServiceBookingListOutput, presentOutput, serviceBookingApiInput, serviceBookingOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const bookings = await listCustomerBookings(actor, customerId);
  return Response.json(presentOutput(customerServiceBookingListOutput, { bookings }));
});

export const POST = apiRoute<{ customerId: string }>(async (request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const input = await readJson(request, serviceBookingApiInput);
  const booking = await bookService(actor, { ...input, customerId, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(serviceBookingOutput, booking), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
