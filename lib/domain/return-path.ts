/** Return paths longer than this are not ours: the app's own links are short. */
const MAX_RETURN_LENGTH = 2048;

/**
 * Where to go back to after signing in, when `raw` (a `from` parameter or next-auth's
 * callbackUrl) names a page of this app: its path, query and fragment, or null for anything else.
 * Browsers read `/\evil.example` and `/<tab>/evil.example` as `//evil.example`, another site, so
 * the value is parsed as a URL against the app's origin rather than checked for a leading slash,
 * and the result must still be a path on that origin that no browser could read as a host.
 */
export function safeReturnPath(raw: unknown, origin: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RETURN_LENGTH) return null;
  // Control characters (tab, newline, NUL) are dropped or refused differently by each parser.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  // A path, or a whole http(s) URL (next-auth sends the page's): nothing relative to the current page.
  if (!raw.startsWith('/') && !/^https?:\/\//i.test(raw)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser would take for a host.
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  return path;
}
