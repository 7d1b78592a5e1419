import { apiRoute, otherMethods } from '@/lib/server/http';
import { cancelRegistration } from '@/lib/server/registrations';
import { cancellationOutput, presentOutput, registrationPath } from '@/lib/validation/api';

export const POST = apiRoute<{ registrationId: string }>(async (request, actor, params) => {
  const { registrationId } = registrationPath.parse(params);
  const result = await cancelRegistration(actor, { registrationId, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(cancellationOutput, result));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
