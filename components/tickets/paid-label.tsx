import { getFormatter, getTranslations } from 'next-intl/server';
import type { RegistrationStatus } from '@/lib/domain/types';
import { YUAN } from '@/lib/domain/money';

/** What a registration took (points or yuan) and whether it was given back; nothing is taken while waiting. */
export async function PaidLabel({ status, paidPoints, paidFen, refundedAt }: { status: RegistrationStatus; paidPoints: number; paidFen: number; refundedAt: number | null }) {
  const [t, format] = await Promise.all([getTranslations('tickets.paid'), getFormatter()]);
  if (status === 'waitlisted') return <>{t('waitlisted')}</>;
  const parts: string[] = [];
  if (paidPoints > 0) parts.push(t('points', { points: paidPoints }));
  if (paidFen > 0) parts.push(format.number(paidFen / 100, YUAN));
  if (parts.length === 0) return <>{t(status === 'cancelled' ? 'nothing' : 'free')}</>;
  const paid = t('amount', { amount: parts.join(' + ') });
  return <>{refundedAt !== null ? t('refunded', { paid }) : paid}</>;
}
