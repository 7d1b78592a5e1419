import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/domain/access';
import { listAccountManagers } from '@/lib/server/account-managers';
import { AccountManagerForm } from './account-manager-form';

type Action = Parameters<typeof AccountManagerForm>[0]['action'];

/** On a VIP's record, for operators of the province: who their account manager (客户经理) is, and a form to change it. */
export async function AccountManagerPanel({ actor, customer, action }: { actor: Actor; customer: { id: number; provinceCode: string; accountManagerId: number | null }; action: Action }) {
  const [managers, t] = await Promise.all([listAccountManagers(actor, customer.provinceCode), getTranslations('accountManagers')]);
  return (
    <section aria-labelledby="account-manager">
      <h2 id="account-manager" className="mb-1 text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mb-2 text-sm text-gray-600">{t('intro')}</p>
      <div className="rounded-lg border border-gray-200 bg-white p-3">
        {managers.length === 0 ? <p className="text-sm text-gray-600">{t('noneInProvince')}</p> : <AccountManagerForm customerId={customer.id} current={customer.accountManagerId} managers={managers} action={action} />}
      </div>
    </section>
  );
}
