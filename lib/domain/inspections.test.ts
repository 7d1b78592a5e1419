import { describe, expect, it } from 'vitest';
import type { Actor } from './access';
import { checkScorecard, INSPECTION_ITEM_KEYS, INSPECTION_ITEMS, inspectionScore, latestScores, mayFollowUp, mayReadInspections, mayRecordInspection, seesInspector, type InspectionRating } from './inspections';

const all = (rating: InspectionRating) => INSPECTION_ITEM_KEYS.map((key) => ({ key, rating, finding: rating === 'pass' || rating === 'na' ? null : 'x' }));
const staff = (role: 'admin' | 'operator' | 'analyst', provinceCode: string | null): Actor => ({ kind: 'staff', role, staffId: 1, provinceCode, clubCodes: null, name: 's' });

describe('inspection scorecard', () => {
  it('weighs the items to 100, each with a section of the plan', () => {
    expect(INSPECTION_ITEMS.reduce((s, i) => s + i.weight, 0)).toBe(100);
    for (const i of INSPECTION_ITEMS) expect(i.plan).toMatch(/^[四五六]/);
  });

  it('scores all passed 100, all failed 0, all partial 50', () => {
    expect(inspectionScore(all('pass'))).toBe(100);
    expect(inspectionScore(all('fail'))).toBe(0);
    expect(inspectionScore(all('partial'))).toBe(50);
  });

  it('earns an item its weight when passed, half when partial, and leaves n/a items out of the total', () => {
    const items = all('pass').map((i) => (i.key === 'wait_time' ? { ...i, rating: 'fail' as const } : i.key === 'vip_zone' ? { ...i, rating: 'partial' as const } : i));
    // 100 - 15 (wait time failed) - 7.5 (half of the VIP zone)
    expect(inspectionScore(items)).toBe(78);
    const atEvent = items.map((i) => (i.key === 'wait_time' || i.key === 'handling_time' ? { ...i, rating: 'na' as const } : i));
    // 67.5 earned of the 75 that applied
    expect(inspectionScore(atEvent)).toBe(90);
    expect(inspectionScore(all('na'))).toBeNull();
  });

  it('asks for every item once, a finding for each not passed, and something rated', () => {
    expect(checkScorecard(all('pass'))).toEqual({});
    expect(checkScorecard(all('partial'))).toEqual({});
    const missing = all('pass').filter((i) => i.key !== 'demo_area');
    expect(checkScorecard(missing)).toEqual({ demo_area: 'inspection_item_rating_required' });
    const noFinding = all('pass').map((i) => (i.key === 'first_contact' ? { ...i, rating: 'fail' as const } : i));
    expect(checkScorecard(noFinding)).toEqual({ first_contact: 'inspection_finding_required' });
    expect(checkScorecard(all('na'))).toEqual({ _: 'inspection_nothing_rated' });
    expect(checkScorecard([...all('pass'), { key: 'wait_time', rating: 'pass', finding: null }])).toEqual({ wait_time: 'inspection_item_rating_required' });
  });
});

describe('who inspects', () => {
  it('lets HQ admins and analysts visit any province openly or covertly, never as a self-inspection', () => {
    for (const actor of [staff('admin', null), staff('analyst', null)]) {
      expect(mayRecordInspection(actor, 'open', '440000')).toBe(true);
      expect(mayRecordInspection(actor, 'covert', '110000')).toBe(true);
      expect(mayRecordInspection(actor, 'self', '440000')).toBe(false);
    }
  });

  it("lets a province's operators and analysts inspect only themselves, only their own province", () => {
    for (const actor of [staff('operator', '440000'), staff('analyst', '440000')]) {
      expect(mayRecordInspection(actor, 'self', '440000')).toBe(true);
      expect(mayRecordInspection(actor, 'self', '110000')).toBe(false);
      expect(mayRecordInspection(actor, 'covert', '440000')).toBe(false);
      expect(mayRecordInspection(actor, 'open', '440000')).toBe(false);
    }
    expect(mayRecordInspection({ kind: 'member', role: 'member', customerId: 1, provinceCode: '440000', name: 'm' }, 'self', '440000')).toBe(false);
  });

  it('shows a province its own inspections, without the name of a covert inspector; follow-up by its operators and admins', () => {
    expect(mayReadInspections(staff('analyst', '440000'), '440000')).toBe(true);
    expect(mayReadInspections(staff('operator', '440000'), '110000')).toBe(false);
    expect(mayReadInspections(staff('analyst', null), '110000')).toBe(true);
    expect(seesInspector(staff('operator', '440000'), 'covert')).toBe(false);
    expect(seesInspector(staff('operator', '440000'), 'open')).toBe(true);
    expect(seesInspector(staff('analyst', null), 'covert')).toBe(true);
    expect(mayFollowUp(staff('operator', '440000'), '440000')).toBe(true);
    expect(mayFollowUp(staff('operator', '440000'), '110000')).toBe(false);
    expect(mayFollowUp(staff('analyst', '440000'), '440000')).toBe(false);
    expect(mayFollowUp(staff('admin', null), '110000')).toBe(true);
  });
});

describe('latest scores', () => {
  it("picks HQ's latest visit of either kind and the latest self-inspection apart", () => {
    const list = [
      { kind: 'open' as const, visitedAt: 1 },
      { kind: 'self' as const, visitedAt: 5 },
      { kind: 'covert' as const, visitedAt: 3 },
      { kind: 'self' as const, visitedAt: 2 },
    ];
    const latest = latestScores(list);
    expect(latest.hq).toBe(list[2]);
    expect(latest.self).toBe(list[1]);
    expect(latestScores([])).toEqual({ hq: null, self: null });
  });
});
