import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { COVER_HASH, coverUrl, MAX_COVER_BYTES, readCoverImage, sniffCoverType } from './cover-images';

function png(width: number, height: number): Buffer {
  return PNG.sync.write(new PNG({ width, height }));
}

/** A JPEG's start: SOI, a JFIF APP0 segment, then a baseline frame header (SOF0) with its size. */
function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

/** A lossless WebP's header: RIFF, WEBP, a VP8L chunk whose first bits are width-1 and height-1 (14 bits each). */
function webp(width: number, height: number): Buffer {
  const bits = (width - 1) | ((height - 1) << 14);
  const vp8l = Buffer.from([0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff, 0, 0, 0]);
  const chunk = Buffer.concat([Buffer.from('VP8L'), Buffer.from([vp8l.length, 0, 0, 0]), vp8l]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.from([4 + chunk.length, 0, 0, 0]), Buffer.from('WEBP'), chunk]);
}

describe('sniffCoverType', () => {
  it('tells JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffCoverType(jpeg(10, 10))).toBe('image/jpeg');
    expect(sniffCoverType(png(2, 2))).toBe('image/png');
    expect(sniffCoverType(webp(3, 2))).toBe('image/webp');
  });

  it('knows nothing else: SVG, GIF, HTML, a RIFF that is not WebP, a truncated signature', () => {
    const others = [
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.from('GIF89a\x01\x00\x01\x00'),
      Buffer.from('<!doctype html><p>hi'),
      Buffer.from('RIFF\x04\x00\x00\x00WAVE'),
      png(1, 1).subarray(0, 5),
      Buffer.from([0xff, 0xd8]),
      new Uint8Array(),
    ];
    for (const bytes of others) expect(sniffCoverType(bytes)).toBeNull();
  });
});

describe('readCoverImage', () => {
  it('reads the format, dimensions, size and SHA-256 of an accepted picture', () => {
    const bytes = png(32, 18);
    const cover = readCoverImage(bytes);
    expect(cover).toMatchObject({ contentType: 'image/png', width: 32, height: 18, byteSize: bytes.length });
    expect('sha256' in cover && COVER_HASH.test(cover.sha256)).toBe(true);
    expect(readCoverImage(jpeg(640, 360))).toMatchObject({ contentType: 'image/jpeg', width: 640, height: 360 });
    expect(readCoverImage(webp(1200, 675))).toMatchObject({ contentType: 'image/webp', width: 1200, height: 675 });
  });

  it('names the same bytes the same way, and different bytes differently', () => {
    const a = readCoverImage(png(4, 4));
    const b = readCoverImage(png(4, 4));
    const c = readCoverImage(png(4, 5));
    expect('sha256' in a && 'sha256' in b && a.sha256 === b.sha256).toBe(true);
    expect('sha256' in a && 'sha256' in c && a.sha256 !== c.sha256).toBe(true);
  });

  it('refuses an empty file and one over the limit, whatever it holds', () => {
    expect(readCoverImage(new Uint8Array())).toEqual({ refused: 'cover_empty' });
    const big = Buffer.alloc(MAX_COVER_BYTES + 1);
    png(1, 1).copy(big);
    expect(readCoverImage(big)).toEqual({ refused: 'cover_too_large' });
    const atLimit = Buffer.alloc(MAX_COVER_BYTES);
    png(1, 1).copy(atLimit);
    expect(readCoverImage(atLimit)).toMatchObject({ contentType: 'image/png', byteSize: MAX_COVER_BYTES });
  });

  it('refuses other formats by their bytes, even under a picture name', () => {
    expect(readCoverImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ refused: 'cover_type' });
    expect(readCoverImage(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'))).toEqual({ refused: 'cover_type' });
  });

  it('refuses a signature with no readable picture behind it, and absurd dimensions', () => {
    expect(readCoverImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({ refused: 'cover_unreadable' });
    expect(readCoverImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toEqual({ refused: 'cover_unreadable' });
    expect(readCoverImage(jpeg(10_000, 100))).toEqual({ refused: 'cover_unreadable' });
  });
});

describe('coverUrl', () => {
  it('names the picture by its hash', () => {
    expect(coverUrl('a'.repeat(64))).toBe(`/images/${'a'.repeat(64)}`);
  });
});
