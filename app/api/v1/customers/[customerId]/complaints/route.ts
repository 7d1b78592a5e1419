import { fileComplaint, listCustomerComplaints } from '@/lib/server/complaints';
import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { complaintApiInput, complaintListOutput, complaintOutput, customerPath, presentOutput } from '@/lib/validation/api';

export const GET = apiRoute<{ customerId: string }>(async (_request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const complaints = await listCustomerComplaints(actor, customerId);
  return Response.json(presentOutput(complaintListOutput, { complaints }));
});

export const POST = apiRoute<{ customerId: string }>(async (request, actor, params) => {
  const { customerId } = customerPath.parse(params);
  const input = await readJson(request, complaintApiInput);
  const complaint = await fileComplaint(actor, { ...input, customerId, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  return Response.json(presentOutput(complaintOutput, complaint), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
