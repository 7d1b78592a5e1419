import { apiRoute, otherMethods } from '@/lib/server/http';
import { getCustomerServiceOptions } from '@/lib/server/services/desk';
import { customerPath, presentOutput, trialProgrammeListOutput } from '@/lib/validation/api';

/** The trials the customer may apply for now (the others' refusals are the application's answer). */
export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const { programmes } = await getCustomerServiceOptions(actor, customerId);
  return Response.json(presentOutput(trialProgrammeListOutput, { programmes: programmes.filter((p) => p.refusal === null) }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
