import { COVER_HASH } from '@/lib/domain/cover-images';
import { getCoverImage } from '@/lib/server/covers';

/** The address names the bytes (their SHA-256): what it answers never changes, so caches keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A cover picture by its hash, for anyone (covers are shown on public event pages). Only stored
 * covers are served, with the type they were checked to be by their bytes, and nothing is sniffed;
 * the HTTP server in front gives the answer a policy that loads and runs nothing (security-headers.ts).
 */
export async function GET(request: Request, { params }: { params: Promise<{ hash: string }> }) {
  const { hash } = await params;
  const image = COVER_HASH.test(hash) ? await getCoverImage(hash) : null;
  if (!image) {
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  }
  const etag = `"${hash}"`;
  const headers = {
    etag,
    'cache-control': IMMUTABLE,
    'x-content-type-options': 'nosniff',
  };
  if (matches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.bytes), { headers: { ...headers, 'content-type': image.contentType, 'content-length': String(image.byteSize) } });
}

/** If-None-Match holds a list of tags (weak ones too) or `*`. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
