import { describe, expect, it } from 'vitest';
import { backoffMs, encodingOf, isTransientSmppStatus, parseReceipt, SMPP_STATUS, splitSms } from './sms';

const join = (text: string, times: number) => Array.from({ length: times }, () => text).join('');

describe('splitSms', () => {
  it('sends a short Chinese text as one UCS-2 SMS without a header', () => {
    const text = '【3G客户俱乐部】您已报名成功，请准时参加。';
    expect(encodingOf(text)).toBe('ucs2');
    expect(splitSms(text, 7)).toEqual([{ seq: 1, total: 1, text, udh: null }]);
  });

  it('fits 70 UCS-2 characters in one SMS and cuts 71 into parts of 67 with a concatenation header', () => {
    expect(splitSms(join('好', 70), 1)).toHaveLength(1);
    const parts = splitSms(join('好', 71), 300);
    expect(parts.map((p) => p.text.length)).toEqual([67, 4]);
    // IEI 0x00 (8-bit reference), reference 300 mod 256, two parts, the part's position.
    expect(parts.map((p) => [...p.udh!])).toEqual([
      [5, 0, 3, 44, 2, 1],
      [5, 0, 3, 44, 2, 2],
    ]);
  });

  it('joins back to the original text, in order', () => {
    const text = join('尊敬的会员：您报名的“亲子手工课”将于明天下午两点在天河营业厅举行，请携带会员卡准时到场。', 5);
    const parts = splitSms(text, 9);
    expect(parts.length).toBe(Math.ceil(text.length / 67));
    expect(parts.every((p) => p.text.length <= 67 && p.total === parts.length)).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('never splits a surrogate pair between two parts', () => {
    // 66 characters, then an emoji (two code units) that would straddle the 67th.
    const text = join('会', 66) + '😀' + join('员', 10);
    const parts = splitSms(text, 1);
    expect(parts[0]!.text).toBe(join('会', 66));
    expect(parts[1]!.text.startsWith('😀')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const part of parts) expect(part.text).toBe(Buffer.from(part.text, 'utf16le').toString('utf16le'));
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p.text))).toBe(true);
  });

  it('sends plain ASCII as GSM-7: 160 in one SMS, parts of 153 beyond', () => {
    expect(encodingOf('Your code is 123456.')).toBe('gsm7');
    expect(splitSms(join('a', 160), 1)).toHaveLength(1);
    expect(splitSms(join('a', 161), 1).map((p) => p.text.length)).toEqual([153, 8]);
    // An extension character ({) takes two septets: the text goes as UCS-2 instead.
    expect(encodingOf('code {123}')).toBe('ucs2');
  });
});

describe('the SMSC answers', () => {
  it('retries throttling, a full queue and a system error, and no invalid destination', () => {
    expect(isTransientSmppStatus(SMPP_STATUS.throttled)).toBe(true);
    expect(isTransientSmppStatus(SMPP_STATUS.queueFull)).toBe(true);
    expect(isTransientSmppStatus(SMPP_STATUS.systemError)).toBe(true);
    expect(isTransientSmppStatus(SMPP_STATUS.invalidDestination)).toBe(false);
  });

  it('backs off doubling, up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 100))).toEqual([100, 200, 400, 800]);
    expect(backoffMs(20, 100)).toBe(30_000);
  });

  it('reads a receipt from its TLVs, or from its text', () => {
    expect(parseReceipt({ receiptedMessageId: 'A1', messageState: 2 }, '')).toEqual({ messageId: 'A1', outcome: 'delivered', state: 'DELIVRD' });
    expect(parseReceipt({}, 'id:77ab sub:001 dlvrd:000 submit date:2612071200 done date:2612071201 stat:UNDELIV err:034 text:')).toEqual({
      messageId: '77ab',
      outcome: 'failed',
      state: 'UNDELIV err:034',
    });
    expect(parseReceipt({}, 'id:9 stat:EXPIRED err:000')).toMatchObject({ outcome: 'failed', state: 'EXPIRED' });
    expect(parseReceipt({}, 'id:9 stat:ENROUTE')).toMatchObject({ outcome: 'pending' });
    expect(parseReceipt({}, 'stat:DELIVRD')).toBeNull();
  });
});
