import { rpc, signedIn, toTypedError } from '../rpc';
import { streamFromReadWorker } from '../workers/core-workers';
import * as service from './import-service';

export const priceImportRouter = {
  importPrepare: rpc.parts.importPrepare.handler(({ context, input }) => service.prepare(context.deps, signedIn(context), input)),
  // The gate maps errors thrown before the stream starts; errors met while it runs are mapped here the same way.
  // The check (commit false) only reads: it parses and checks the file in a read worker. The import writes, so it
  // stays on the core's one writer.
  importRun: rpc.parts.importRun.handler(async function* ({ context, input, signal }) {
    try {
      const actor = signedIn(context);
      if (input.commit) yield* service.run(context.deps, actor, input, signal);
      else yield* streamFromReadWorker(context.deps, 'parts.importCheck', { actor, input }, signal);
    } catch (error) {
      throw toTypedError(error);
    }
  }),
};
