import { describe, expect, it } from 'vitest';
import { isPlainLine, isPlainText, toPlainText } from './plain-text';

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const C1 = ['\u007F', ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i))];
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const SEPARATORS = ['\u2028', '\u2029'];

describe('isPlainLine', () => {
  it('accepts ordinary text in any script, with spaces and punctuation', () => {
    for (const ok of ['新片抢先看：《逆光飞行》', 'Premiere; preview, "Q&A" \\ #1', 'مرحبا بالعالم', '会展中心 5号馆 B区', '😀 emoji', '']) expect(isPlainLine(ok), ok).toBe(true);
  });

  it('refuses every C0 and C1 control character, CR, LF and TAB included', () => {
    for (const c of [...C0, ...C1]) expect(isPlainLine(`标题${c}尾`), `U+${c.charCodeAt(0).toString(16)}`).toBe(false);
  });

  it('refuses bidi embeddings, overrides and isolates, and line or paragraph separators', () => {
    for (const c of [...BIDI, ...SEPARATORS]) expect(isPlainLine(`venue ${c}evil`), `U+${c.charCodeAt(0).toString(16)}`).toBe(false);
  });
});

describe('isPlainText', () => {
  it('accepts line feeds, alone or after a carriage return', () => {
    expect(isPlainText('第一行\n第二行\r\n\r\n第四行')).toBe(true);
  });

  it('refuses a lone carriage return, every other control character and bidi controls', () => {
    expect(isPlainText('a\rb')).toBe(false);
    expect(isPlainText('a\r')).toBe(false);
    const others = [...C0, ...C1, ...BIDI, ...SEPARATORS].filter((c) => c !== '\n' && c !== '\r');
    for (const c of others) expect(isPlainText(`正文${c}尾`), `U+${c.charCodeAt(0).toString(16)}`).toBe(false);
  });
});

describe('toPlainText', () => {
  it('turns line breaks into line feeds and drops anything else unsafe', () => {
    expect(toPlainText('a\r\nb\rc\nd\u0000e\u202Ef\tg\u0085h')).toBe('a\nb\nc\ndefgh');
  });

  it('leaves plain text as it is', () => {
    expect(toPlainText('音乐会员活动; 第1场, "周年"\\特别版')).toBe('音乐会员活动; 第1场, "周年"\\特别版');
  });
});
