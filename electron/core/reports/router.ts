import { rpc } from '../rpc';
import { inReadWorker } from '../workers/core-workers';
import * as service from './service';

// First-time fix and efficiency read a period of jobs (a year at most): in a read worker. The drill-down is a page.
export const reportsRouter = {
  firstTimeFix: rpc.reports.firstTimeFix.handler(({ context, input }) =>
    inReadWorker(context.deps, 'reports.firstTimeFix', input),
  ),
  drillDown: rpc.reports.drillDown.handler(({ context, input }) => service.drillDown(context.deps, input)),
  efficiency: rpc.reports.efficiency.handler(({ context, input }) => inReadWorker(context.deps, 'reports.efficiency', input)),
};
