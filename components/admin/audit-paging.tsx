import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { encodeAuditCursor, type AuditCursor, type AuditFilterInput } from '@/lib/validation/audit';

/**
 * Newer and older pages of the audit log, by cursor (the entry a page ends at), keeping the filters.
 * There are no page numbers: counting a large filtered log would cost what reading it does.
 */
export async function AuditPaging({ input, newer, older }: { input: AuditFilterInput; newer: AuditCursor | null; older: AuditCursor | null }) {
  if (!newer && !older) return null;
  const t = await getTranslations('audit');
  const href = (cursor: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(input)) if (v && k !== 'before' && k !== 'after') q.set(k, v);
    for (const [k, v] of Object.entries(cursor)) q.set(k, v);
    const s = q.toString();
    return s ? `/admin/audit?${s}` : '/admin/audit';
  };
  const linkClass = 'rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm hover:bg-gray-50';
  return (
    <nav aria-label={t('pages')} className="mt-4 flex flex-wrap items-center justify-between gap-2">
      <span className="flex gap-2">
        {newer ? (
          <>
            <Link href={href({})} className={linkClass}>
              {t('newest')}
            </Link>
            <Link href={href({ after: encodeAuditCursor(newer) })} className={linkClass} rel="prev">
              {t('newer')}
            </Link>
          </>
        ) : null}
      </span>
      {older ? (
        <Link href={href({ before: encodeAuditCursor(older) })} className={linkClass} rel="next">
          {t('older')}
        </Link>
      ) : null}
    </nav>
  );
}
