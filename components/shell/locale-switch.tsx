import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions';
import { LOCALES } from '@/lib/i18n/locale';

/** Two submit buttons in a form: works without JavaScript, and the choice is kept in a cookie. */
export async function LocaleSwitch() {
  const t = await getTranslations('locale');
  const current = await getLocale();
  return (
    <form action={setLocale} aria-label={t('label')} className="flex items-center text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={`rounded-md px-2 py-1 ${locale === current ? 'font-semibold text-gray-900' : 'text-gray-600 hover:bg-gray-100'}`}
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
