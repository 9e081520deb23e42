import { rpc, signedIn, toTypedError } from '../rpc';
import * as service from './import-service';

export const priceImportRouter = {
  importPrepare: rpc.parts.importPrepare.handler(({ context, input }) => service.prepare(context.deps, signedIn(context), input)),
  // The gate maps errors thrown before the stream starts; errors met while it runs are mapped here the same way.
  importRun: rpc.parts.importRun.handler(async function* ({ context, input, signal }) {
    try {
      yield* service.run(context.deps, signedIn(context), input, signal);
    } catch (error) {
      throw toTypedError(error);
    }
  }),
};
