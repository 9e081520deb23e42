import { rpc, signedIn } from '../../rpc';
import { inReadWorker } from '../../workers/core-workers';

// A month's CSI report and its Excel file aggregate every answer of the month: both run in a read worker.
export const csiReportRouter = {
  monthlyCsi: rpc.reports.monthlyCsi.handler(({ context, input }) =>
    inReadWorker(context.deps, 'reports.monthlyCsi', { actor: signedIn(context), input }),
  ),
  monthlyCsiExport: rpc.reports.monthlyCsiExport.handler(({ context, input }) =>
    inReadWorker(context.deps, 'reports.monthlyCsiExport', { actor: signedIn(context), input }),
  ),
};
