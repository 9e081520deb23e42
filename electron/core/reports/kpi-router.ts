import { rpc, signedIn } from '../rpc';
import * as service from './kpi-service';

export const kpisRouter = {
  kpis: rpc.reports.kpis.handler(({ context, input }) => service.kpis(context.deps, input)),
  kpiTrend: rpc.reports.kpiTrend.handler(({ context, input }) => service.kpiTrend(context.deps, input)),
  kpiDrillDown: rpc.reports.kpiDrillDown.handler(({ context, input }) =>
    service.kpiDrillDown(context.deps, signedIn(context), input),
  ),
};
