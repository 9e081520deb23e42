import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRouterClient, type RouterClient } from '@orpc/server';
import { router, type Router } from './api';
import { systemClock, type Clock } from './clock';
import type { CoreDeps } from './context';
import { ChangeBus } from './events';
import { kyselyOver, openSqlite } from './db/connection';
import { migrate } from './db/migrate';

export interface CoreOptions {
  /** The database file; created (with its folder) when missing. */
  file: string;
  clock?: Clock;
  nativeBinding?: string;
  /** Minutes without a call after which a session ends; absent: no idle limit (both shells pass one via startCore). */
  sessionIdleMinutes?: number;
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
    await migrate(sqlite, db as never, options.file);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const deps: CoreDeps = {
    db,
    sqlite,
    clock: options.clock ?? systemClock,
    sessions: new Map(),
    sessionIdleMs: options.sessionIdleMinutes ? options.sessionIdleMinutes * 60_000 : null,
    filesDir: join(dirname(options.file), 'files'),
    events: new ChangeBus(),
    database: { file: options.file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) },
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
      // deps.db, not the first connection: a restore reopens the database in place.
      await deps.db.destroy();
    },
  };
}
