import { rpc, signedIn } from '../rpc';
import * as gridService from './grid-service';
import * as service from './service';

export const complaintsRouter = {
  create: rpc.complaints.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  advance: rpc.complaints.advance.handler(({ context, input }) => service.advance(context.deps, signedIn(context), input)),
  confirm: rpc.complaints.confirm.handler(({ context, input }) => service.confirm(context.deps, signedIn(context), input)),
  dismiss: rpc.complaints.dismiss.handler(({ context, input }) => service.dismiss(context.deps, signedIn(context), input)),
  people: rpc.complaints.people.handler(({ context }) => service.people(context.deps)),
  list: rpc.complaints.list.handler(({ context, input }) => service.list(context.deps, input)),
  grid: rpc.complaints.grid.handler(({ context, input }) => gridService.grid(context.deps, input)),
  get: rpc.complaints.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  closureRate: rpc.complaints.closureRate.handler(({ context, input }) => service.closureRate(context.deps, input)),
};
