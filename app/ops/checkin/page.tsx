import { getTranslations } from 'next-intl/server';
import { ComingSoon } from '@/components/ui/coming-soon';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';

export default async function Page() {
  await requirePageActor(AREA_ROLES.operations, '/ops/checkin');
  const t = await getTranslations();
  return <ComingSoon title={t('nav.checkin')} what={t('comingSoon.checkin')} />;
}
