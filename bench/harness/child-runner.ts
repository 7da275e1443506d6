// Forks bench/worker.ts (through tsx) for one measurement, and the long-lived server children.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { VariantMeasurement, VariantRequest } from './protocol'

const benchDir = fileURLToPath(new URL('..', import.meta.url))
const TSX = ['--import', 'tsx']
// the V8 setting the app's main process runs with (scripts/start.mjs), for ours and the baselines alike
const MAIN_V8_FLAGS = ['--max-semi-space-size=4']
// BENCH_CPU_PROF=<dir>: every child (variant workers, servers) writes a .cpuprofile there (node refuses --cpu-prof
// in NODE_OPTIONS)
const PROFILE = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []

// BENCH_WORKER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles each measurement (not the server children)
const WORKER_FLAGS = process.env.BENCH_WORKER_FLAGS?.split(/\s+/).filter(Boolean) ?? []

export function forkTs(relativePath: string, args: string[] = [], extraFlags: string[] = []): ChildProcess {
  return fork(`${benchDir}${relativePath}`, args, {
    execArgv: [...TSX, ...MAIN_V8_FLAGS, ...PROFILE, ...extraFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json'
  })
}

/** Runs one variant in its own process; never throws (a crash or timeout is a failed measurement). */
export function runVariant(req: VariantRequest, timeoutMs: number): Promise<VariantMeasurement> {
  return new Promise((resolve) => {
    const child = forkTs('worker.ts', [], WORKER_FLAGS)
    let settled = false
    const finish = (m: VariantMeasurement): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(m)
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      finish({ ok: false, error: `timed out after ${timeoutMs} ms`, ms: timeoutMs, peakRssMb: 0, startRssMb: 0 })
    }, timeoutMs)
    child.once('message', (m) => finish(m as VariantMeasurement))
    child.once('exit', (code, signal) =>
      finish({
        ok: false,
        error: `worker exited (${signal ?? code}) without a result`,
        ms: 0,
        peakRssMb: 0,
        startRssMb: 0
      })
    )
    child.send(req)
  })
}

/** A server child that reports `{ url }` once listening and `{ peakRssMb }` when sent 'stop'. */
export interface ServerChild {
  url: string
  /** peak RSS so far, current RSS and CPU ms, without stopping (servers that answer 'rss') */
  rss(): Promise<{ peakRssMb: number; rssMb: number; cpuMs: number }>
  /** starts the server's peak RSS over (servers that answer 'reset-peak') */
  resetPeak(): Promise<void>
  stop(): Promise<{ peakRssMb: number }>
}

export function startServerChild(relativePath: string, config: unknown): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = forkTs(relativePath)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${relativePath} exited early (${code})`)))
    child.once('message', (m) => {
      child.removeAllListeners('exit')
      const { url } = m as { url: string }
      resolve({
        url,
        rss: () =>
          new Promise((done) => {
            child.once('message', (r) => done(r as { peakRssMb: number; rssMb: number; cpuMs: number }))
            child.send('rss')
          }),
        resetPeak: () =>
          new Promise((done) => {
            child.once('message', () => done())
            child.send('reset-peak')
          }),
        stop: () =>
          new Promise((done) => {
            child.once('message', (r) => done(r as { peakRssMb: number }))
            child.send('stop')
          })
      })
    })
    child.send(config as object)
  })
}
