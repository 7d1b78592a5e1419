import { getTranslations } from 'next-intl/server';
import { AREA_ROLES } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import { getCustomerImport } from '@/lib/server/customer-import';
import { requireActor } from '@/lib/server/guard';

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The full error report of one import as CSV: UTF-8 with a BOM so that Excel reads the Chinese
 * text, the reason both as its code (for machines) and translated (for people).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(AREA_ROLES.operations);
    const { id } = await params;
    if (!/^[1-9]\d{0,9}$/.test(id)) throw notFound();
    const record = await getCustomerImport(actor, Number(id));
    const t = await getTranslations('import');
    const lines = [
      'row,column,reason_code,reason',
      ...record.errors.map((e) =>
        [e.row, t(`columns.${e.column || 'row'}`), e.reason, t(`reasons.${e.reason}`, e.params)].map(csvField).join(','),
      ),
    ];
    return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, {
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
