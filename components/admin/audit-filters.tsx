import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { AuditFilterField, AuditFilterInput } from '@/lib/validation/audit';

export interface AuditFilterOptions {
  staff: { id: number; username: string; name: string }[];
  tokens: { id: number; name: string; channel: string }[];
  actions: { code: string; label: string }[];
  entityTypes: { code: string; label: string }[];
  provinces: { code: string; name: string }[];
}

/**
 * The audit page's filters: a plain GET form, so that every filtered view is a URL (to bookmark or
 * send) and works before any script has loaded. A new filter starts again from the newest entries.
 */
export async function AuditFilters({ input, options, errors }: { input: AuditFilterInput; options: AuditFilterOptions; errors: Partial<Record<AuditFilterField, string>> }) {
  const [t, tc] = await Promise.all([getTranslations('audit'), getTranslations('channels')]);
  const control = (field: AuditFilterField) =>
    `mt-1 block w-full rounded-md border px-2 py-2 text-sm ${errors[field] ? 'border-red-600' : 'border-gray-300'}`;
  const label = 'block text-xs text-gray-600';
  const invalid = (field: AuditFilterField) => (errors[field] ? { 'aria-invalid': true as const } : {});
  const channelName = (code: string) => (tc.has(code) ? tc(code) : code);
  return (
    <form method="get" action="/admin/audit" aria-label={t('filters')} className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <label htmlFor="audit-who" className={label}>{t('who')}</label>
        <select id="audit-who" name="who" defaultValue={input.who ?? ''} className={control('who')} {...invalid('who')}>
          <option value="">{t('anyone')}</option>
          <optgroup label={t('staffGroup')}>
            {options.staff.map((s) => (
              <option key={s.id} value={`staff:${s.id}`}>{t('staffWriter', { name: s.name, username: s.username })}</option>
            ))}
          </optgroup>
          {options.tokens.length > 0 ? (
            <optgroup label={t('tokenGroup')}>
              {options.tokens.map((k) => (
                <option key={k.id} value={`token:${k.id}`}>{t('tokenWriter', { name: k.name, channel: channelName(k.channel) })}</option>
              ))}
            </optgroup>
          ) : null}
          <option value="system">{t('system')}</option>
        </select>
      </div>
      <div>
        <label htmlFor="audit-action" className={label}>{t('action')}</label>
        <select id="audit-action" name="action" defaultValue={input.action ?? ''} className={control('action')} {...invalid('action')}>
          <option value="">{t('anyAction')}</option>
          {options.actions.map((a) => (
            <option key={a.code} value={a.code}>{a.label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-entity-type" className={label}>{t('entityType')}</label>
        <select id="audit-entity-type" name="entityType" defaultValue={input.entityType ?? ''} className={control('entityType')} {...invalid('entityType')}>
          <option value="">{t('anyEntity')}</option>
          {options.entityTypes.map((e) => (
            <option key={e.code} value={e.code}>{e.label}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-entity-id" className={label}>{t('entityId')}</label>
        <input id="audit-entity-id" name="entityId" defaultValue={input.entityId ?? ''} maxLength={64} autoComplete="off" className={control('entityId')} {...invalid('entityId')} />
      </div>
      <div>
        <label htmlFor="audit-from" className={label}>{t('from')}</label>
        <input id="audit-from" name="from" type="date" min="2000-01-01" max="2099-12-31" defaultValue={input.from ?? ''} aria-describedby="audit-dates-hint" className={control('from')} {...invalid('from')} />
      </div>
      <div>
        <label htmlFor="audit-to" className={label}>{t('to')}</label>
        <input id="audit-to" name="to" type="date" min="2000-01-01" max="2099-12-31" defaultValue={input.to ?? ''} aria-describedby="audit-dates-hint" className={control('to')} {...invalid('to')} />
      </div>
      <div>
        <label htmlFor="audit-province" className={label}>{t('province')}</label>
        <select id="audit-province" name="province" defaultValue={input.province ?? ''} aria-describedby="audit-province-hint" className={control('province')} {...invalid('province')}>
          <option value="">{t('allProvinces')}</option>
          <option value="HQ">{t('hqOnly')}</option>
          {options.provinces.map((p) => (
            <option key={p.code} value={p.code}>{p.name}</option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass('primary', 'flex-1')}>
          {t('apply')}
        </button>
        <Link href="/admin/audit" className={buttonClass('secondary', 'flex-1')}>
          {t('clear')}
        </Link>
      </div>
      <p className="text-xs text-gray-600 sm:col-span-2 lg:col-span-4">
        <span id="audit-dates-hint">{t('datesHint')}</span> <span id="audit-province-hint">{t('provinceHint')}</span>
      </p>
    </form>
  );
}
