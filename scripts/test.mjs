// `npm test`: every suite, on a fresh machine. Checks the system packages the suites need (chromium for E2E,
// gnome-keyring + dbus + libsecret for the real keychain) and installs them when it can (root + apt-get), builds
// the renderer when stale, runs unit + integration + renderer suites under a private unlocked keyring, then E2E,
// and ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIsStale } from './build-state.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts })
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0

// what the suites need from the system, how to tell it is there, and the Debian package that brings it
const SYSTEM_NEEDS = [
  { what: 'chromium', pkg: 'chromium', present: () => has('chromium') },
  { what: 'gnome-keyring-daemon', pkg: 'gnome-keyring', present: () => has('gnome-keyring-daemon') },
  { what: 'dbus-run-session', pkg: 'dbus', present: () => has('dbus-run-session') },
  { what: 'dbus-launch', pkg: 'dbus-x11', present: () => has('dbus-launch') },
  { what: 'secret-tool', pkg: 'libsecret-tools', present: () => has('secret-tool') },
  // keytar compiles against libsecret's headers
  { what: 'libsecret headers', pkg: 'libsecret-1-dev', present: () => existsSync('/usr/include/libsecret-1') },
  // the sync's PostgreSQL tests start a throwaway server (initdb + pg_ctl from Debian's package)
  { what: 'PostgreSQL server', pkg: 'postgresql', present: () => existsSync('/usr/lib/postgresql') || has('pg_ctl') }
]

function ensureSystemPackages() {
  if (process.platform !== 'linux') return
  const missing = SYSTEM_NEEDS.filter((need) => !need.present())
  if (!missing.length) return
  const packages = missing.map((need) => need.pkg)
  const line = `apt-get install -y ${packages.join(' ')}`
  const isRoot = process.getuid?.() === 0
  if (!isRoot || !has('apt-get')) {
    console.error(`The tests need: ${missing.map((need) => need.what).join(', ')}. Install them with:\n  sudo ${line}`)
    process.exit(1)
  }
  console.log(`Installing test dependencies: ${line}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (
    run('apt-get', ['update', '-qq'], { env }).status !== 0 ||
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env }).status !== 0
  ) {
    console.error(`Could not install the test dependencies. Run:\n  sudo ${line}`)
    process.exit(1)
  }
}

const keytarLoads = () =>
  spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, stdio: 'ignore' }).status === 0

/**
 * keytar is optional: where `npm install` ran before libsecret was installed, its build failed and npm removed the
 * package, so there is nothing to rebuild. Install it again at the locked version now that the libraries are here.
 */
function ensureKeytar() {
  if (keytarLoads()) return
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'))
  const version = lock.packages?.['node_modules/keytar']?.version
  if (!version) return
  const present = existsSync(path.join(root, 'node_modules/keytar'))
  console.log(
    `keytar ${version} cannot be loaded (installed before libsecret was there): ${present ? 'rebuilding' : 'installing'} it`
  )
  if (present) run('npm', ['rebuild', 'keytar'], { stdio: 'ignore' })
  else run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `keytar@${version}`], { stdio: 'ignore' })
  console.log(
    keytarLoads()
      ? `keytar ${version} reinstalled: the keychain tests use the real Secret Service`
      : `keytar ${version} could not be built; the keychain tests will fail and say why`
  )
}

/** Runs vitest (optionally through a wrapper command) and reads its JSON report for the counts. */
function runVitest(args, wrapper = []) {
  const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-report-')), 'report.json')
  const vitestArgs = [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`
  ]
  const [cmd, ...pre] = [...wrapper, process.execPath]
  const res = run(cmd, [...pre, ...vitestArgs], {
    env: { ...process.env, MLSWB_REQUIRE_KEYCHAIN: process.env.MLSWB_REQUIRE_KEYCHAIN ?? '1' }
  })
  let counts = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests
    }
  }
  // a crashed run (no report, or a failing exit with zero failed tests) still counts as a failure
  if (res.status !== 0 && counts.failed === 0) counts.failed = 1
  return counts
}

ensureSystemPackages()
ensureKeytar()
if (buildIsStale(root) && run('npm', ['run', 'build']).status !== 0) {
  console.log('0 passed, 1 failed')
  process.exit(1)
}

// every suite runs inside a private D-Bus session with an unlocked gnome-keyring, so keytar is the real thing
const keyring = ['sh', path.join(root, 'scripts/with-keyring.sh')]
const suites = [
  runVitest(
    ['--project', 'unit', '--project', 'integration', '--project', 'security', '--project', 'renderer'],
    keyring
  ),
  runVitest(['--config', 'test/e2e/vitest.config.ts'], keyring)
]

const total = suites.reduce(
  (a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 }
)
console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`)
process.exit(total.failed ? 1 : 0)
