#!/usr/bin/env node
// `npx mlswb …` from a clone after `npm install`: runs the TypeScript CLI through tsx (installed with the clone's
// dependencies) in this same process, so Ctrl+C, stdin and the exit code reach the CLI directly — no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src-main/shells/cli/mlswb-cli.ts')
main()
