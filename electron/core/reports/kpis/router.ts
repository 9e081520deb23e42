import { rpc, signedIn } from '../../rpc';
import { inReadWorker } from '../../workers/core-workers';
import * as service from './service';

// The dashboard's figures and its trend read months of history: they run in a read worker (electron/core/workers),
// so the desks' calls are answered meanwhile. The drill-down is a page and stays here.
export const kpisRouter = {
  kpis: rpc.reports.kpis.handler(({ context, input }) => inReadWorker(context.deps, 'reports.kpis', input)),
  kpiTrend: rpc.reports.kpiTrend.handler(({ context, input }) => inReadWorker(context.deps, 'reports.kpiTrend', input)),
  kpiDrillDown: rpc.reports.kpiDrillDown.handler(({ context, input }) =>
    service.kpiDrillDown(context.deps, signedIn(context), input),
  ),
  kpiDrillGrid: rpc.reports.kpiDrillGrid.handler(({ context, input }) =>
    service.kpiDrillDown(context.deps, signedIn(context), {
      from: input.from,
      to: input.to,
      kpi: input.kpi,
      offset: input.startRow,
      limit: input.endRow - input.startRow,
    }),
  ),
};
