import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES, coversClub } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from '@/lib/server/clubs';
import { searchCustomers } from '@/lib/server/customers';
import { requirePageActor } from '@/lib/server/guard';

export async function generateMetadata() {
  const t = await getTranslations('members');
  return { title: t('title') };
}

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/members');
  const q = ((await searchParams).q ?? '').slice(0, 50);
  const [results, clubs, t, tc, ts, tst, locale] = await Promise.all([
    searchCustomers(actor, q),
    listClubs(),
    getTranslations('members'),
    getTranslations('covers'),
    getTranslations('segments'),
    getTranslations('customerStatus'),
    getLocale(),
  ]);
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <>
            <Link href="/ops/import" className={buttonClass('secondary')}>
              {t('import')}
            </Link>
            <Link href="/ops/clubs" className={buttonClass('secondary')}>
              {tc('clubsTitle')}
            </Link>
          </>
        }
      />
      <form role="search" className="mb-4 flex flex-wrap gap-2" action="/ops/members">
        <label htmlFor="q" className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t('searchPlaceholder')}
          className="min-w-0 flex-1 rounded-md border border-gray-300 px-3 py-2 text-base"
        />
        <button type="submit" className={buttonClass('primary')}>
          {t('search')}
        </button>
      </form>
      {q ? (
        results.length === 0 ? (
          <p className="mb-6 text-sm text-gray-600" data-testid="search-empty">
            {t('noResults')}
          </p>
        ) : (
          <div className="mb-6">
            <Table caption={t('results', { count: results.length })} head={[t('name'), t('mobile'), t('segment'), t('province'), t('status')]}>
              {results.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <Link href={`/ops/customers/${c.id}`} className="font-medium text-brand-700 underline">
                      {c.name}
                    </Link>
                  </Td>
                  <Td className="tabular-nums">{c.mobile}</Td>
                  <Td>{ts(c.segment)}</Td>
                  <Td>{localized(locale, c.provinceZh, c.provinceEn)}</Td>
                  <Td>{tst(c.status)}</Td>
                </tr>
              ))}
            </Table>
          </div>
        )
      ) : null}
      <h2 className="mb-2 text-lg font-semibold">{t('clubLists')}</h2>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {clubs
          .filter((c) => coversClub(actor, c.code))
          .map((c) => (
            <li key={c.code}>
              <Link href={`/ops/members/${c.code}`} className="block rounded-lg border border-gray-200 bg-white p-3 font-medium hover:border-brand-600">
                {localized(locale, c.nameZh, c.nameEn)}
              </Link>
            </li>
          ))}
      </ul>
    </>
  );
}
