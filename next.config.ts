import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the types (`npm test` runs it after the build, so that it covers the
  // route types the build generates); the build does not check them a second time.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a real 403 status.
    authInterrupts: true,
    // Customer imports upload CSV files of up to 25 MB through a server action; the HTTP server
    // in front of Next refuses larger bodies first (lib/server/http-server/body-limits.ts).
    serverActions: { bodySizeLimit: '26mb' },
  },
};

export default withNextIntl(nextConfig);
