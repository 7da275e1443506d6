// `mlswb completion bash|zsh`: a completion script for the commands, their sub-commands and options, generated from
// the same command table as the help so they cannot drift. Profile ids are completed from `mlswb profiles list`.
import type { CliCommand } from './cli-command'
import { GLOBAL_OPTIONS } from './cli-help'

function words(commands: readonly CliCommand[]): { names: string; cases: string } {
  const names = commands.map((c) => c.name).join(' ')
  const cases = commands
    .map((c) => {
      const opts = [...Object.keys(c.options), ...Object.keys(GLOBAL_OPTIONS)].map((o) => `--${o}`).join(' ')
      return `    ${c.name}) subs="${(c.subcommands ?? []).join(' ')}"; opts="${opts}" ;;`
    })
    .join('\n')
  return { names, cases }
}

export function bashCompletion(commands: readonly CliCommand[]): string {
  const { names, cases } = words(commands)
  return `# bash completion for mlswb — add to ~/.bashrc:  source <(mlswb completion bash)
_mlswb() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd=\${COMP_WORDS[1]} subs="" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${names}" -- "$cur")); return; fi
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  if [ "$COMP_CWORD" -eq 2 ] && [ -n "$subs" ]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); return; fi
  local ids; ids=$(mlswb profiles list --json --no-demo 2>/dev/null | sed -n 's/^ *"id": "\\(.*\\)",$/\\1/p')
  COMPREPLY=($(compgen -W "$ids demo-rets demo-reso demo-spark demo-idx demo-activity" -- "$cur"))
}
complete -o default -F _mlswb mlswb
`
}

export function zshCompletion(commands: readonly CliCommand[]): string {
  return `#compdef mlswb
# zsh completion for mlswb — add to ~/.zshrc:  source <(mlswb completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(commands)}`
}
