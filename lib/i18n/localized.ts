import type { Locale } from './locale';

/** Picks the English text in the English UI when there is one; Chinese otherwise. */
export function localized(locale: string, zh: string, en: string | null | undefined): string {
  return (locale as Locale) === 'en' && en ? en : zh;
}
