import { rpc } from '../../rpc';
import { dailyClosingExport } from './export';
import { dailyClosing } from './service';

// One desk day is a few hundred rows read by index: answered here, not in a worker.
export const dailyClosingRouter = {
  dailyClosing: rpc.reports.dailyClosing.handler(({ context, input }) => dailyClosing(context.deps, input)),
  dailyClosingExport: rpc.reports.dailyClosingExport.handler(({ context, input }) => dailyClosingExport(context.deps, input)),
};
