import { AREA_ROLES } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { exportBillingFile } from '@/lib/server/billing';
import { requireActor } from '@/lib/server/guard';

/**
 * A cycle's billing file for a province or ALL (docs/billing.md). A closed cycle's file is recorded
 * the first time and the same bytes come every time after; an open cycle's is a preview.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(AREA_ROLES.administration);
    const params = new URL(request.url).searchParams;
    const file = await exportBillingFile(actor, params.get('cycle') ?? '', params.get('province') ?? '');
    return new Response(file.content, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'no-store',
        // The billing system can check what it got against the hash on the reconciliation page.
        'x-content-sha256': file.sha256,
      },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return Response.json(
      { type: 'about:blank', title: error.code, status: error.status },
      { status: error.status, headers: { 'content-type': 'application/problem+json' } },
    );
  }
}
