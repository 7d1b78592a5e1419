import { listBillingCharges } from '@/lib/server/billing';
import { apiRoute, otherMethods } from '@/lib/server/http';
import { billingChargeListOutput, billingChargesQuery, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute(async (request, actor) => {
  const query = billingChargesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(presentOutput(billingChargeListOutput, await listBillingCharges(actor, query)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
