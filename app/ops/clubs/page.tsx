import { getLocale, getTranslations } from 'next-intl/server';
import { CoverForm } from '@/components/covers/cover-form';
import { Card, PageHeader } from '@/components/ui/page';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { AREA_ROLES, coversClub } from '@/lib/domain/access';
import { coverUrl, MAX_COVER_BYTES } from '@/lib/domain/cover-images';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from '@/lib/server/clubs';
import { clubCoversIn } from '@/lib/server/covers';
import { requirePageActor } from '@/lib/server/guard';
import { loadProvinceScope } from '../services/scope';
import { removeClubCoverAction, setClubCoverAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('covers');
  return { title: t('clubsTitle') };
}

/** The covers of the clubs an operator runs in their province (HQ: in the province it picks). */
export default async function ClubCoversPage({ searchParams }: { searchParams: Promise<{ province?: string }> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/clubs');
  const locale = await getLocale();
  const [scope, clubs, t] = await Promise.all([loadProvinceScope(actor, (await searchParams).province, locale), listClubs(), getTranslations('covers')]);
  const province = scope.province;
  const covers = province ? await clubCoversIn(province) : {};
  return (
    <>
      <PageHeader title={t('clubsTitle')} description={province ? t('clubsIntro', { province: scope.provinceName }) : undefined} />
      {scope.hq ? <HqProvincePicker path="/ops/clubs" provinces={scope.provinces} province={scope.province} /> : null}
      {province ? (
        <ul className="grid gap-4 md:grid-cols-2">
          {clubs
            .filter((club) => coversClub(actor, club.code))
            .map((club) => {
              const name = localized(locale, club.nameZh, club.nameEn);
              const sha256 = covers[club.code];
              return (
                <li key={club.code} data-testid={`club-cover-${club.code}`}>
                  <Card>
                    <h2 className="mb-3 text-lg font-semibold">{name}</h2>
                    <CoverForm
                      label={t('clubCover', { club: name })}
                      fields={{ clubCode: club.code, provinceCode: province }}
                      current={sha256 ? { src: coverUrl(sha256), alt: t('clubAlt', { club: name }) } : null}
                      club={club.code}
                      maxBytes={MAX_COVER_BYTES}
                      upload={setClubCoverAction}
                      remove={removeClubCoverAction}
                    />
                  </Card>
                </li>
              );
            })}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('chooseProvince')}</p>
      )}
    </>
  );
}
