'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { createApiToken, revokeApiToken } from '@/lib/server/api-tokens';
import { revokeApiTokenInput } from '@/lib/validation/api';
import { createApiTokenInput } from '@/lib/validation/api-tokens';

/** Answers the new token to this one response only: it is stored hashed and cannot be shown again. */
export const createToken = formAction(AREA_ROLES.administration, createApiTokenInput, async (input, actor) => {
  const created = await createApiToken(actor, input);
  revalidatePath('/admin/tokens');
  return { status: 'ok', params: { name: created.name, token: created.token } };
});

export const revokeToken = formAction(AREA_ROLES.administration, revokeApiTokenInput, async ({ tokenId }, actor) => {
  await revokeApiToken(actor, tokenId);
  revalidatePath('/admin/tokens');
  return { status: 'ok' };
});
