import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import { AREA_ROLES, isHq } from '@/lib/domain/access';
import { CUSTOMER_STATUSES, SEGMENTS } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { requirePageActor } from '@/lib/server/guard';
import { CLUB_MEMBERS_PAGE_SIZE, listClubMembers } from '@/lib/server/memberships';
import { orPageError } from '@/lib/server/page-errors';
import { listProvinces } from '@/lib/server/provinces';
import { clubCode as clubCodeSchema, clubMemberFilters } from '@/lib/validation/members';

type Search = Record<string, string | undefined>;

export default async function ClubMembersPage({ params, searchParams }: { params: Promise<{ club: string }>; searchParams: Promise<Search> }) {
  const { club } = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/members/${club}`);
  const parsedClub = clubCodeSchema.safeParse(club);
  if (!parsedClub.success) notFound();
  const raw = await searchParams;
  const filters = clubMemberFilters.parse(raw);
  const locale = await getLocale();
  const [list, clubNames, provinces, t, ts, tst, tc, format] = await Promise.all([
    orPageError(listClubMembers(actor, parsedClub.data, filters)),
    clubNamesIn(locale),
    listProvinces(),
    getTranslations('members'),
    getTranslations('segments'),
    getTranslations('customerStatus'),
    getTranslations('channels'),
    getFormatter(),
  ]);
  const provinceName = (code: string) => {
    const p = provinces.find((x) => x.code === code);
    return p ? localized(locale, p.nameZh, p.nameEn) : code;
  };
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium' });
  const select = 'mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm';
  const label = 'block text-xs text-gray-600';
  return (
    <>
      <PageHeader title={t('clubTitle', { club: clubNames[parsedClub.data] ?? club })} description={list.capped ? t('countCapped', { count: list.total }) : t('count', { count: list.total })} />
      <form className="mb-4 grid grid-cols-2 gap-2 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-8" aria-label={t('filters')}>
        <div>
          <label htmlFor="state" className={label}>{t('state')}</label>
          <select id="state" name="state" defaultValue={filters.state} className={select}>
            {(['current', 'left', 'all'] as const).map((s) => (
              <option key={s} value={s}>{t(`states.${s}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="segment" className={label}>{t('segment')}</label>
          <select id="segment" name="segment" defaultValue={filters.segment ?? ''} className={select}>
            <option value="">{t('any')}</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>{ts(s)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className={label}>{t('status')}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ''} className={select}>
            <option value="">{t('any')}</option>
            {CUSTOMER_STATUSES.map((s) => (
              <option key={s} value={s}>{tst(s)}</option>
            ))}
          </select>
        </div>
        {isHq(actor) ? (
          <div>
            <label htmlFor="province" className={label}>{t('province')}</label>
            <select id="province" name="province" defaultValue={filters.province ?? ''} className={select}>
              <option value="">{t('allProvinces')}</option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>{localized(locale, p.nameZh, p.nameEn)}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="joinedFrom" className={label}>{t('joinedFrom')}</label>
          <input id="joinedFrom" name="joinedFrom" type="date" defaultValue={filters.joinedFrom} className={select} />
        </div>
        <div>
          <label htmlFor="joinedTo" className={label}>{t('joinedTo')}</label>
          <input id="joinedTo" name="joinedTo" type="date" defaultValue={filters.joinedTo} className={select} />
        </div>
        <div>
          <label htmlFor="sort" className={label}>{t('sort')}</label>
          <select id="sort" name="sort" defaultValue={filters.sort} className={select}>
            {(['joined_desc', 'joined_asc', 'name'] as const).map((s) => (
              <option key={s} value={s}>{t(`sorts.${s}`)}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className={buttonClass('primary', 'w-full')}>
            {t('apply')}
          </button>
        </div>
      </form>
      {list.rows.length === 0 ? (
        <p className="text-sm text-gray-600">{t('noMembers')}</p>
      ) : (
        // On a phone: name, masked number and status; segment, province and dates from sm up.
        <Table head={[t('name'), t('mobile'), t('segment'), t('status'), t('province'), t('joined'), t('left')]} wideOnly={[2, 4, 5, 6]}>
          {list.rows.map((r) => (
            <tr key={r.membershipId}>
              <Td>
                <Link href={`/ops/customers/${r.customerId}`} className="font-medium text-brand-700 underline">
                  {r.name}
                </Link>
              </Td>
              <Td className="whitespace-nowrap tabular-nums">{r.mobile}</Td>
              <Td className={WIDE_ONLY}>{ts(r.segment)}</Td>
              <Td>{tst(r.status)}</Td>
              <Td className={WIDE_ONLY}>{provinceName(r.provinceCode)}</Td>
              <Td className={`whitespace-nowrap ${WIDE_ONLY}`}>
                {date(r.joinedAt)} · {tc(r.joinChannel)}
              </Td>
              <Td className={`whitespace-nowrap ${WIDE_ONLY}`}>{r.leftAt ? date(r.leftAt) : ''}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination path={`/ops/members/${club}`} params={raw} page={filters.page} total={list.total} pageSize={CLUB_MEMBERS_PAGE_SIZE} />
    </>
  );
}
