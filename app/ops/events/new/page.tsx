import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { EventForm } from '@/components/events/event-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';
import { createEventAction } from '../actions';
import { blankEventDetails, eventFormOptions } from '../form-options';

export default async function NewEventPage() {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/events/new');
  const locale = await getLocale();
  const [{ clubs, provinces }, t] = await Promise.all([eventFormOptions(actor, locale), getTranslations('opsEvents')]);
  return (
    <>
      <PageHeader
        title={t('newTitle')}
        description={t('newIntro')}
        actions={
          <Link href="/ops/events" className="text-sm text-brand-700 underline">
            {t('backToList')}
          </Link>
        }
      />
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <EventForm
          mode="create"
          action={createEventAction}
          clubs={clubs}
          provinces={provinces}
          values={{ ...blankEventDetails(clubs[0]!.code), startsAt: '', endsAt: '', regOpensAt: '', regClosesAt: '', vipOpensAt: '' }}
        />
      </div>
    </>
  );
}
