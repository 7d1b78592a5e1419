import { describe, expect, it } from 'vitest';
import { callbackOutcomeInput } from './callbacks';

describe('callbackOutcomeInput', () => {
  it('takes an outcome and the opinion, and a complaint or suggestion only when the follow-up asks for one', () => {
    expect(callbackOutcomeInput.parse({ callbackId: '7', outcome: 'declined', opinion: ' 最近很忙 ' })).toEqual({ callbackId: 7, outcome: 'declined', opinion: '最近很忙', complaint: undefined });
    expect(callbackOutcomeInput.parse({ callbackId: '7', outcome: 'reached', complaintTopic: 'network', complaintBody: '没有勾选跟进' }).complaint).toBeUndefined();
    expect(callbackOutcomeInput.parse({ callbackId: '7', outcome: 'reached', followUp: 'complaint', complaintTopic: 'network', complaintBody: '车库里没有3G信号。' }).complaint).toEqual({
      kind: 'complaint',
      topic: 'network',
      body: '车库里没有3G信号。',
    });
    expect(callbackOutcomeInput.parse({ callbackId: '7', outcome: 'reached', followUp: 'suggestion', complaintTopic: 'event', complaintBody: '希望多办几场音乐会。' }).complaint).toEqual({
      kind: 'suggestion',
      topic: 'event',
      body: '希望多办几场音乐会。',
    });
  });

  it('refuses a missing outcome and a follow-up complaint without its topic or words, so nothing is recorded', () => {
    const issues = (input: Record<string, string>) => callbackOutcomeInput.safeParse({ callbackId: '7', ...input }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({})).toEqual([['outcome', 'outcome_required']]);
    expect(issues({ outcome: 'maybe' })).toEqual([['outcome', 'outcome_required']]);
    expect(issues({ outcome: 'reached', followUp: 'complaint', complaintBody: '短' })).toEqual([
      ['complaintTopic', 'topic_required'],
      ['complaintBody', 'complaint_too_short'],
    ]);
    expect(issues({ outcome: 'reached', followUp: 'suggestion', complaintBody: '' })).toEqual([
      ['complaintTopic', 'topic_required'],
      ['complaintBody', 'complaint_too_short'],
    ]);
    expect(issues({ outcome: 'reached', followUp: 'praise' })).toEqual([['followUp', 'invalid_input']]);
  });
});
