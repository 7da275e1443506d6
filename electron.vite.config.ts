import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // index: the Electron shell; web: the same app served to a browser (plain Node, no electron import)
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          web: resolve(__dirname, 'src-main/shells/web/start-web.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // sandboxed preloads must be one CommonJS file with their dependencies (zod) bundled in
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue()],
    build: {
      outDir: 'out/renderer',
      // Monaco is most of the bundle: minified it loads noticeably faster in the window and in web mode
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') }
    }
  }
})
