import { getTranslations } from 'next-intl/server';
import type { StatsFilters } from '@/lib/validation/stats';

/** The view's filters as a query string, for links that must show the same view (exports). */
export function filtersQuery(f: StatsFilters): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(f)) if (value !== undefined) q.set(key, String(value));
  return q.toString();
}

const linkClass = 'rounded border border-gray-300 bg-white px-2 py-1 text-xs font-medium text-gray-800 hover:bg-gray-50';

/** CSV and XLSX downloads of one export; the accessible names say which table. */
export async function ExportLinks({ path, title, query }: { path: string; title: string; query: string }) {
  const t = await getTranslations('stats.export');
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-xs text-gray-600">{t('download')}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={format} href={`${path}?format=${format}&${query}`} download className={linkClass} aria-label={t(format, { table: title })}>
          {format.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
