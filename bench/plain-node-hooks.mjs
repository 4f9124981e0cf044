// Lets bench/export-child.ts run the app's server code in plain Node: `server-only` (which throws outside the
// react-server condition) resolves to an empty module, as vitest's alias does for the tests. React keeps its normal
// build, which next-intl's e-mail path needs.
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true }
        return next(specifier, context)
      }`,
    ),
  import.meta.url,
)
