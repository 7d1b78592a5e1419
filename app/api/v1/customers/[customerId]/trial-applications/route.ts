import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { applyForTrial } from '@/lib/server/services/trials';
import { customerPath, presentOutput, trialApplicationApiInput, trialApplicationOutput } from '@/lib/validation/api';

export const POST = apiRoute<{ customerId: string }>(async (request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const input = await readJson(request, trialApplicationApiInput);
  const application = await applyForTrial(actor, { ...input, customerId, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(trialApplicationOutput, application), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
