import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/auth';
import { AUTH_BODY_LIMIT, authRequestRefusal, readBodyUpTo } from '@/lib/server/auth-route';
import { problem } from '@/lib/server/http';

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth?: string[] }> };

/** next-auth behind a gate: only its routes the app uses, with a form body of bounded size (see authRequestRefusal). */
async function handle(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth = [] } = await context.params;
  const length = request.headers.get('content-length');
  const refusal = authRequestRefusal(request.method, nextauth, request.headers.get('content-type'), length === null ? null : Number(length));
  if (refusal) return problem(refusal.status, refusal.code, refusal.allow ? { headers: { allow: refusal.allow } } : {});
  if (request.method !== 'POST') return nextAuth(request, context);
  // Read here, within the limit, so that next-auth never buffers more than that.
  const body = await readBodyUpTo(request, AUTH_BODY_LIMIT);
  if (body === null) return problem(413, 'payload_too_large');
  return nextAuth(new NextRequest(request.url, { method: 'POST', headers: request.headers, body }), context);
}

export { handle as GET, handle as POST };
