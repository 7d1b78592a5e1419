/**
 * The end-to-end server delivers SMS to a stand-in gateway (e2e/sms-gateway.ts) on the port after
 * its own: codes are never stored or logged in clear, so a test reads them where a phone would.
 */
export const SMS_GATEWAY_PORT = Number(process.env.E2E_SMS_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
export const SMS_GATEWAY_URL = `http://127.0.0.1:${SMS_GATEWAY_PORT}`;
/** The secret the server signs its SMS with (SMS_GATEWAY_SECRET) and the stand-in checks them by. */
export const SMS_GATEWAY_SECRET = process.env.E2E_SMS_SECRET ?? 'club-hub e2e gateway secret';

export interface ReceivedSms {
  id: number;
  to: string;
  text: string;
}

/** The SMS a number has received so far, oldest first. */
export async function receivedSms(mobile: string): Promise<ReceivedSms[]> {
  const response = await fetch(`${SMS_GATEWAY_URL}/sms?to=${encodeURIComponent(mobile)}`);
  if (!response.ok) throw new Error(`the SMS gateway stand-in answered ${response.status}`);
  return (await response.json()) as ReceivedSms[];
}
