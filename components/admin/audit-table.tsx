import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Table, Td } from '@/components/ui/table';
import type { AuditChange, AuditEntryView, AuditWriter } from '@/lib/domain/audit-changes';

/** `?name=value…` of the audit page: a link to one writer's or one entity's entries. */
const auditHref = (params: Record<string, string>) => `/admin/audit?${new URLSearchParams(params).toString()}`;

const writerParam = (w: AuditWriter) => (w.kind === 'system' ? 'system' : `${w.kind}:${w.id}`);

/** The audit entries of one page, newest first, each with its changes as `field: before → after`. */
export async function AuditTable({ entries, actionLabel, entityLabel, provinceName }: { entries: AuditEntryView[]; actionLabel: (code: string) => string; entityLabel: (code: string) => string; provinceName: (code: string | null) => string }) {
  const [t, tc, format] = await Promise.all([getTranslations('audit'), getTranslations('channels'), getFormatter()]);
  const writerName = (w: AuditWriter) =>
    w.kind === 'staff' ? t('staffWriter', { name: w.name, username: w.username }) : w.kind === 'token' ? t('tokenWriter', { name: w.name, channel: tc.has(w.channel) ? tc(w.channel) : w.channel }) : t('system');
  return (
    <Table head={[t('when'), t('writer'), t('what'), t('entity'), t('provinceColumn'), t('changes')]}>
      {entries.map((e) => {
        const who = writerName(e.writer);
        const entity = e.entityId === null ? entityLabel(e.entityType) : t('entityLabel', { type: entityLabel(e.entityType), id: e.entityId });
        return (
          <tr key={e.id} data-testid="audit-entry">
            <Td className="whitespace-nowrap tabular-nums">
              <time dateTime={new Date(e.createdAt).toISOString()}>{format.dateTime(new Date(e.createdAt), { dateStyle: 'medium', timeStyle: 'medium' })}</time>
            </Td>
            <Td>
              <Link href={auditHref({ who: writerParam(e.writer) })} className="text-brand-700 underline" title={t('writerHistory', { writer: who })}>
                {who}
              </Link>
            </Td>
            <Td>
              <span className="block">{actionLabel(e.action)}</span>
              <code className="text-xs text-gray-500">{e.action}</code>
            </Td>
            <Td className="whitespace-nowrap">
              {e.entityId === null ? (
                entity
              ) : (
                <Link href={auditHref({ entityType: e.entityType, entityId: e.entityId })} className="text-brand-700 underline" title={t('entityHistory', { entity })}>
                  {entity}
                </Link>
              )}
            </Td>
            <Td className="whitespace-nowrap">{provinceName(e.provinceCode)}</Td>
            <Td className="min-w-64">
              <AuditChanges changes={e.changes} absent={t('absent')} none={t('noChanges')} />
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

function AuditChanges({ changes, absent, none }: { changes: AuditChange[]; absent: string; none: string }) {
  if (changes.length === 0) return <span className="text-gray-500">{none}</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {changes.map((c) => (
        <div key={c.field} className="break-words">
          <dt className={c.field ? 'inline font-medium text-gray-700' : 'sr-only'}>{c.field ? `${c.field}: ` : absent}</dt>
          <dd className="inline font-mono text-gray-800">
            {c.before === undefined ? null : (
              <>
                <del className="text-red-700">{c.before}</del>
                {' → '}
              </>
            )}
            {c.after === undefined ? absent : <ins className="text-green-800 no-underline">{c.after}</ins>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
