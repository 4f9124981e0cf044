import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'
import tseslint from 'typescript-eslint'
import { domainLayers } from './scripts/eslint/domain-layers.mjs'

// The domains of lib/, lowest layer first (scripts/eslint/domain-layers.mjs): each imports only from layers
// above it in this list. Placing a new domain here is a design decision, made once.
const domainOrder = [
  ['env', 'errors', 'cn', 'money'],
  ['config', 'log'],
  ['crypto'],
  ['integrations'],
  ['export'],
  ['audit', 'email', 'privacy'],
  ['auth'],
  ['i18n'],
  ['http'],
  ['consent', 'journal', 'payments', 'questionnaires'],
  ['bookings'],
  ['sessions'],
  ['ai'],
  ['account'],
  ['cron', 'dev'],
]

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { mialma: { rules: { 'domain-layers': domainLayers(domainOrder) } } },
    rules: {
      'mialma/domain-layers': 'error',
      // lib/env.ts is the single reader of process.env (ARCHITECTURE: env validated once).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from lib/env.ts.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'lib/env.ts',
      'instrumentation.ts',
      'lib/dev/**',
      'tests/**',
      'playwright.config.ts',
      'playwright.dev.config.ts',
      'playwright.providers.config.ts',
      'vitest.config.ts',
      'drizzle.config.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
)
