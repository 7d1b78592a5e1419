import Link from 'next/link';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { SeriesForm } from '@/components/events/series-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { toShanghaiLocal } from '@/lib/domain/time';
import { requirePageActor } from '@/lib/server/guard';
import { createSeriesAction } from '../../actions';
import { blankEventDetails, eventFormOptions } from '../../form-options';

export default async function NewSeriesPage() {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/events/series/new');
  const locale = await getLocale();
  const [{ clubs, provinces }, t, now] = await Promise.all([eventFormOptions(actor, locale), getTranslations('opsEvents'), getNow()]);
  return (
    <>
      <PageHeader
        title={t('seriesTitle')}
        description={t('seriesIntro')}
        actions={
          <Link href="/ops/events" className="text-sm text-brand-700 underline">
            {t('backToList')}
          </Link>
        }
      />
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <SeriesForm action={createSeriesAction} clubs={clubs} provinces={provinces} values={blankEventDetails(clubs[0]!.code)} today={toShanghaiLocal(now.getTime()).slice(0, 10)} />
      </div>
    </>
  );
}
