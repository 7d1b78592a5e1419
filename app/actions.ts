'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locale';

/** Remembers the chosen language for a year. Open to everyone, signed in or not. */
export async function setLocale(formData: FormData): Promise<void> {
  // Anyone can call a server action with arguments of their own making, not only the form's.
  const locale = formData instanceof FormData ? formData.get('locale') : null;
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 60 * 60, sameSite: 'lax' });
}
