import { describe, expect, it } from 'vitest';
import type { JWT } from 'next-auth/jwt';
import { withTempDatabase } from '@/tests/temp-database';
import { authOptions } from './auth';
import { actorOfSession } from './guard';
import { createStaff } from './staff';

withTempDatabase();

const BASE = 'http://localhost:3000';
const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: BASE });

describe("next-auth's redirect after signing in", () => {
  it('stays on the app', async () => {
    expect(await redirect('/points')).toBe(`${BASE}/points`);
    expect(await redirect(`${BASE}/signin?from=%2Fpoints`)).toBe(`${BASE}/signin?from=%2Fpoints`);
  });

  it('falls back to the app for other hosts, tricks that browsers read as hosts, and malformed values', async () => {
    for (const url of ['https://evil.example/x', '//evil.example', '/\\evil.example/x', '/\t/evil.example', '/.//evil.example', 'javascript:alert(1)', '%E0%A4%A', 'http://%zz', '']) {
      expect(await redirect(url), url).toBe(BASE);
    }
  });
});

describe('the session a sign-in opens', () => {
  it('carries a session id that the guard checks, and that next-auth sign-out ends', async () => {
    const op = await createStaff({ kind: 'system', via: 'cli' }, { username: 'gd.signout', password: 'plum-harbor-lantern-42', role: 'operator', provinceCode: '440000' });
    const jwt = authOptions.callbacks!.jwt! as (params: { token: JWT; user?: { id: string; name: string } }) => Promise<JWT>;
    const token = await jwt({ token: { name: 'op' }, user: { id: `staff:${op.id}`, name: 'op' } });
    expect(token).toMatchObject({ sub: `staff:${op.id}`, sid: expect.stringMatching(/^[\w-]{43}$/) });
    const claims = { principal: token.sub!, sessionId: token.sid, signedInAt: token.signedInAt };
    expect(await actorOfSession(claims)).toMatchObject({ staffId: op.id });
    // Later requests of the session keep their token as it is.
    expect(await jwt({ token })).toBe(token);

    const session = await authOptions.callbacks!.session!({ session: { expires: 'x', user: {} }, token } as never);
    expect(JSON.stringify(session)).not.toContain(token.sid!);

    await authOptions.events!.signOut!({ token } as never);
    expect(await actorOfSession(claims)).toBeNull();
  });
});
