import { getCustomerRecord } from '@/lib/server/customers';
import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { joinClub } from '@/lib/server/memberships';
import { customerPath, enrollmentInput, membershipListOutput, membershipOutput, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const { memberships } = await getCustomerRecord(actor, customerId);
  return Response.json(presentOutput(membershipListOutput, { memberships }));
});

export const POST = apiRoute<{ customerId: string }>(async (request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const { clubCode } = await readJson(request, enrollmentInput);
  const membership = await joinClub(actor, { customerId, clubCode });
  return Response.json(presentOutput(membershipOutput, membership), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
