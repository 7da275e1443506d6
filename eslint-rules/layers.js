// The layering rule: each folder may import only from the layers below it, so the architecture in the README's
// "Developing" section cannot erode one import at a time. Imports are resolved against the importing file, so the
// rule judges where a module really lives, not how its path happens to be spelt.
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

// first match wins: a file's layer is the first whose prefix its repo-relative path starts with
const LAYERS = [
  ['contract', ['contract/']],
  ['domain', ['domain/']],
  ['demo-mls', ['demo-mls/']],
  ['renderer', ['src-renderer/']],
  ['platform', ['src-main/platform/']],
  ['protocols', ['src-main/protocols/']],
  ['features', ['src-main/features/']],
  ['handlers', ['src-main/handlers/']],
  ['app', ['src-main/app/']],
  ['shells', ['src-main/shells/', 'src-main/index.ts', 'src-main/preload.ts']]
]

const MAIN_CORE = ['contract', 'domain', 'platform']
export const ALLOWED = {
  contract: ['contract'],
  domain: ['contract', 'domain'],
  'demo-mls': ['contract', 'domain', 'demo-mls'],
  renderer: ['contract', 'domain', 'renderer'],
  platform: MAIN_CORE,
  protocols: [...MAIN_CORE, 'protocols'],
  features: [...MAIN_CORE, 'protocols', 'features'],
  handlers: [...MAIN_CORE, 'protocols', 'features', 'handlers'],
  // the composition root also hosts the in-process Demo MLS
  app: [...MAIN_CORE, 'protocols', 'features', 'handlers', 'app', 'demo-mls'],
  shells: [...MAIN_CORE, 'protocols', 'features', 'handlers', 'app', 'shells', 'demo-mls']
}

export function layerOf(absolutePath) {
  const rel = path.relative(root, absolutePath).split(path.sep).join('/')
  for (const [layer, prefixes] of LAYERS) if (prefixes.some((p) => rel.startsWith(p))) return layer
  return undefined
}

export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'imports follow the layers: contract → domain → platform → protocols → features → handlers → app → shells'
    },
    schema: [],
    messages: {
      layer: "The {{from}} layer may not import from the {{to}} layer ('{{source}}'); it may use: {{allowed}}."
    }
  },
  create(context) {
    const from = layerOf(context.filename)
    if (!from) return {}
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const to = layerOf(path.resolve(path.dirname(context.filename), source.replace(/\?.*$/, '')))
      if (to && !ALLOWED[from].includes(to)) {
        context.report({ node, messageId: 'layer', data: { from, to, source, allowed: ALLOWED[from].join(', ') } })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value)
    }
  }
}
