import { openCore, type Core, type CoreOptions } from './core';
import { DEMO_SMALL, seedDemo } from './db/seed';
import { countUsers } from './users/repository';
import { DEFAULT_IDLE_MINUTES } from './users/sessions/service';

export interface StartOptions extends CoreOptions {
  /** A demo database: seeded with the small demo dealership when it is new, its users listed at login. */
  demo: boolean;
  /** With the demo: thirteen months of service history for the reports (npm start / serve / seed); off in tests. */
  history?: boolean;
}

/** How both shells open the core at start-up, so a desk and a browser see the same first run. */
export async function startCore(options: StartOptions): Promise<Core> {
  // Both shells start here, so every desk and browser gets the idle limit unless the caller chose another.
  // And a read worker started while the desk opens, so its first report does not wait for one (core-workers.ts).
  const workers = options.workers === 'in-process' ? options.workers : { warm: true, ...options.workers };
  const core = await openCore({ sessionIdleMinutes: DEFAULT_IDLE_MINUTES, ...options, workers });
  if (options.demo) {
    const { n } = await countUsers(core.deps.db);
    if (Number(n) === 0) await seedDemo(core, { ...DEMO_SMALL, history: options.history ?? false });
  }
  return core;
}
