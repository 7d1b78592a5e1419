import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

/** Previous / next year links that keep the page's other parameters. */
export async function YearNav({ path, year, extra = {} }: { path: string; year: number; extra?: Record<string, string | undefined> }) {
  const t = await getTranslations('matrix');
  const href = (y: number) => {
    const q = new URLSearchParams({ year: String(y) });
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    return `${path}?${q}`;
  };
  return (
    <nav aria-label={t('yearNav')} className="flex items-center gap-2">
      <Link href={href(year - 1)} className={buttonClass('secondary')} rel="prev">
        {t('previousYear', { year: year - 1 })}
      </Link>
      <span className="px-2 text-lg font-semibold tabular-nums" data-testid="plan-year">
        {year}
      </span>
      <Link href={href(year + 1)} className={buttonClass('secondary')} rel="next">
        {t('nextYear', { year: year + 1 })}
      </Link>
    </nav>
  );
}
