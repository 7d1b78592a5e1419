import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { registerForEvent } from '@/lib/server/registrations';
import { presentOutput, registrationInput, registrationResultOutput } from '@/lib/validation/api';

export const POST = apiRoute(async (request, actor) => {
  const input = await readJson(request, registrationInput);
  const result = await registerForEvent(actor, { ...input, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(registrationResultOutput, result), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
