import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { halls, inspectionItems, inspections } from '../schema';
import { INSPECTION_ITEM_KEYS, inspectionScore, type InspectionItemKey, type InspectionKind, type InspectionRating } from '@/lib/domain/inspections';
import { DAY, HOUR } from '@/lib/domain/time';
import { inOpeningHours } from './seed-time';

interface SeedFinding {
  rating: Exclude<InspectionRating, 'pass' | 'na'>;
  finding: string;
  /** The province's follow-up, days after the visit, and whether it fixed the finding; none: not followed up yet. */
  followUp?: { text: string; after: number; fixed: boolean };
}

interface SeedInspection {
  kind: InspectionKind;
  /** Which of the province's halls (by order of creation). */
  hall: number;
  daysAgo: number;
  note?: string;
  findings: Partial<Record<InspectionItemKey, SeedFinding>>;
}

/**
 * Guangdong's and Beijing's last months of inspections: HQ's open and covert visits and their own
 * self-inspections, findings fixed, followed up but open, and not yet followed up. The other demo
 * provinces had one open visit from HQ, all passed.
 */
const BY_PROVINCE: Record<string, SeedInspection[]> = {
  '440000': [
    {
      kind: 'covert',
      hall: 0,
      daysAgo: 75,
      note: '周六上午客流高峰时段暗访。',
      findings: {
        wait_time: { rating: 'fail', finding: '取号后等候约12分钟，高峰期无人分流。', followUp: { text: '周末增开两个窗口，设专人取号分流，复查等候约4分钟。', after: 9, fixed: true } },
        vip_zone: { rating: 'partial', finding: 'VIP专席有人值守，但VIP客户未被优先叫号。', followUp: { text: '叫号系统已设置VIP优先规则。', after: 6, fixed: true } },
      },
    },
    {
      kind: 'self',
      hall: 1,
      daysAgo: 40,
      findings: { demo_area: { rating: 'partial', finding: '体验区两台3G样机无法上网。', followUp: { text: '样机已更换上网卡，每日开门前检查。', after: 2, fixed: true } } },
    },
    {
      kind: 'open',
      hall: 2,
      daysAgo: 12,
      findings: {
        first_contact: { rating: 'partial', finding: '客户投诉被转给其他同事后无人跟进，首问负责未落实。', followUp: { text: '已组织首问负责制培训，待下月复查。', after: 3, fixed: false } },
        information_display: { rating: 'fail', finding: '俱乐部活动海报仍是上季度的内容。' },
      },
    },
    { kind: 'self', hall: 0, daysAgo: 4, findings: { certified_staff: { rating: 'fail', finding: '新到岗的两名3G接待人员尚未取得上岗证。' } } },
  ],
  '110000': [
    { kind: 'self', hall: 0, daysAgo: 50, findings: {} },
    {
      kind: 'covert',
      hall: 1,
      daysAgo: 20,
      note: '工作日傍晚暗访。',
      findings: {
        handling_time: { rating: 'partial', finding: '办理3G套餐变更用时约14分钟。', followUp: { text: '已简化套餐变更流程，营业员重新培训。', after: 5, fixed: true } },
        zone_3g: { rating: 'fail', finding: '3G专区被临时用作促销柜台。' },
      },
    },
  ],
};
const OTHERS: SeedInspection[] = [{ kind: 'open', hall: 0, daysAgo: 30, findings: {} }];

/** The demo's inspections, as recordInspection and followUpFinding leave them (the audit log aside). */
export async function seedDemoInspections(tx: Tx, now: number, provinces: readonly string[], staffIdOf: (username: string) => number | null): Promise<void> {
  for (const province of provinces) {
    const places = await tx.select({ id: halls.id }).from(halls).where(and(eq(halls.provinceCode, province), eq(halls.active, true))).orderBy(asc(halls.id));
    const own = province === '440000' ? 'gd' : province === '110000' ? 'bj' : null;
    for (const [n, seed] of (BY_PROVINCE[province] ?? OTHERS).entries()) {
      const hall = places[seed.hall];
      const inspector = staffIdOf(seed.kind === 'self' ? `${own}.operator` : n % 2 === 0 ? 'hq.analyst' : 'admin');
      if (!hall || !inspector) continue;
      const visitedAt = inOpeningHours(now - seed.daysAgo * DAY);
      const items = INSPECTION_ITEM_KEYS.map((key) => ({ key, rating: seed.findings[key]?.rating ?? ('pass' as const), finding: seed.findings[key]?.finding ?? null }));
      const [row] = await tx
        .insert(inspections)
        .values({ provinceCode: province, kind: seed.kind, hallId: hall.id, visitedAt, score: inspectionScore(items)!, note: seed.note ?? null, inspectorStaffId: inspector, createdAt: visitedAt + 2 * HOUR })
        .returning({ id: inspections.id });
      const followerId = staffIdOf(`${own}.operator`) ?? staffIdOf('admin');
      await tx.insert(inspectionItems).values(
        items.map((i) => {
          const followUp = seed.findings[i.key]?.followUp;
          const at = followUp ? Math.min(now - HOUR, inOpeningHours(visitedAt + followUp.after * DAY)) : null;
          return {
            inspectionId: row!.id,
            itemKey: i.key,
            rating: i.rating,
            finding: i.finding,
            followUp: followUp?.text ?? null,
            followedUpAt: at,
            followedUpByStaffId: followUp ? followerId : null,
            fixedAt: followUp?.fixed ? at : null,
          };
        }),
      );
    }
  }
}
