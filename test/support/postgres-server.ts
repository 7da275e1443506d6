// A throwaway PostgreSQL server for tests: the Debian `postgresql` package's initdb into a temp folder, pg_ctl on a
// unix socket in that folder (no TCP port to collide on), trust auth. PostgreSQL refuses to run as root, so as root
// the server runs as the `postgres` user (or `nobody`). `unavailable` says why when it cannot start — tests skip
// with that reason printed.
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface PostgresServer {
  /** a libpq connection string over the unix socket */
  url: string
  stop(): void
}

function binDir(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' })
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim())
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'pg_ctl')))
}

function runAsUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' })
    if (r.status === 0 && g.status === 0) return { name, uid: Number(r.stdout), gid: Number(g.stdout) }
  }
  return undefined
}

export function startPostgres(): PostgresServer | { unavailable: string } {
  const bin = binDir()
  if (!bin) return { unavailable: 'PostgreSQL is not installed (apt-get install -y postgresql)' }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-pg-'))
  const user = runAsUser()
  if (process.getuid?.() === 0 && !user) return { unavailable: 'running as root and no postgres/nobody user to run as' }
  if (user) {
    chownSync(dir, user.uid, user.gid)
    chmodSync(dir, 0o700)
  }
  const as = (cmd: string, args: string[]) =>
    user
      ? spawnSync('runuser', ['-u', user.name, '--', cmd, ...args], { encoding: 'utf8', cwd: dir })
      : spawnSync(cmd, args, { encoding: 'utf8', cwd: dir })
  const data = path.join(dir, 'data')
  const init = as(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'])
  if (init.status !== 0) return { unavailable: `initdb failed: ${init.stderr.trim().slice(0, 300)}` }
  const port = String(20000 + Math.floor(Math.random() * 20000))
  const opts = `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off`
  const started = as(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'])
  if (started.status !== 0) return { unavailable: `pg_ctl start failed: ${started.stderr.trim().slice(0, 300)}` }
  return {
    url: `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop() {
      as(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
