import { rpc } from '../rpc';
import * as service from './service';

export const reportsRouter = {
  firstTimeFix: rpc.reports.firstTimeFix.handler(({ context, input }) => service.firstTimeFix(context.deps, input)),
  drillDown: rpc.reports.drillDown.handler(({ context, input }) => service.drillDown(context.deps, input)),
  efficiency: rpc.reports.efficiency.handler(({ context, input }) => service.efficiency(context.deps, input)),
};
