import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { appBaseUrl } from '@/lib/server/calendar';
import { requirePageActor } from '@/lib/server/guard';
import { getHallCode } from '@/lib/server/hall-visits';
import { orPageError } from '@/lib/server/page-errors';
import { renderTicketQrDataUrl } from '@/lib/server/ticket-qr';
import { hallQueueParams } from '@/lib/validation/hall-visits';

export async function generateMetadata() {
  const t = await getTranslations('hallQueue');
  return { title: t('codeTitle') };
}

/** The hall's QR, to print or show at the entrance: a member who scans it joins the line with their own phone. */
export default async function HallCodePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = hallQueueParams.safeParse(await params);
  if (!parsed.success) notFound();
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/halls/${parsed.data.id}/code`);
  const [{ hall, code }, t, locale, h] = await Promise.all([orPageError(getHallCode(actor, parsed.data.id)), getTranslations('hallQueue'), getLocale(), headers()]);
  // The printed code must reach the app from a customer's phone: the configured public address, else the one this page was reached by.
  const origin = appBaseUrl() ?? `${h.get('x-forwarded-proto') ?? 'http'}://${h.get('host')}`;
  const url = `${origin}/visit?code=${encodeURIComponent(code)}`;
  const name = localized(locale, hall.nameZh, hall.nameEn);
  const qr = await renderTicketQrDataUrl(url);
  return (
    <>
      <PageHeader
        title={t('codeOf', { hall: name })}
        description={t('codeIntro')}
        actions={
          <Link href={`/ops/halls/${hall.id}/queue`} className="text-sm font-medium text-brand-700 underline">
            {t('openQueue')}
          </Link>
        }
      />
      <figure className="mx-auto flex max-w-sm flex-col items-center gap-3 rounded-lg border border-gray-200 bg-white p-4 text-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL rendered on the server; next/image would only add a loader round trip */}
        <img src={qr} alt={t('codeAlt', { hall: name })} width={296} height={296} className="h-auto w-full max-w-72" />
        <figcaption className="text-base font-semibold text-gray-900">{t('scanToQueue')}</figcaption>
        <a href={url} className="text-xs break-all text-brand-700 underline" data-testid="hall-code-url">
          {url}
        </a>
      </figure>
    </>
  );
}
