/**
 * ESLint rule `mialma/domain-layers`: the domains under lib/ are neighbours in layers, not a tower of cycles
 * (issue 17). A module in lib/<domain>/ (or lib/<domain>.ts) may import another domain only from a lower layer;
 * domains in the same layer do not import each other. Entry points — `actions.ts` and `*-actions.ts`, called by
 * pages only — may use every domain, as app/ does; so may lib/dev (the local launcher). Message catalogues
 * (.json) are data and exempt. A new domain must be placed in the order first.
 */
import path from 'node:path'

/** @param {string[][]} layers lowest first */
export function domainLayers(layers) {
  const rank = new Map(layers.flatMap((layer, i) => layer.map((d) => [d, i])))
  return {
    meta: {
      type: 'problem',
      docs: { description: 'lib/<domain> imports only domains of a lower layer' },
      schema: [],
      messages: {
        upward:
          'lib/{{from}} (layer {{fromRank}}) may not import lib/{{to}} (layer {{toRank}}): domains import only lower layers. Move the shared piece down, return what happened instead of calling up, or let an entry point (actions, route) call both.',
        unknown: 'lib/{{domain}} is not in the domain order of eslint.config.mjs: place it in a layer.',
      },
    },
    create(context) {
      const file = path.relative(context.cwd, context.filename).split(path.sep).join('/')
      const own = /^lib\/([a-z0-9-]+)/.exec(file)?.[1]?.replace(/\.tsx?$/, '')
      if (!own || /(^|-)actions\.tsx?$/.test(path.basename(file))) return {}
      const check = (node, source) => {
        // Message catalogues (.json) are data every layer may read, not a domain's code.
        if (!source || source.endsWith('.json')) return
        const to = /^@\/lib\/([a-z0-9-]+)/.exec(source)?.[1]?.replace(/\.tsx?$/, '')
        if (!to || to === own) return
        for (const domain of [own, to]) {
          if (!rank.has(domain)) return context.report({ node, messageId: 'unknown', data: { domain } })
        }
        if (rank.get(to) >= rank.get(own))
          context.report({
            node,
            messageId: 'upward',
            data: { from: own, to, fromRank: rank.get(own), toRank: rank.get(to) },
          })
      }
      return {
        ImportDeclaration: (node) => check(node, node.source.value),
        ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
        ExportAllDeclaration: (node) => check(node, node.source.value),
        ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      }
    },
  }
}
