import { getTranslations } from 'next-intl/server';
import { buttonClass } from './button';
import { ChoiceSelect } from './choice-select';

/** HQ's choice of the province a page works on, sent to `path` as ?province=. */
export async function HqProvincePicker({ path, provinces, province }: { path: string; provinces: { code: string; name: string }[]; province: string | null }) {
  const t = await getTranslations('provincePicker');
  return (
    <form action={path} className="mb-4 flex flex-wrap items-end gap-2" aria-label={t('label')}>
      <ChoiceSelect id="hq-province" name="province" label={t('province')} placeholder={t('choose')} options={provinces} defaultValue={province ?? ''} className="min-w-0" />
      <button type="submit" className={buttonClass('primary')}>
        {t('show')}
      </button>
    </form>
  );
}
