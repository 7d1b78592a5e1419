import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import type { Role } from '@/lib/domain/types';
import { requireActor } from './guard';

/** What a form's server action answers; codes are translated by the form (messages: errors.*). */
export type FormState =
  | { status: 'idle' }
  | { status: 'ok'; code?: string; params?: Record<string, string | number> }
  | { status: 'error'; code: string; params?: Record<string, string | number>; fields?: Record<string, string> };

export const IDLE: FormState = { status: 'idle' };

/** FormData to a plain object; a key sent several times (checkbox groups) becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key);
    out[key] = values.length > 1 || key.endsWith('[]') ? values : values[0];
  }
  return out;
}

const CODE = /^[a-z][a-z0-9_]*$/;

/** zod messages in our schemas are error codes; anything else (zod's own English) becomes invalid_input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= CODE.test(issue.message) ? issue.message : 'invalid_input';
  }
  return fields;
}

/** Turns a thrown error into the answer of a form: domain refusals and bad input are answers, the rest is rethrown. */
export function toFormState(error: unknown): FormState {
  unstable_rethrow(error);
  if (error instanceof DomainError) return { status: 'error', code: error.code, params: error.params };
  if (error instanceof z.ZodError) return { status: 'error', code: 'invalid_input', fields: fieldErrors(error) };
  throw error;
}

/**
 * A server action for a form: checks the role first, then validates the FormData with zod, then
 * runs the use-case (which checks the actor's scope itself). Nothing runs before both checks pass.
 */
export function formAction<S extends z.ZodType>(
  roles: readonly Role[],
  schema: S,
  run: (input: z.output<S>, actor: Actor) => Promise<FormState | void>,
): (previous: FormState, formData: FormData) => Promise<FormState> {
  return async (_previous, formData) => {
    try {
      const actor = await requireActor(roles);
      const input = schema.parse(formDataToObject(formData));
      return (await run(input, actor)) ?? { status: 'ok' };
    } catch (error) {
      return toFormState(error);
    }
  };
}
