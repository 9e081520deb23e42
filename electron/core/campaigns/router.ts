import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const campaignsRouter = {
  import: rpc.campaigns.import.handler(({ context, input }) => service.importCampaign(context.deps, signedIn(context), input)),
  grid: rpc.campaigns.grid.handler(({ context, input }) => service.grid(context.deps, input)),
  queueCalls: rpc.campaigns.queueCalls.handler(({ context, input }) => service.queueCalls(context.deps, input)),
  progress: rpc.campaigns.progress.handler(({ context, input }) => service.progress(context.deps, input)),
  openForVehicle: rpc.campaigns.openForVehicle.handler(({ context, input }) => service.openForVehicle(context.deps, input)),
  addJob: rpc.campaigns.addJob.handler(({ context, input }) => service.addJob(context.deps, signedIn(context), input)),
};
