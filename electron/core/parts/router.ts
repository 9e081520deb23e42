import { rpc, signedIn } from '../rpc';
import { inReadWorker } from '../workers/core-workers';
import * as service from './service';
import * as stock from './stock-service';

export const partsMasterRouter = {
  grid: rpc.parts.grid.handler(({ context, input }) => service.grid(context.deps, input)),
  get: rpc.parts.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  lookup: rpc.parts.lookup.handler(({ context, input }) => service.lookup(context.deps, input)),
  create: rpc.parts.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  update: rpc.parts.update.handler(({ context, input }) => service.update(context.deps, signedIn(context), input)),
  setSupersession: rpc.parts.setSupersession.handler(({ context, input }) => service.setSupersession(context.deps, input)),
  movements: rpc.parts.movements.handler(({ context, input }) => stock.movements(context.deps, input)),
  adjust: rpc.parts.adjust.handler(({ context, input }) => stock.adjust(context.deps, signedIn(context), input)),
  transferBin: rpc.parts.transferBin.handler(({ context, input }) => stock.transferBin(context.deps, signedIn(context), input)),
  // The whole stock list as a spreadsheet (300,000 parts at ten years): written in a read worker.
  exportStock: rpc.parts.exportStock.handler(({ context, input }) => inReadWorker(context.deps, 'parts.exportStock', input)),
};
