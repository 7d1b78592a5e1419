import { getLocale, getTranslations } from 'next-intl/server';
import { CustomerSummary } from '@/components/members/customer-summary';
import { MembershipPeriods } from '@/components/members/membership-periods';
import { ActivityTimeline } from '@/components/timeline/activity-timeline';
import { PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { AREA_ROLES } from '@/lib/domain/access';
import { pageNumber } from '@/lib/domain/paging';
import { clubNamesIn } from '@/lib/server/club-names';
import { getActivityTimeline, getCustomerRecord, TIMELINE_PAGE_SIZE } from '@/lib/server/customers';
import { requirePageActor } from '@/lib/server/guard';

export async function generateMetadata() {
  const t = await getTranslations('record');
  return { title: t('myTitle') };
}

export default async function MyRecordPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.member, '/record');
  if (actor.kind !== 'member') throw new Error('member area without a member');
  const page = pageNumber((await searchParams).page);
  const locale = await getLocale();
  const [{ customer, memberships }, timeline, clubNames, t] = await Promise.all([
    getCustomerRecord(actor, actor.customerId),
    getActivityTimeline(actor, actor.customerId, page),
    clubNamesIn(locale),
    getTranslations('record'),
  ]);
  return (
    <>
      <PageHeader title={t('myTitle')} />
      <div className="space-y-6">
        <CustomerSummary customer={customer} />
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('memberships')}</h2>
          <MembershipPeriods periods={memberships} clubNames={clubNames} />
        </section>
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('timeline')}</h2>
          <ActivityTimeline rows={timeline.rows} clubNames={clubNames} />
          <Pagination path="/record" params={{}} page={page} total={timeline.total} pageSize={TIMELINE_PAGE_SIZE} />
        </section>
      </div>
    </>
  );
}
