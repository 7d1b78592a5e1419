import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { newTicketSecret, readTicketCode } from '@/lib/domain/ticket-codes';
import { ticketCode } from './attendance';
import { derivedKey } from './secrets';
import { renderTicketQrDataUrl, renderTicketQrPng } from './ticket-qr';

function decode(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('ticket QR codes', () => {
  const secret = newTicketSecret();
  const code = ticketCode(4711, secret);

  it('decodes back to the exact signed ticket code', async () => {
    expect(decode(await renderTicketQrPng(code))).toBe(code);
  });

  it('carries a code that the door accepts with the ticket key', async () => {
    const read = decode(await renderTicketQrPng(code));
    expect(readTicketCode(read!, derivedKey('ticket'))).toEqual({ registrationId: 4711, ticketSecret: secret });
  });

  it('shows the same image on the ticket page, as a PNG data URL', async () => {
    const url = await renderTicketQrDataUrl(code);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(decode(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'))).toBe(code);
  });
});
