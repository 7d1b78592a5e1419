import { apiRoute, otherMethods } from '@/lib/server/http';
import { listBookableSlotsFor } from '@/lib/server/services/desk';
import { customerPath, presentOutput, serviceSlotListOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const slots = await listBookableSlotsFor(actor, customerId);
  return Response.json(presentOutput(serviceSlotListOutput, { slots }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
