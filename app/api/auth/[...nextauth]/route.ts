import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/auth';
import { AUTH_BODY_LIMIT, authRequestRefusal, callbackUrlRefusal } from '@/lib/server/auth-route';
import { problem, readBodyUpTo } from '@/lib/server/http';

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth?: string[] }> };

/** next-auth behind a gate: only its routes the app uses, with a form body of bounded size (see authRequestRefusal). */
async function handle(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth = [] } = await context.params;
  const length = request.headers.get('content-length');
  const refusal = authRequestRefusal(request.method, nextauth, request.headers.get('content-type'), length === null ? null : Number(length));
  if (refusal) return problem(refusal.status, refusal.code, refusal.allow ? { headers: { allow: refusal.allow } } : {});
  const callbackCookies = request.cookies.getAll().filter((c) => c.name.endsWith('next-auth.callback-url'));
  const origin = process.env.NEXTAUTH_URL ?? request.nextUrl.origin;
  const badCallback = callbackUrlRefusal([request.nextUrl.searchParams.get('callbackUrl'), ...callbackCookies.map((c) => c.value)], origin);
  if (badCallback) {
    const answer = problem(badCallback.status, badCallback.code);
    // A bad cookie would refuse every later request too: it goes.
    for (const c of callbackCookies) answer.headers.append('set-cookie', `${c.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${c.name.startsWith('__Secure-') ? '; Secure' : ''}`);
    return answer;
  }
  if (request.method !== 'POST') return nextAuth(request, context);
  // Read here, within the limit, so that next-auth never buffers more than that.
  const body = await readBodyUpTo(request, AUTH_BODY_LIMIT);
  if (body === null) return problem(413, 'payload_too_large');
  return nextAuth(new NextRequest(request.url, { method: 'POST', headers: request.headers, body: Buffer.from(body).toString('utf8') }), context);
}

export { handle as GET, handle as POST };
