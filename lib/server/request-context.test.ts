import { describe, expect, it } from 'vitest';
import { actorLogId, currentRequestContext, recordActor, runWithRequestContext, type RequestContext } from './request-context';

const member = { kind: 'member', role: 'member', customerId: 12, provinceCode: '440000', name: '陈思远' } as const;
const operator = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: null, name: 'gd' } as const;
const channel = { kind: 'channel', role: 'channel', tokenId: 5, channel: 'hotline', provinceCode: null, name: '10010' } as const;

describe('actorLogId', () => {
  it('names the kind and the id, never the name', () => {
    expect([member, operator, channel].map(actorLogId)).toEqual(['member:12', 'staff:3', 'token:5']);
  });
});

describe('recordActor', () => {
  it("notes the actor on the request's context, across awaits, and hands it back", async () => {
    const context: RequestContext = { requestId: 'r1' };
    await runWithRequestContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestContext()).toBe(context);
      expect(recordActor(operator)).toBe(operator);
    });
    expect(context.actor).toBe('staff:3');
  });

  it('leaves a context alone for a request without an actor, and does nothing outside a request', () => {
    const context: RequestContext = { requestId: 'r2' };
    runWithRequestContext(context, () => expect(recordActor(null)).toBeNull());
    expect(context.actor).toBeUndefined();
    expect(recordActor(member)).toBe(member);
    expect(currentRequestContext()).toBeUndefined();
  });
});
