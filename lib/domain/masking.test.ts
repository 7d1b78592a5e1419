import { describe, expect, it } from 'vitest';
import { maskMobile, maskName, presentIdentity } from './masking';

describe('masking', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskMobile('18612341234')).toBe('186****1234');
    expect(maskMobile('13000000000')).toBe('130****0000');
  });

  it('never leaks a malformed number whole', () => {
    expect(maskMobile('12345')).toBe('***45');
    expect(maskMobile('1')).toBe('*');
    expect(maskMobile('')).toBe('');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王浩然')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName(' Lee ')).toBe('L**');
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('presents identity in full or masked, leaving other fields alone', () => {
    const c = { id: 1, mobile: '18602001234', name: '陈思远', segment: 'postpaid' };
    expect(presentIdentity(c, true)).toEqual({ ...c, masked: false });
    expect(presentIdentity(c, false)).toEqual({ id: 1, mobile: '186****1234', name: '陈**', segment: 'postpaid', masked: true });
  });
});
