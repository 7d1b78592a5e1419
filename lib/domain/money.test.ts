import { describe, expect, it } from 'vitest';
import { fenToYuanText, parseYuan, YUAN, yuanText } from './money';

describe('parseYuan', () => {
  it('reads whole yuan and up to two decimals as integer fen', () => {
    expect(parseYuan('25')).toBe(2500);
    expect(parseYuan('25.5')).toBe(2550);
    expect(parseYuan(' 25.05 ')).toBe(2505);
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('0.29')).toBe(29);
  });

  it('refuses negatives, three decimals, words and empty input', () => {
    for (const bad of ['-1', '1.234', 'abc', '', '1e3', '1,000']) expect(parseYuan(bad)).toBeNull();
  });

  it('round-trips with fenToYuanText', () => {
    for (const fen of [0, 1, 29, 2550, 123456]) expect(parseYuan(fenToYuanText(fen))).toBe(fen);
  });
});

describe('money as shown', () => {
  it('reads ¥25.00 in both languages, with thousands separated, as pages (format.number with YUAN) and messages show it', () => {
    expect(yuanText(2500)).toBe('¥25.00');
    expect(yuanText(2500, 'en')).toBe('¥25.00');
    expect(yuanText(123450, 'en')).toBe('¥1,234.50');
    expect(new Intl.NumberFormat('en', YUAN).format(25)).toBe(yuanText(2500, 'en'));
  });
});
