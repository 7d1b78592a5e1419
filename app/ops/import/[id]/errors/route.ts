import { getTranslations } from 'next-intl/server';
import { csvDocument } from '@/lib/csv';
import { AREA_ROLES } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import { getCustomerImport } from '@/lib/server/customer-import';
import { requireActor } from '@/lib/server/guard';

/**
 * The full error report of one import as CSV (lib/csv: UTF-8 with a BOM so that Excel reads the
 * Chinese text, CRLF, RFC 4180 quoting), the reason both as its code (for machines) and
 * translated (for people).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(AREA_ROLES.operations);
    const { id } = await params;
    if (!/^[1-9]\d{0,9}$/.test(id)) throw notFound();
    const record = await getCustomerImport(actor, Number(id));
    const t = await getTranslations('import');
    const body = csvDocument(
      ['row', 'column', 'reason_code', 'reason'],
      record.errors.map((e) => [e.row, t(`columns.${e.column || 'row'}`), e.reason, t(`reasons.${e.reason}`, e.params)]),
    );
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="import-${record.id}-errors.csv"`,
        'cache-control': 'no-store',
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
