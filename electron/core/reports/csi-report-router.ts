import { rpc, signedIn } from '../rpc';
import { monthlyCsiExport } from './csi-report-export';
import * as service from './csi-report-service';

export const csiReportRouter = {
  monthlyCsi: rpc.reports.monthlyCsi.handler(({ context, input }) =>
    service.monthlyCsi(context.deps, signedIn(context), input),
  ),
  monthlyCsiExport: rpc.reports.monthlyCsiExport.handler(({ context, input }) =>
    monthlyCsiExport(context.deps, signedIn(context), input),
  ),
};
