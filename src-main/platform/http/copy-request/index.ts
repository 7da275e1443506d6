// "Copy as …" of one logged exchange: the recipe (secrets as variables, RETS login first) rendered for a shell.
import type { WireEntry } from '../wire-log'
import { curlScript } from './curl-script'
import { fetchScript } from './fetch-script'
import { powershellScript } from './powershell-script'
import { buildRecipe } from './request-recipe'

export type CopyFormat = 'curl' | 'powershell' | 'fetch'

const RENDER = { curl: curlScript, powershell: powershellScript, fetch: fetchScript } as const

export function copyRequestAs(
  format: CopyFormat,
  entry: WireEntry,
  earlier: readonly WireEntry[]
): { text: string; variables: string[] } {
  const recipe = buildRecipe(entry, earlier)
  return { text: RENDER[format](recipe), variables: recipe.variables }
}
