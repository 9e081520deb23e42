import { rpc } from '../../rpc';
import { inReadWorker } from '../../workers/core-workers';
import * as service from './service';

// The revenue and margin of a period (up to about a year) and their workbook read every RO of it: in a read worker.
// The ROs behind a figure are a page.
export const moneyRouter = {
  revenue: rpc.reports.revenue.handler(({ context, input }) => inReadWorker(context.deps, 'reports.revenue', input)),
  partsMargin: rpc.reports.partsMargin.handler(({ context, input }) => inReadWorker(context.deps, 'reports.partsMargin', input)),
  moneyRos: rpc.reports.moneyRos.handler(({ context, input }) => service.moneyRos(context.deps, input)),
  moneyExport: rpc.reports.moneyExport.handler(({ context, input }) => inReadWorker(context.deps, 'reports.moneyExport', input)),
};
