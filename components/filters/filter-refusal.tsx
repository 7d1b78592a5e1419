import { getTranslations } from 'next-intl/server';
import type { FilterRefusal } from '@/lib/validation/query-filters';

/** A refused query in words, one sentence per refused filter, naming the value as given. */
export async function refusalMessages(refusal: FilterRefusal): Promise<string[]> {
  const t = await getTranslations('queryFilters');
  return Object.entries(refusal.fields).map(([field, code]) => {
    const name = t.has(`fields.${field}`) ? t(`fields.${field}`) : field;
    const value = refusal.values[field] ?? '';
    switch (code) {
      case 'filter_reversed':
        return t('reversed', { from: refusal.values.from ?? '', to: refusal.values.to ?? '' });
      case 'filter_required':
        return t('required', { field: name });
      case 'filter_unknown':
        return t('unknown', { field: name, value });
      default:
        return t('invalid', { field: name, value });
    }
  });
}

/** What a view shows instead of its figures when its filters are refused. */
export async function FilterRefusalAlert({ refusal }: { refusal: FilterRefusal }) {
  const [t, lines] = await Promise.all([getTranslations('queryFilters'), refusalMessages(refusal)]);
  return (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">{t('heading')}</p>
      <ul className="mt-1 list-disc pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
