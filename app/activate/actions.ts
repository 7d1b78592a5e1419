'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { normalizeMobile } from '@/lib/domain/mobile';
import { CODE_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/domain/otp';
import type { FormState } from '@/lib/form-state';
import { formDataToObject, toFormState } from '@/lib/server/action';
import { requestClientIp } from '@/lib/server/client-ip';
import { activateWebAccess, requestWebAccessCode } from '@/lib/server/web-access';

// These actions are open to signed-out visitors by design (they are how a customer gets a
// password); the code, the limits and the use-cases themselves are the protection.

const mobileField = z
  .string('invalid_mobile')
  .transform(normalizeMobile)
  .refine((mobile) => mobile !== '', 'invalid_mobile');

const activationCodeRequest = z.object({ mobile: mobileField });

const activationWithCode = z
  .object({
    mobile: mobileField,
    code: z.string('invalid_code_format').trim().regex(CODE_PATTERN, 'invalid_code_format'),
    password: z
      .string('password_too_short')
      .min(PASSWORD_MIN_LENGTH, 'password_too_short')
      .max(PASSWORD_MAX_LENGTH, 'password_too_long'),
    confirmPassword: z.string('password_mismatch'),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ['confirmPassword'], error: 'password_mismatch' });

/** Step 1: the answer is "sent" for any well-formed number, customer or not. */
export async function requestActivationCode(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const { mobile } = activationCodeRequest.parse(formDataToObject(formData));
    await requestWebAccessCode(mobile, await requestClientIp());
    return { status: 'ok', code: 'sent', params: { mobile } };
  } catch (error) {
    return toFormState(error);
  }
}

/** Step 2: sets the password and sends the customer to sign in with it. */
export async function activateWithCode(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const input = activationWithCode.parse(formDataToObject(formData));
    await activateWebAccess(input.mobile, input.code, input.password);
  } catch (error) {
    return toFormState(error);
  }
  redirect('/signin?activated=1');
}
