import type { NextConfig } from 'next'
import createNextIntlPlugin from 'next-intl/plugin'
import { assertDeployable } from './lib/config/deployment'
import { localHosts } from './lib/dev/local-addresses'
import { env } from './lib/env'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

/** Static files skip the proxy; they get the headers that don't depend on the request (R14). */
const staticHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
]

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run dev` opened at 127.0.0.1 or at the printed network address must get its HMR connection too
  // (issue 19.1); Next allows only `localhost` by default. Brackets off for IPv6: Next compares URL hostnames.
  allowedDevOrigins: localHosts().flatMap((h) => (h.startsWith('[') ? [h, h.slice(1, -1)] : [h])),
  // The test run type-checks once (`next typegen && tsc`, route types included) before it builds; a
  // deployment's build always checks.
  typescript: { ignoreBuildErrors: env.BUILD_SKIP_TYPECHECK === '1' && !env.VERCEL },
  headers: async () => [
    { source: '/_next/:path*', headers: staticHeaders },
    { source: '/:file((?!api/)[^/]+\\.[a-z0-9]+)', headers: staticHeaders },
  ],
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pg'],
  // The pseudonymiser reads its Hunspell dictionaries from node_modules at run time (lib/privacy/pseudonymize/
  // hunspell.ts); the path is computed, so the deployment's file tracing must be told to ship them.
  outputFileTracingIncludes: {
    '/**': ['./node_modules/dictionary-{de-ch,en,it,es}/index.{aff,dic}'],
    // The export's PDF embeds DejaVu Sans, read from its package at run time (lib/account/export/pdf.ts).
    '/settings/data/export': ['./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans{,-Bold}.ttf'],
  },
  experimental: {
    authInterrupts: true,
    // Two root layouts (app/(site), app/prerendered): an unknown address gets app/global-not-found.tsx.
    globalNotFound: true,
    // Transcript and audio uploads (lib/sessions/upload-file.ts: 2 MB text, 25 MB audio) go through a server
    // action; the default is 1 MB. Vercel itself caps request bodies at 4.5 MB — larger audio needs a direct
    // upload to storage there (see README).
    serverActions: { bodySizeLimit: '26mb' },
  },
}

export default function config(phase: string): NextConfig {
  // A deployment without Clerk, a database URL or a master key must not build or start (R1.2, R14.3).
  assertDeployable({ ...env, NEXT_PHASE: phase })
  return withNextIntl(nextConfig)
}
