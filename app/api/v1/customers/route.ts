import { findCustomerByMobile } from '@/lib/server/api-queries';
import { apiRoute, otherMethods } from '@/lib/server/http';
import { customerLookupQuery, customerOutput, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute(async (request, actor) => {
  const { mobile } = customerLookupQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(presentOutput(customerOutput, await findCustomerByMobile(actor, mobile)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
