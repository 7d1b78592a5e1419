import { connection } from 'next/server';
import { checkHealth } from '@/lib/server/health';

/**
 * Readiness for load balancers and monitoring: 200 when the database answers and its migrations
 * are the code's, 503 otherwise. No token and no personal data; never cached. (`/api/v1/health` is
 * the bare liveness answer the storm bench measures against.)
 */
export async function GET() {
  // The answer is about this moment: never prerendered at build time, where no database may be opened.
  await connection();
  const report = await checkHealth();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
