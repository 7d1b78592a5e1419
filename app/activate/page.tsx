import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ActivateForm } from '@/components/auth/activate-form';
import { CODE_LENGTH, CODE_TTL_MS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/domain/otp';
import { getActor } from '@/lib/server/guard';
import { activateWithCode, requestActivationCode } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('activate');
  return { title: t('title') };
}

const RULES = { codeLength: CODE_LENGTH, minutes: CODE_TTL_MS / 60_000, min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

export default async function ActivatePage() {
  if (await getActor()) redirect('/');
  const t = await getTranslations('activate');
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600">{t('intro')}</p>
      <ActivateForm requestCode={requestActivationCode} activate={activateWithCode} rules={RULES} />
      <p className="mt-4 text-center text-sm">
        <Link href="/signin" className="text-brand-700 underline underline-offset-2">
          {t('backToSignin')}
        </Link>
      </p>
    </div>
  );
}
