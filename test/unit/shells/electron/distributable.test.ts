// The packaging configuration (electron-builder.yml), checked without downloading anything: electron-builder's own
// loader and JSON-schema validation, the security fuses, the installers the README promises, and every file the
// configuration and the main bundle point at.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundlePaths } from '../../../../src-main/shells/electron/app-page'
import { repoRoot } from '../../../support/paths'

// electron-builder's configuration code lives in its app-builder-lib, resolved from electron-builder itself
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'))
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'))

interface BuilderConfig {
  appId?: string
  productName?: string
  directories?: { output?: string; buildResources?: string }
  files?: string[]
  asar?: boolean
  npmRebuild?: boolean
  asarUnpack?: string[]
  electronFuses?: Record<string, boolean>
  linux?: { target?: string[]; icon?: string }
  mac?: { target?: string; icon?: string }
  win?: { target?: string; icon?: string }
}
interface ConfigLoader {
  getConfig(request: {
    packageKey: string
    configFilename: string
    projectDir: string
    packageMetadata: null
  }): Promise<{
    result: BuilderConfig
    configFile: string | null
  } | null>
}
interface ConfigValidator {
  validateConfiguration(config: BuilderConfig, debugLogger: object): Promise<void>
}
interface BuilderUtil {
  DebugLogger: new (enabled: boolean) => object
}

const loader = fromLib('./out/util/config/load.js') as ConfigLoader
const validator = fromLib('./out/util/config/config.js') as ConfigValidator
const { DebugLogger } = fromLib('builder-util') as BuilderUtil
const validate = (config: BuilderConfig) => validator.validateConfiguration(config, new DebugLogger(false))

async function loadConfig(): Promise<{ config: BuilderConfig; file: string | null }> {
  const loaded = await loader.getConfig({
    packageKey: 'build',
    configFilename: 'electron-builder',
    projectDir: repoRoot,
    packageMetadata: null
  })
  if (!loaded) throw new Error('electron-builder finds no configuration')
  return { config: loaded.result, file: loaded.configFile }
}

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  optionalDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

/** width × height from a PNG's IHDR chunk */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('the distributable', () => {
  it("is electron-builder.yml, valid against electron-builder's schema", async () => {
    const { config, file } = await loadConfig()
    expect(file).toBe(path.join(repoRoot, 'electron-builder.yml'))
    await expect(validate(config)).resolves.toBeUndefined()
    // the check is real: a misspelt fuse is refused
    await expect(validate({ ...config, electronFuses: { runAsnode: false } })).rejects.toThrow(
      /configuration.electronFuses/
    )
  })

  it('flips the security fuses', async () => {
    const { config } = await loadConfig()
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('builds AppImage + deb, dmg and an NSIS installer from an asar with keytar rebuilt for Electron', async () => {
    const { config } = await loadConfig()
    expect(config.appId).toBe('com.mlsworkbench.desktop')
    expect(config.productName).toBe('MLS Workbench')
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
    expect(config.asar).toBe(true)
    expect(config.npmRebuild).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    // keytar ships with the app (a production dependency, optional so installs without libsecret still work)
    expect(pkg.optionalDependencies?.keytar).toBeDefined()
    expect(pkg.devDependencies?.keytar).toBeUndefined()
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder\b/)
  })

  it('points only at files that exist, and packs the bundles main loads', async () => {
    const { config } = await loadConfig()
    const resources = path.join(repoRoot, config.directories?.buildResources ?? 'build')
    expect(existsSync(resources)).toBe(true)
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      if (!icon) throw new Error('every platform names its icon')
      const size = pngSize(path.join(repoRoot, icon))
      // macOS wants at least 512×512, Windows 256×256
      expect(size.width).toBeGreaterThanOrEqual(512)
      expect(size.height).toBe(size.width)
    }
    // the window icon main sets is the packed resources/icon.png
    const bundle = bundlePaths(path.join(repoRoot, 'out/main'))
    expect(path.relative(repoRoot, bundle.icon)).toBe('resources/icon.png')
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'resources/icon.png']))
    expect(pkg.main).toBe('out/main/index.js')

    // electron-vite writes out/main, out/preload/preload.cjs and out/renderer/index.html: where main looks (the
    // config is read as text: loading electron-vite wants the Electron binary)
    const viteConfig = readFileSync(path.join(repoRoot, 'electron.vite.config.ts'), 'utf8')
    const outDirs = [...viteConfig.matchAll(/outDir: '([^']+)'/g)].map((m) => m[1])
    expect(outDirs).toEqual([
      'out/main',
      path.relative(repoRoot, path.dirname(bundle.preload)),
      path.relative(repoRoot, path.dirname(bundle.rendererIndex))
    ])
    expect(viteConfig).toContain("input: { preload: resolve(__dirname, 'src-main/preload.ts') }")
    expect(viteConfig).toContain("entryFileNames: '[name].cjs'")
    expect(path.basename(bundle.preload)).toBe('preload.cjs')
  })
})
