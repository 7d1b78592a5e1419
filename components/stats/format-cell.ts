import type { getFormatter } from 'next-intl/server';
import type { StatsCell } from './stats-tables';
import { YUAN } from '@/lib/domain/money';

export type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** A cell as the page shows it, in the UI language: an em dash where there is nothing to show. */
export function formatCell(cell: StatsCell, format: Formatter): string {
  switch (cell.format) {
    case 'text':
      return cell.value;
    case 'count':
      return format.number(cell.value);
    case 'rate':
      return cell.value === null ? '—' : format.number(cell.value, { style: 'percent', maximumFractionDigits: 1 });
    case 'fen':
      return format.number(cell.value / 100, YUAN);
    case 'rating':
      return cell.value === null ? '—' : format.number(cell.value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'hours':
      return cell.value === null ? '—' : format.number(cell.value, { style: 'unit', unit: 'hour', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'minutes':
      return cell.value === null ? '—' : format.number(cell.value, { style: 'unit', unit: 'minute', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'instant':
      return cell.value === null ? '—' : format.dateTime(new Date(cell.value), { dateStyle: 'medium', timeStyle: 'short' });
  }
}
