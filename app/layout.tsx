import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/app-header';
import { getActor } from '@/lib/server/guard';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return { title: { default: t('name'), template: `%s · ${t('name')}` }, description: t('tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, actor, t] = await Promise.all([getLocale(), getActor(), getTranslations('app')]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider>
          <AppHeader actor={actor} />
          {/* On a phone a member's tab bar covers the screen's bottom: the page ends above it. */}
          <main id="main" className={`mx-auto max-w-6xl px-4 py-6 ${actor?.kind === 'member' ? 'pb-24 sm:pb-6' : ''}`}>
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
