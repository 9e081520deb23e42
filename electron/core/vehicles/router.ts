import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const vehiclesRouter = {
  get: rpc.vehicles.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  create: rpc.vehicles.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  update: rpc.vehicles.update.handler(({ context, input }) => service.update(context.deps, input)),
  transferOwner: rpc.vehicles.transferOwner.handler(({ context, input }) => service.transferOwner(context.deps, input)),
  recordMileage: rpc.vehicles.recordMileage.handler(({ context, input }) =>
    service.recordMileage(context.deps, signedIn(context), input),
  ),
};
