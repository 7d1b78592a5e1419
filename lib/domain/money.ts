/** "25", "25.5", "25.50" yuan -> 2550 fen; null for anything else (no floats on the way). */
export function parseYuan(input: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 2550 fen -> "25.50", for form fields. */
export function fenToYuanText(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
}

/**
 * How money is shown on every page and in every message: "¥25.00" in both languages (English
 * would otherwise say "CN¥25.00" while the SMS say "¥25.00").
 */
export const YUAN = { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' } as const;

/** Fen as money text where no page formatter is at hand (SMS, refund notes): as the pages show it. */
export function yuanText(fen: number, locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, YUAN).format(fen / 100);
}
