import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Previous / next links that keep the other query parameters of the page. */
export async function Pagination({ path, params, page, total, pageSize }: { path: string; params: Record<string, string | undefined>; page: number; total: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const t = await getTranslations('pagination');
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && k !== 'page') q.set(k, v);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const linkClass = 'rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm hover:bg-gray-50';
  return (
    <nav aria-label={t('label')} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          {t('previous')}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-gray-600">{t('page', { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          {t('next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
