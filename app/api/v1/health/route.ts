import { otherMethods } from '@/lib/server/http';

/** Liveness for load balancers and the benchmark's ceiling: no token, no database. */
export function GET() {
  return Response.json({ status: 'ok' });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
