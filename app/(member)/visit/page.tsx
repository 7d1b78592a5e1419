import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { MemberVisitForm } from '@/components/halls/member-visit-form';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { getMyHallVisit, readHallOfCode } from '@/lib/server/hall-visits';
import { checkInByHallCodeAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('hallVisit');
  return { title: t('title') };
}

/**
 * Where a hall's QR leads: a signed-in member takes their place in the hall's line with their own
 * phone, then sees it (how many are ahead); a signed-out one signs in first and comes back here.
 * Without a code it says where to find one; a forged or closed hall's code is not found.
 */
export default async function HallVisitPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const given = (await searchParams).code;
  const code = typeof given === 'string' ? given : '';
  const actor = await requirePageActor(AREA_ROLES.member, code ? `/visit?code=${encodeURIComponent(code)}` : '/visit');
  if (!code) {
    const t = await getTranslations('hallVisit');
    return <PageHeader title={t('title')} description={t('scanFirst')} />;
  }
  if (code.length > 100) notFound();
  const hall = await readHallOfCode(actor, code).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  const now = (await getNow()).getTime();
  const [mine, t, tq, format, locale] = await Promise.all([getMyHallVisit(actor, hall.id, now), getTranslations('hallVisit'), getTranslations('hallQueue'), getFormatter(), getLocale()]);
  const name = localized(locale, hall.nameZh, hall.nameEn);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={name} description={t('intro')} />
      <Card>
        {mine ? (
          <div role="status" className="space-y-1" data-testid="my-visit">
            <p className="text-lg font-semibold text-gray-900">{mine.status === 'waiting' ? t('inLine', { ahead: mine.ahead }) : t('beingServed')}</p>
            <p className="text-sm text-gray-700">{t('since', { time: format.dateTime(new Date(mine.arrivedAt), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) })}</p>
            <p className="text-sm text-gray-600">{tq('promise')}</p>
          </div>
        ) : (
          <MemberVisitForm code={code} action={checkInByHallCodeAction} />
        )}
      </Card>
    </div>
  );
}
