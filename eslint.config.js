import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'
import layers from './eslint-rules/layers.js'

export default defineConfigWithVueTs(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/screenshots/**', 'bench/results/**'] },
  pluginVue.configs['flat/essential'],
  vueTsConfigs.recommended,
  skipFormatting,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // server data is never rendered as HTML
      'vue/no-v-html': 'error',
      // one safe way out: src-main/shells/electron/safe-open.ts
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal().' }
      ],
      // protocol and data code must run without Electron (tests, CLI, bench, web mode)
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only the Electron shell may import electron.' }] }
      ]
    }
  },
  {
    files: ['src-main/**', 'src-renderer/**', 'contract/**', 'domain/**', 'demo-mls/**'],
    plugins: { local: { rules: { layers } } },
    rules: { 'local/layers': 'error' }
  },
  {
    // the Electron shell, and the tests that run it on the electron double
    files: [
      'src-main/index.ts',
      'src-main/preload.ts',
      'src-main/shells/electron/**',
      'test/support/electron-double/**',
      'test/unit/shells/electron/**'
    ],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } }
  }
)
