import { recordGatewayReceipt } from '@/lib/server/sms/parts';
import { PROBLEM_CONTENT_TYPE, problemDocument } from '@/lib/server/problem-document';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '@/lib/server/sms/http';
import { gatewayReceiptInput } from '@/lib/validation/sms';

const problem = (status: number, code: string) => Response.json(problemDocument(status, code), { status, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });

/**
 * Delivery receipts from an HTTP SMS gateway (docs/sms.md): JSON `{ "id", "status", "reason"? }`
 * signed as the app signs its SMS, with SMS_GATEWAY_SECRET; the SMS is marked delivered or failed.
 * Without a secret configured there is nothing to check a receipt by, and the route is not there
 * (404). 204 once recorded, also for a receipt repeated; 401 unsigned, stale or mis-signed; 400 a
 * body that is not a receipt; 404 no SMS with that id.
 */
export async function POST(request: Request) {
  const secret = process.env.SMS_GATEWAY_SECRET;
  if (!secret) return problem(404, 'not_found');
  const body = await request.text();
  if (!verifySignature(secret, { timestamp: request.headers.get(TIMESTAMP_HEADER), signature: request.headers.get(SIGNATURE_HEADER) }, body)) return problem(401, 'invalid_signature');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return problem(400, 'invalid_input');
  }
  const receipt = gatewayReceiptInput.safeParse(json);
  if (!receipt.success) return problem(400, 'invalid_input');
  if (!(await recordGatewayReceipt(receipt.data, Date.now()))) return problem(404, 'not_found');
  return new Response(null, { status: 204 });
}
