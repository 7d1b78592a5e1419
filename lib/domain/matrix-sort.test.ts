import { describe, expect, it } from 'vitest';
import type { ComplianceStatus } from './compliance';
import { sortMatrixRows } from './matrix-sort';

const cell = (status: ComplianceStatus, held: number) => ({ status, held });
const row = (code: string, held: number, met: number, atRisk: number, film: ReturnType<typeof cell>) => ({
  province: { code },
  cells: { music: cell('met', 3), film, gaming: cell('met', 2), handset: cell('met', 4) },
  held,
  met,
  atRisk,
});

const rows = [
  row('440000', 12, 4, 0, cell('met', 2)),
  row('110000', 5, 1, 3, cell('at_risk', 0)),
  row('310000', 8, 2, 1, cell('missed', 1)),
  row('650000', 8, 3, 1, cell('on_track', 1)),
];
const codes = (sorted: typeof rows) => sorted.map((r) => r.province.code);

describe('sortMatrixRows', () => {
  it('sorts by province code, or by held and met with the most first', () => {
    expect(codes(sortMatrixRows(rows, 'province'))).toEqual(['110000', '310000', '440000', '650000']);
    expect(codes(sortMatrixRows(rows, 'held'))).toEqual(['440000', '310000', '650000', '110000']);
    expect(codes(sortMatrixRows(rows, 'met'))).toEqual(['440000', '650000', '310000', '110000']);
  });

  it('puts the provinces most at risk first', () => {
    expect(codes(sortMatrixRows(rows, 'risk'))).toEqual(['110000', '310000', '650000', '440000']);
  });

  it('sorts by one club worst first: missed, at risk, on track, met', () => {
    expect(codes(sortMatrixRows(rows, 'film'))).toEqual(['310000', '110000', '650000', '440000']);
  });

  it('does not reorder its input', () => {
    sortMatrixRows(rows, 'held');
    expect(codes(rows)).toEqual(['440000', '110000', '310000', '650000']);
  });
});
