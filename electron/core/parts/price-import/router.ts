import type { CoreDeps } from '../../context';
import { rpc, signedIn, toTypedError } from '../../rpc';
import { streamFromWorker } from '../../workers/core-workers';
import * as service from './service';

/**
 * One import writes at a time per database: a record still 'writing' when the lock is taken was cut short by a
 * process that died (price-import/service marks it interrupted). Held until the worker's task has ended, not only until its
 * listener went away: an import already writing finishes its chunks.
 */
const importQueues = new WeakMap<CoreDeps['db'], Promise<void>>();

async function importLock(deps: CoreDeps): Promise<() => void> {
  const before = importQueues.get(deps.db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  importQueues.set(
    deps.db,
    before.then(() => mine),
  );
  await before;
  return release;
}

export const priceImportRouter = {
  importPrepare: rpc.parts.importPrepare.handler(({ context, input }) => service.prepare(context.deps, signedIn(context), input)),
  // The gate maps errors thrown before the stream starts; errors met while it runs are mapped here the same way.
  // Both the check (commit false, a read-only connection) and the import (a writing connection of its own) run in a
  // worker of the reads pool: parsing and writing 300,000 lines never hold the thread that answers the desks.
  importRun: rpc.parts.importRun.handler(async function* ({ context, input, signal }) {
    try {
      const actor = signedIn(context);
      const deps = context.deps;
      if (!input.commit) {
        yield* streamFromWorker(deps, 'parts.importCheck', { actor, input }, { signal });
        return;
      }
      const release = await importLock(deps);
      const onEnd = () => {
        release();
        // However it ended (written, interrupted after some chunks, refused): the desks' parts screens read again.
        deps.events.publish({ area: 'parts' });
      };
      yield* streamFromWorker(deps, 'parts.importCommit', { actor, input }, { signal, onEnd });
    } catch (error) {
      throw toTypedError(error);
    }
  }),
};
