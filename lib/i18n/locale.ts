import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The remembered choice if there is one, else the best match for the browser's Accept-Language. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).languages();
  try {
    const best = match(requested, LOCALES, DEFAULT_LOCALE);
    return isLocale(best) ? best : DEFAULT_LOCALE;
  } catch {
    // A malformed language tag in the header: fall back rather than fail the page.
    return DEFAULT_LOCALE;
  }
}
