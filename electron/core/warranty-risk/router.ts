import { rpc } from '../rpc';
import * as service from './service';

export const warrantyRiskRouter = {
  vehicle: rpc.warrantyRisk.vehicle.handler(({ context, input }) => service.vehicleRisk(context.deps, input)),
  radar: rpc.warrantyRisk.radar.handler(({ context, input }) => service.radar(context.deps, input)),
  setMainPart: rpc.warrantyRisk.setMainPart.handler(({ context, input }) => service.setMainPart(context.deps, input)),
  mainPart: rpc.warrantyRisk.mainPart.handler(({ context, input }) => service.mainPart(context.deps, input)),
};
