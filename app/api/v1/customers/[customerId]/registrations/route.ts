import { apiRoute, otherMethods } from '@/lib/server/http';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { customerPath, customerRegistrationListOutput, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const registrations = await listCustomerRegistrations(actor, customerId);
  return Response.json(presentOutput(customerRegistrationListOutput, { registrations }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
