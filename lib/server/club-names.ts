import 'server-only';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from './clubs';

/** Club code to its name in the UI language. */
export async function clubNamesIn(locale: string): Promise<Record<string, string>> {
  return Object.fromEntries((await listClubs()).map((c) => [c.code, localized(locale, c.nameZh, c.nameEn)]));
}
