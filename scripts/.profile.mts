import { getStatistics, getServiceStatistics, getComplaintStatistics } from '@/lib/server/stats';
import { statsFilters } from '@/lib/validation/stats';
const hq = { kind: 'staff', role: 'analyst', staffId: 1, provinceCode: null, clubCodes: null, name: 'x' } as const;
const f = statsFilters.parse({ period: 'custom', from: '2025-06-16', to: '2026-06-15' });
for (let i = 0; i < 3; i++) {
  for (const [n, fn] of [['stats', getStatistics], ['services', getServiceStatistics], ['complaints', getComplaintStatistics]] as const) {
    const t = performance.now();
    await fn(hq, f);
    console.log(n, (performance.now() - t).toFixed(1), 'ms');
  }
}
process.exit(0);
