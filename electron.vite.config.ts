import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * One build for both shells: out/main/index.js (Electron main), out/main/server.js (browser mode, plain Node),
 * out/main/core-worker.js (the core's worker threads, started by either),
 * out/preload/index.js (sandboxed preload, CommonJS), out/renderer (the React app both shells serve).
 * Dependencies stay external to main (better-sqlite3 is native and is unpacked from asar by electron-builder).
 */
const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          server: resolve(__dirname, 'electron/server/cli.ts'),
          // The core's worker thread (backups, long reads): its own file next to both entries, which name it.
          'core-worker': resolve(__dirname, 'electron/core/workers/worker-entry.ts'),
          // The core's own process on a desk (Electron's utilityProcess, forked by electron/main/core-process.ts).
          'core-host': resolve(__dirname, 'electron/core-host/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      // electron-vite leaves the renderer unminified; minified it loads in a third of the time.
      minify: true,
      chunkSizeWarningLimit: 2000,
    },
    plugins: [react()],
    // The Desks screen says which version the server runs (the server serves this very renderer).
    define: { __APP_VERSION__: JSON.stringify(version) },
  },
});
