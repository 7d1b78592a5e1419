import { apiRoute, otherMethods, readJson } from '@/lib/server/http';
import { recordLedgerEntries } from '@/lib/server/ledger-entries';
import { ledgerEntriesInput, ledgerEntriesOutput, presentOutput } from '@/lib/validation/api';

/** 201 when this request applied an entry; 200 when every entry had been applied before. */
export const POST = apiRoute(async (request, actor) => {
  const { entries } = await readJson(request, ledgerEntriesInput);
  const recorded = await recordLedgerEntries(actor, { entries, idempotencyKey: request.headers.get('idempotency-key') ?? undefined });
  const status = recorded.some((e) => e.status === 'applied') ? 201 : 200;
  return Response.json(presentOutput(ledgerEntriesOutput, { entries: recorded }), { status });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
