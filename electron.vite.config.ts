import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * One build for both shells: out/main/index.js (Electron main), out/main/server.js (browser mode, plain Node),
 * out/main/core-worker.js (the core's worker threads, started by either),
 * out/preload/index.js (sandboxed preload, CommonJS), out/renderer (the React app both shells serve).
 * Dependencies stay external to main (better-sqlite3 is native and is unpacked from asar by electron-builder).
 */
const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };

/**
 * Browser mode's HTTP shell sends the renderer compressed (sirv serves a file's .br or .gz beside it, by the browser's
 * Accept-Encoding): every script, stylesheet and page of the build gets both, written once here at the best levels
 * rather than on every request. Electron loads the same files from disk and never reads them.
 */
function precompress(): Plugin {
  const worth = /\.(js|css|html|svg|json)$/;
  return {
    name: 'baydesk-precompress',
    apply: 'build',
    writeBundle(options) {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
        );
      for (const file of walk(options.dir!)) {
        if (!worth.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

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
      // Screens load their area's chunk when opened (renderer/src/app/Screens.tsx); AG Grid's chunk is the largest.
      chunkSizeWarningLimit: 1300,
    },
    plugins: [react(), precompress()],
    // The Desks screen says which version the server runs (the server serves this very renderer).
    define: { __APP_VERSION__: JSON.stringify(version) },
  },
});
