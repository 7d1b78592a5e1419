import 'server-only';
import { toBuffer } from 'qrcode';

/**
 * Medium error correction survives a scratched or glare-struck phone screen without making the
 * symbol so dense that an older door phone's camera struggles; four modules of quiet zone is what
 * scanners expect around a symbol.
 */
const QR_OPTIONS = { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 } as const;

/** A ticket's QR code as a PNG image. */
export function renderTicketQrPng(code: string): Promise<Buffer> {
  return toBuffer(code, QR_OPTIONS);
}

/** The same image as a data URL, so the ticket page shows it without a second, separately authorised request. */
export async function renderTicketQrDataUrl(code: string): Promise<string> {
  return `data:image/png;base64,${(await renderTicketQrPng(code)).toString('base64')}`;
}
