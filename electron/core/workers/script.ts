import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** How a worker thread is started: a file, or (from the sources) a line of bootstrap code. */
export interface WorkerScript {
  filename: string;
  eval: boolean;
  /** Where it came from, for the error when it cannot start. */
  describe: string;
}

/** The name of the bundled worker next to the shells' entries (electron.vite.config.ts builds it). */
export const BUNDLED_WORKER = 'core-worker.js';

/** The built worker, out/main/core-worker.js: the shells pass `join(__dirname, BUNDLED_WORKER)` from their entry. */
export function bundledWorkerScript(file: string): WorkerScript {
  return { filename: file, eval: false, describe: file };
}

/**
 * The worker from the TypeScript sources (vitest, tsx scripts, Playwright's core): Node 20 cannot start a .ts file
 * as a worker, and a loader given with --import does not reach a worker's first module there, so a one-line
 * bootstrap registers tsx's require hook and then requires worker-entry.ts (the package is CommonJS).
 */
export function sourceWorkerScript(): WorkerScript {
  const entry = join(__dirname, 'worker-entry.ts');
  if (!existsSync(entry)) {
    // Bundled code that was not told where its worker is: fail the task with a clear message, never guess.
    return {
      filename: `throw new Error(${JSON.stringify(`no worker script: ${entry} (bundled code must pass workers.script)`)})`,
      eval: true,
      describe: entry,
    };
  }
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return { filename: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, eval: true, describe: entry };
}
