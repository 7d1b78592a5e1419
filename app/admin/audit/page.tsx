import { getLocale, getTranslations } from 'next-intl/server';
import { AuditFilters } from '@/components/admin/audit-filters';
import { AuditPaging } from '@/components/admin/audit-paging';
import { AuditTable } from '@/components/admin/audit-table';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listAuditEntries, listAuditFilterOptions } from '@/lib/server/audit';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { AUDIT_FILTER_FIELDS, parseAuditFilters } from '@/lib/validation/audit';

/** Key of an action's or entity type's name in the messages (next-intl reads dots as nesting). */
const messageKey = (code: string) => code.replaceAll('.', '_');

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin/audit');
  const parsed = parseAuditFilters(await searchParams);
  const [options, page, provinces, t, locale] = await Promise.all([
    listAuditFilterOptions(actor),
    parsed.ok ? listAuditEntries(actor, parsed.filters) : null,
    listProvinces(),
    getTranslations('audit'),
    getLocale(),
  ]);
  const actionLabel = (code: string) => (t.has(`actions.${messageKey(code)}`) ? t(`actions.${messageKey(code)}`) : code);
  const entityLabel = (code: string) => (t.has(`entities.${messageKey(code)}`) ? t(`entities.${messageKey(code)}`) : code);
  const provinceOptions = provinces.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) }));
  const provinceName = (code: string | null) => (code === null ? t('hq') : (provinceOptions.find((p) => p.code === code)?.name ?? code));
  const errors = parsed.ok ? {} : parsed.errors;
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <AuditFilters
        input={parsed.input}
        errors={errors}
        options={{
          staff: options.staff,
          tokens: options.tokens,
          actions: options.actions.map((code) => ({ code, label: actionLabel(code) })),
          entityTypes: options.entityTypes.map((code) => ({ code, label: entityLabel(code) })),
          provinces: provinceOptions,
        }}
      />
      {!parsed.ok ? (
        <div role="alert" data-testid="audit-filter-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{t('invalidTitle')}</p>
          <ul className="mt-1 list-disc pl-5">
            {AUDIT_FILTER_FIELDS.filter((f) => errors[f]).map((f) => (
              <li key={f}>{t('fieldError', { field: t(`fields.${f}`), message: t.has(`invalid.${errors[f]}`) ? t(`invalid.${errors[f]}`) : errors[f]! })}</li>
            ))}
          </ul>
        </div>
      ) : page && page.entries.length === 0 ? (
        <p className="text-sm text-gray-600">{t('empty')}</p>
      ) : page ? (
        <>
          <p className="mb-2 text-sm text-gray-600" role="status">
            {t('count', { count: page.entries.length })}
          </p>
          <AuditTable entries={page.entries} actionLabel={actionLabel} entityLabel={entityLabel} provinceName={provinceName} />
          <AuditPaging input={parsed.input} newer={page.newer} older={page.older} />
        </>
      ) : null}
    </>
  );
}
