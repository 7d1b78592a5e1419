import { getFormatter, getTranslations } from 'next-intl/server';
import type { PriceType } from '@/lib/domain/types';
import { YUAN } from '@/lib/domain/money';

/** Free, a fee in yuan, or points: how an event is paid for. */
export async function PriceLabel({ priceType, priceFen, pricePoints }: { priceType: PriceType; priceFen: number; pricePoints: number }) {
  const [t, format] = await Promise.all([getTranslations('price'), getFormatter()]);
  if (priceType === 'fee') return <>{format.number(priceFen / 100, YUAN)}</>;
  if (priceType === 'points') return <>{t('points', { points: pricePoints })}</>;
  return <>{t('free')}</>;
}
