import { randomUUID } from 'node:crypto';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { HandsetCard, RepairList } from '@/components/warranty/handset-card';
import { RegisterHandsetForm } from '@/components/warranty/register-handset-form';
import { ServeRepairForm } from '@/components/warranty/serve-repair-form';
import { buttonClass } from '@/components/ui/button';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { beijingDayOf, inWarranty } from '@/lib/domain/warranty';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { findHandset, listWarrantyHalls, type FoundHandset } from '@/lib/server/warranty';
import { warrantySearch } from '@/lib/validation/warranty';
import { loadProvinceScope } from '../services/scope';
import { registerHandsetAction, serveRepairAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('warranty');
  return { title: t('title') };
}

/** The handset, or why the IMEI typed finds none: a malformed one is said so (by its error code), not searched. */
async function lookUp(actor: Parameters<typeof findHandset>[0], imei: string | undefined): Promise<{ handset: FoundHandset | null; invalid: string | null }> {
  if (!imei) return { handset: null, invalid: null };
  try {
    return { handset: await findHandset(actor, imei), invalid: null };
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'invalid_imei' || error.code === 'imei_check_digit')) return { handset: null, invalid: error.code };
    throw error;
  }
}

/**
 * Nationwide warranty at the counter (全国联保, used on phones and tablets): find a handset by its
 * IMEI, wherever it was sold, and serve its repair at one of the province's halls; register the
 * handsets the province sells. HQ picks the province whose halls it works for.
 */
export default async function WarrantyPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/warranty');
  const search = warrantySearch.parse(await searchParams);
  const [locale, t, te, now] = await Promise.all([getLocale(), getTranslations('warranty'), getTranslations('errors'), getNow()]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const [halls, { handset, invalid }] = await Promise.all([scope.province ? listWarrantyHalls(actor, scope.province) : [], lookUp(actor, search.imei)]);
  const hallOptions = halls.map((h) => ({ id: h.id, name: localized(locale, h.nameZh, h.nameEn) }));
  const underWarranty = handset ? inWarranty(handset, now.getTime()) : false;
  const noHalls = <p className="text-sm text-gray-600">{t(scope.province ? 'noHalls' : 'chooseProvinceFirst')}</p>;
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {scope.hq ? <HqProvincePicker path="/ops/warranty" provinces={scope.provinces} province={scope.province} /> : null}
      <form role="search" action="/ops/warranty" className="mb-4 flex flex-wrap items-end gap-2">
        {scope.hq && scope.province ? <input type="hidden" name="province" value={scope.province} /> : null}
        <div className="min-w-0 flex-1">
          <label htmlFor="warranty-imei" className="block text-sm font-medium text-gray-800">
            {t('findLabel')}
          </label>
          <input
            id="warranty-imei"
            name="imei"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={search.imei ?? ''}
            maxLength={40}
            placeholder={t('imeiPlaceholder')}
            className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
          />
        </div>
        <button type="submit" className={buttonClass('primary')}>
          {t('find')}
        </button>
      </form>
      {invalid ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {te(invalid)} {t('imeiWhere')}
        </p>
      ) : null}
      {search.imei && !invalid && !handset ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('notFound')}
        </p>
      ) : null}
      {handset ? (
        <div className="mb-8 grid gap-4 lg:grid-cols-2">
          <div className="space-y-4">
            <HandsetCard handset={handset} underWarranty={underWarranty} />
            <section aria-labelledby="warranty-repairs">
              <h2 id="warranty-repairs" className="mb-2 text-lg font-semibold text-gray-900">
                {t('repairsTitle')}
              </h2>
              <RepairList repairs={handset.repairs} />
            </section>
          </div>
          <Card>
            <h2 className="mb-1 text-lg font-semibold text-gray-900">{t('serveTitle')}</h2>
            <p className="mb-3 text-sm text-gray-600">{t(underWarranty ? 'serveIntro' : 'servePaidIntro')}</p>
            {hallOptions.length > 0 ? <ServeRepairForm handsetId={handset.id} inWarranty={underWarranty} halls={hallOptions} requestKey={randomUUID()} action={serveRepairAction} /> : noHalls}
          </Card>
        </div>
      ) : null}
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-gray-900">{t('registerTitle')}</h2>
        <p className="mb-3 text-sm text-gray-600">{t('registerIntro')}</p>
        {hallOptions.length > 0 ? <RegisterHandsetForm halls={hallOptions} action={registerHandsetAction} today={beijingDayOf(now.getTime())} /> : noHalls}
      </Card>
    </>
  );
}
