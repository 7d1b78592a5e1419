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
