import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from './page';

/** An honest placeholder for an area that a later release builds: it says so and does nothing. */
export async function ComingSoon({ title, what }: { title: string; what: string }) {
  const t = await getTranslations('comingSoon');
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <span className="inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t('badge')}</span>
        <p className="mt-2 text-gray-700">{t('body', { what })}</p>
      </Card>
    </>
  );
}
