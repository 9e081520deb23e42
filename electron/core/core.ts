import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRouterClient, type RouterClient } from '@orpc/server';
import { router, type Router } from './api';
import { systemClock, type Clock } from './clock';
import type { CoreDeps } from './context';
import { ChangeBus } from './events';
import { kyselyOver, openSqlite } from './db/connection';
import { migrate, type UpgradeProgress } from './db/migrate';
import { startWorkers, type WorkersOption } from './workers/core-workers';

export interface CoreOptions {
  /** The database file; created (with its folder) when missing. */
  file: string;
  clock?: Clock;
  nativeBinding?: string;
  /** Minutes without a call after which a session ends; absent: no idle limit (both shells pass one via startCore). */
  sessionIdleMinutes?: number;
  /** Told how an upgrade of an existing file moves on (the start-up screen and the server's console show it). */
  onUpgradeProgress?: (progress: UpgradeProgress) => void;
  /** Worker threads for backups and long reads; the shells name the bundled worker file (see core-workers.ts). */
  workers?: WorkersOption;
}

export interface Core {
  deps: CoreDeps;
  router: Router;
  file: string;
  /** An in-process client for one signed-in token (scripts, tests, the bench); shells use their transports. */
  client(token?: string): RouterClient<Router>;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and returns the core that every shell serves. */
export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = openSqlite(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const db = kyselyOver(sqlite);
  try {
    await migrate(
      sqlite,
      db as never,
      options.file,
      undefined,
      options.onUpgradeProgress ? { onProgress: options.onUpgradeProgress } : {},
    );
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const filesDir = join(dirname(options.file), 'files');
  const database = { file: options.file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  const deps: CoreDeps = {
    db,
    sqlite,
    clock: options.clock ?? systemClock,
    sessions: new Map(),
    sessionIdleMs: options.sessionIdleMinutes ? options.sessionIdleMinutes * 60_000 : null,
    filesDir,
    events: new ChangeBus(),
    database,
    workers: startWorkers(() => deps, { ...database, filesDir }, options.workers),
  };
  return {
    deps,
    router,
    file: options.file,
    client(token) {
      return createRouterClient(router, {
        context: { deps, ...(token ? { reqHeaders: new Headers({ authorization: `Bearer ${token}` }) } : {}) },
      });
    },
    async close() {
      // Workers first: the core's connection must be the last to close, so SQLite folds the WAL into the file.
      await deps.workers.close();
      // deps.db, not the first connection: a restore reopens the database in place.
      await deps.db.destroy();
    },
  };
}
