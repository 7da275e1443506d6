// `--var name=value` and the error for a {{placeholder}} left without a value, shared by `run` (saved queries) and
// the ad-hoc query commands (search, export, photos --query), which take the dynamic dates and --var too.
import type { AppErrorShape } from '../../../../contract/app-error'
import type { OptionValues } from '../cli-command'
import { listOpt } from '../cli-command'
import { usageError } from '../cli-exit'

/** `--var name=value` (repeatable) as an object; the value may contain `=`. */
export function parseVars(values: OptionValues): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const pair of listOpt(values, 'var')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw usageError(`--var takes name=value, not "${pair}".`)
    vars[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return vars
}

export function missingVariablesError(what: string, missing: string[], profileId: string): AppErrorShape {
  return {
    code: 'VARIABLE_MISSING',
    message: `${what} needs a value for ${missing.map((n) => `{{${n}}}`).join(', ')}.`,
    hint: `Give --var ${missing[0]}=… or add it to an environment: mlswb env set ${profileId} <env> ${missing[0]}=…`
  }
}
