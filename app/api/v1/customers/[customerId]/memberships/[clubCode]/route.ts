import { apiRoute, otherMethods } from '@/lib/server/http';
import { leaveClub } from '@/lib/server/memberships';
import { membershipOutput, membershipPath, presentOutput } from '@/lib/validation/api';

export const DELETE = apiRoute<{ customerId: string; clubCode: string }>(async (_request, actor, params) => {
  const change = membershipPath.parse(params);
  return Response.json(presentOutput(membershipOutput, await leaveClub(actor, change)));
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
