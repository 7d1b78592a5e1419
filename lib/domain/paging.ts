/** No list of the app has this many pages; a larger number in a URL is not a page of ours. */
export const MAX_PAGE = 100_000;

/**
 * The page number a URL asks for, as a whole number from 1 to MAX_PAGE: anything else (`1e309`,
 * `-1`, `2.5`, `abc`, a repeated parameter) is page 1, rather than an offset SQLite refuses.
 */
export function pageNumber(raw: unknown): number {
  const page = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}
