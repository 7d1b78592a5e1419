import type { ComplianceStatus } from './compliance';
import { CLUB_CODES, type ClubCode } from './types';

export const MATRIX_SORTS = ['province', 'held', 'met', 'risk', ...CLUB_CODES] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];

interface Row {
  province: { code: string };
  cells: Record<ClubCode, { status: ComplianceStatus; held: number }>;
  held: number;
  met: number;
  atRisk: number;
}

const STATUS_ORDER = { missed: 0, at_risk: 1, on_track: 2, met: 3 } as const;

/** Orders matrix rows: by province code, or worst-first / best-first by the chosen measure. */
export function sortMatrixRows<T extends Row>(rows: T[], sort: MatrixSort): T[] {
  const byCode = (a: T, b: T) => a.province.code.localeCompare(b.province.code);
  const sorted = [...rows];
  switch (sort) {
    case 'province':
      return sorted.sort(byCode);
    case 'held':
      return sorted.sort((a, b) => b.held - a.held || byCode(a, b));
    case 'met':
      return sorted.sort((a, b) => b.met - a.met || byCode(a, b));
    case 'risk':
      return sorted.sort((a, b) => b.atRisk - a.atRisk || byCode(a, b));
    default:
      return sorted.sort((a, b) => STATUS_ORDER[a.cells[sort].status] - STATUS_ORDER[b.cells[sort].status] || a.cells[sort].held - b.cells[sort].held || byCode(a, b));
  }
}
