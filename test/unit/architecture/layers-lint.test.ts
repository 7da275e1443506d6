// The layering rule really fails a bad import: the project's own ESLint config lints sample text as if it sat in a
// given file, and the rule must name the layers. A rule that stopped firing would let the architecture erode.
import { ESLint } from 'eslint'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'

const eslint = new ESLint({ cwd: repoRoot })

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message)
}

describe('the layering lint rule', () => {
  it('refuses a protocol that imports a feature', async () => {
    const errors = await layerErrors(
      'src-main/protocols/rets/sample.ts',
      "import { SessionManager } from '../../features/connections/session-manager'\nexport const x = SessionManager\n"
    )
    expect(errors).toEqual([
      "The protocols layer may not import from the features layer ('../../features/connections/session-manager'); it may use: contract, domain, platform, protocols."
    ])
  })

  it('refuses a renderer file that imports main, and the contract importing anything of main', async () => {
    expect(
      await layerErrors(
        'src-renderer/features/query/sample.ts',
        "export { x } from '../../../src-main/platform/http/http-client'\n"
      )
    ).toHaveLength(1)
    expect(await layerErrors('contract/sample.ts', "import '../src-main/app/workbench'\n")).toHaveLength(1)
    expect(
      await layerErrors('domain/sample.ts', "const m = import('../demo-mls/server')\nexport default m\n")
    ).toHaveLength(1)
  })

  it('lets each layer use the layers below it', async () => {
    expect(
      await layerErrors(
        'src-main/features/export/sample.ts',
        "import '../../protocols/rets/rets-session'\nimport '../../../contract/app-error'\n"
      )
    ).toEqual([])
    expect(await layerErrors('src-renderer/shell/sample.ts', "import '../../domain/query-languages'\n")).toEqual([])
    expect(await layerErrors('src-main/app/sample.ts', "import '../../demo-mls/server'\n")).toEqual([])
  })
})
