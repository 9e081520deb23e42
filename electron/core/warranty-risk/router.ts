import { rpc } from '../rpc';
import { inReadWorker } from '../workers/core-workers';
import * as service from './service';

export const warrantyRiskRouter = {
  vehicle: rpc.warrantyRisk.vehicle.handler(({ context, input }) => service.vehicleRisk(context.deps, input)),
  // The radar looks at every car sold in the 三包 period: in a read worker.
  radar: rpc.warrantyRisk.radar.handler(({ context, input }) => inReadWorker(context.deps, 'warrantyRisk.radar', input)),
  grid: rpc.warrantyRisk.grid.handler(({ context, input }) =>
    inReadWorker(context.deps, 'warrantyRisk.radar', {
      offset: input.startRow,
      limit: input.endRow - input.startRow,
      reachedOnly: input.reachedOnly,
    }),
  ),
  setMainPart: rpc.warrantyRisk.setMainPart.handler(({ context, input }) => service.setMainPart(context.deps, input)),
  mainPart: rpc.warrantyRisk.mainPart.handler(({ context, input }) => service.mainPart(context.deps, input)),
};
