import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LANDING } from '@/lib/domain/access';
import { safeReturnPath } from '@/lib/domain/return-path';
import { CODE_LENGTH, CODE_TTL_MS } from '@/lib/domain/otp';
import { getActor } from '@/lib/server/guard';
import { requestActivationCode } from '../activate/actions';

const CODE_RULES = { codeLength: CODE_LENGTH, minutes: CODE_TTL_MS / 60_000 };

export async function generateMetadata() {
  const t = await getTranslations('signin');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const actor = await getActor();
  if (actor) redirect(LANDING[actor.role]);
  const [t, tActivate] = await Promise.all([getTranslations('signin'), getTranslations('activate')]);
  // `from` is a path of this app (requirePageActor sets it): the origin only anchors the check.
  const returnTo = safeReturnPath(params.from, process.env.NEXTAUTH_URL ?? 'http://localhost');
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600">{t('intro')}</p>
      {params.activated === '1' ? (
        <p role="status" data-testid="activated-note" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {tActivate('activated')}
        </p>
      ) : null}
      <SignInForm returnTo={returnTo} initialError={typeof params.error === 'string' ? params.error : null} requestCode={requestActivationCode} codeRules={CODE_RULES} />
      <p className="mt-4 text-center text-sm">
        <Link href="/activate" className="text-brand-700 underline underline-offset-2">
          {tActivate('signinLink')}
        </Link>
      </p>
    </div>
  );
}
