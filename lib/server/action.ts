import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import type { Role } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';
import { requireActor } from './guard';

export { IDLE, type FormState } from '@/lib/form-state';

/**
 * FormData to a plain object. A key named `x[]` (a checkbox group) always becomes an array `x`,
 * however many boxes were ticked; another key sent several times becomes an array too.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  // Anyone can call a server action with arguments of their own making, not only the form's.
  if (!(formData instanceof FormData)) throw new DomainError('invalid_input', 'bad_request');
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key);
    if (key.endsWith('[]')) out[key.slice(0, -2)] = values;
    else out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

const CODE = /^[a-z][a-z0-9_]*$/;

/** zod messages in our schemas are error codes; anything else (zod's own English) becomes invalid_input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown field, not the object that had it.
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown_field';
      continue;
    }
    const key = issue.path.join('.') || '_';
    fields[key] ??= CODE.test(issue.message) ? issue.message : 'invalid_input';
  }
  return fields;
}

/** Turns a thrown error into the answer of a form: domain refusals and bad input are answers, the rest is rethrown. */
export function toFormState(error: unknown): FormState {
  unstable_rethrow(error);
  if (error instanceof DomainError) return { status: 'error', code: error.code, params: error.params, ...(error.fields ? { fields: error.fields } : {}) };
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
