import { rpc, signedIn } from '../rpc';
import { customerForRole, pageForRole } from '../privacy/masking';
import * as service from './service';
import { visitsRouter } from './visits/router';

export const customersRouter = {
  lookup: rpc.customers.lookup.handler(async ({ context, input }) =>
    pageForRole(
      context.actor,
      await service.lookup(context.deps, input, { searchPhones: service.searchesPhones(context.actor) }),
    ),
  ),
  get: rpc.customers.get.handler(async ({ context, input }) =>
    customerForRole(context.actor, await service.get(context.deps, input.id)),
  ),
  create: rpc.customers.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  update: rpc.customers.update.handler(({ context, input }) => service.update(context.deps, signedIn(context), input)),
  addNote: rpc.customers.addNote.handler(({ context, input }) => service.addNote(context.deps, signedIn(context), input)),
  merge: rpc.customers.merge.handler(({ context, input }) => service.merge(context.deps, input)),
  grid: rpc.customers.grid.handler(async ({ context, input }) => {
    const page = await service.grid(context.deps, input, { searchPhones: service.searchesPhones(context.actor) });
    return { ...pageForRole(context.actor, page), next: page.next };
  }),
  ...visitsRouter,
};
