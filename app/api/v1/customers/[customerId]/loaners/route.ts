import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { getCustomerLoanerOptions } from '@/lib/server/services/desk';
import { lendLoaner } from '@/lib/server/services/loaners';
import { customerPath, loanApiInput, loanerOptionsOutput, loanOutput, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  return Response.json(presentOutput(loanerOptionsOutput, await getCustomerLoanerOptions(actor, customerId)));
});

export const POST = apiRoute<{ customerId: string }>(async (request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const input = await readJson(request, loanApiInput);
  const loan = await lendLoaner(actor, { ...input, customerId, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(loanOutput, loan), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
