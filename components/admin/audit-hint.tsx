import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Where an admin page's changes are recorded: its `auditHint` text, with a link to the audit log. */
export async function AuditHint({ namespace }: { namespace: 'staffAdmin' | 'apiTokens' }) {
  const t = await getTranslations(namespace);
  return (
    <p className="text-sm text-gray-600">
      {t.rich('auditHint', {
        link: (chunks) => (
          <Link href="/admin/audit" className="text-brand-700 underline">
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
