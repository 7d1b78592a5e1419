import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-1 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-gray-600">{t('body')}</p>
      <Link href="/" className={buttonClass('secondary', 'mt-6')}>
        {t('home')}
      </Link>
    </div>
  );
}
