import { rpc, signedIn, toTypedError } from '../rpc';
import * as service from './service';

export const dmsImportRouter = {
  template: rpc.dmsImport.template.handler(({ context, input }) => service.template(context.deps, input)),
  prepare: rpc.dmsImport.prepare.handler(({ context, input }) => service.prepare(context.deps, signedIn(context), input)),
  // The gate maps errors thrown before the stream starts; errors met while it runs are mapped here the same way. The
  // run works on the core's connection in batches of short transactions, the desks answered between two batches.
  run: rpc.dmsImport.run.handler(async function* ({ context, input }) {
    try {
      yield* service.run(context.deps, signedIn(context), input);
    } catch (error) {
      throw toTypedError(error);
    }
  }),
  cancel: rpc.dmsImport.cancel.handler(({ context, input }) => service.cancel(context.deps, input)),
  refusalsPage: rpc.dmsImport.refusalsPage.handler(({ context, input }) => service.refusalsPage(context.deps, input)),
  refusals: rpc.dmsImport.refusals.handler(({ context, input }) => service.refusalsWorkbook(context.deps, input)),
};
