import { describe, expect, it } from 'vitest';
import { resolveLocale } from './locale';

describe('resolveLocale', () => {
  it('keeps a remembered choice over the browser', () => {
    expect(resolveLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US,en;q=0.9')).toBe('zh-CN');
  });

  it('follows Accept-Language with its q-values when nothing is remembered', () => {
    expect(resolveLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(resolveLocale(undefined, 'zh-TW;q=0.5,en-GB;q=0.8')).toBe('en');
    expect(resolveLocale(undefined, 'zh;q=0.9,en;q=0.1')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh-Hans-CN')).toBe('zh-CN');
  });

  it('falls back to Simplified Chinese for no header, unknown languages, bad cookies and malformed tags', () => {
    expect(resolveLocale(undefined, null)).toBe('zh-CN');
    expect(resolveLocale(undefined, 'fr-FR,de;q=0.8')).toBe('zh-CN');
    expect(resolveLocale('xx', null)).toBe('zh-CN');
    expect(resolveLocale(undefined, '%%%,,;q=abc')).toBe('zh-CN');
  });
});
