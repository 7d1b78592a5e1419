import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ApiTokenCreateForm } from '@/components/admin/api-token-create-form';
import { ApiTokenRevokeForm } from '@/components/admin/api-token-revoke-form';
import { AuditHint } from '@/components/admin/audit-hint';
import { Card, PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listApiTokens } from '@/lib/server/api-tokens';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { TOKEN_CHANNELS } from '@/lib/validation/api-tokens';
import { createToken, revokeToken } from './actions';

export default async function ApiTokensPage() {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin/tokens');
  const [tokens, provinces, t, tc, ts, format, locale] = await Promise.all([
    listApiTokens(actor),
    listProvinces(),
    getTranslations('apiTokens'),
    getTranslations('channels'),
    getTranslations('scope'),
    getFormatter(),
    getLocale(),
  ]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const provinceName = (code: string | null) => {
    const p = provinces.find((x) => x.code === code);
    return p ? localized(locale, p.nameZh, p.nameEn) : ts('hq');
  };
  const channels = TOKEN_CHANNELS.map((code) => ({ code, name: tc(code) }));
  const scopes = [{ code: 'HQ', name: ts('hq') }, ...provinces.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) }))];

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('createTitle')}</h2>
          <ApiTokenCreateForm action={createToken} channels={channels} scopes={scopes} />
        </Card>
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t('listTitle')}</h2>
          {tokens.length === 0 ? (
            <p className="text-sm text-gray-600">{t('empty')}</p>
          ) : (
            <Table head={[t('name'), t('channel'), t('scope'), t('createdAt'), t('lastUsedAt'), t('status'), <span key="actions" className="sr-only">{t('actions')}</span>]}>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <Td>{token.name}</Td>
                  <Td>{tc(token.channel)}</Td>
                  <Td>{provinceName(token.provinceCode)}</Td>
                  <Td className="whitespace-nowrap">{when(token.createdAt)}</Td>
                  <Td className="whitespace-nowrap">{token.lastUsedAt ? when(token.lastUsedAt) : t('neverUsed')}</Td>
                  <Td className="whitespace-nowrap">{token.revokedAt ? t('revokedAt', { when: when(token.revokedAt) }) : t('active')}</Td>
                  <Td>{token.revokedAt ? null : <ApiTokenRevokeForm action={revokeToken} token={{ id: token.id, name: token.name }} />}</Td>
                </tr>
              ))}
            </Table>
          )}
        </section>
        <AuditHint namespace="apiTokens" />
        <p className="text-sm text-gray-600">
          {t.rich('docsHint', {
            link: (chunks) => (
              <a href="/api/v1/openapi.json" className="text-brand-700 underline">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
    </>
  );
}
