import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const complaintsRouter = {
  create: rpc.complaints.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  advance: rpc.complaints.advance.handler(({ context, input }) => service.advance(context.deps, signedIn(context), input)),
  list: rpc.complaints.list.handler(({ context, input }) => service.list(context.deps, input)),
  get: rpc.complaints.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  closureRate: rpc.complaints.closureRate.handler(({ context, input }) => service.closureRate(context.deps, input)),
};
