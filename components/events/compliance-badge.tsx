import { getTranslations } from 'next-intl/server';
import type { ComplianceStatus } from '@/lib/domain/compliance';

export const COMPLIANCE_COLORS: Record<ComplianceStatus, string> = {
  met: 'bg-green-100 text-green-900 border-green-300',
  on_track: 'bg-sky-100 text-sky-900 border-sky-300',
  at_risk: 'bg-amber-100 text-amber-900 border-amber-300',
  missed: 'bg-red-100 text-red-900 border-red-300',
};

export async function ComplianceBadge({ status }: { status: ComplianceStatus }) {
  const t = await getTranslations('compliance');
  return <span className={`rounded border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${COMPLIANCE_COLORS[status]}`}>{t(`status.${status}`)}</span>;
}
