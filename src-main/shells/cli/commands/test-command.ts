// `mlswb test <profile>`: the layered Test connection (URL → DNS → TCP → TLS → HTTP → login), one line per layer;
// the exit code says which kind of layer failed: 3 the login (credentials), 4 the server refused over HTTP, 1 the
// network below it (no address, no route, bad certificate).
import { CLI_EXIT, testOutputSchema } from '../../../../contract/cli-output'
import type { CliCommand } from '../cli-command'
import { need } from '../cli-command'

const EXIT_BY_STEP = {
  url: CLI_EXIT.usage,
  dns: CLI_EXIT.failed,
  tcp: CLI_EXIT.failed,
  tls: CLI_EXIT.failed,
  http: CLI_EXIT.refused,
  auth: CLI_EXIT.auth,
  metadata: CLI_EXIT.refused
} as const

export const testCommand: CliCommand = {
  name: 'test',
  summary: 'test a connection layer by layer; the exit code names the failing layer',
  usage: ['test <profile>'],
  examples: ['mlswb test demo-rets', 'mlswb test my-mls --json || echo "layer failed: $?"'],
  options: {},
  async run(ctx, positionals) {
    const profileId = need(positionals[0], 'the profile id', 'See: mlswb profiles list')
    const steps = await ctx.call('profiles:test', { profileId })
    const failed = steps.find((s) => !s.ok)
    ctx.result(
      testOutputSchema,
      { profileId, ok: !failed, ...(failed ? { failedStep: failed.step } : {}), steps },
      () =>
        steps.flatMap((s) => [
          `${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(5)} ${s.detail} (${Math.round(s.ms)} ms)`,
          ...(s.hint && !s.ok ? [`     ${s.hint}`] : []),
          ...(s.warnings ?? []).map((w) => `     warning: ${w}`)
        ])
    )
    for (const used of ctx.envSecrets()?.sourcesUsed() ?? []) {
      if (used.source === 'env') ctx.note(`${used.name} of ${used.profileId} was read from the environment.`)
    }
    return failed ? EXIT_BY_STEP[failed.step] : CLI_EXIT.ok
  }
}
