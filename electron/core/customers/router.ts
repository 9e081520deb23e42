import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const customersRouter = {
  lookup: rpc.customers.lookup.handler(({ context, input }) => service.lookup(context.deps, input)),
  get: rpc.customers.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  create: rpc.customers.create.handler(({ context, input }) => service.create(context.deps, input)),
  update: rpc.customers.update.handler(({ context, input }) => service.update(context.deps, input)),
  addNote: rpc.customers.addNote.handler(({ context, input }) => service.addNote(context.deps, signedIn(context), input)),
  merge: rpc.customers.merge.handler(({ context, input }) => service.merge(context.deps, input)),
  grid: rpc.customers.grid.handler(({ context, input }) => service.grid(context.deps, input)),
};
