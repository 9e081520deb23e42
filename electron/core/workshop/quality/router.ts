import { rpc, signedIn } from '../../rpc';
import * as quality from './service';

export const qualityRouter = {
  qcChecklist: rpc.workshop.qcChecklist.handler(({ context, input }) => quality.checklist(context.deps, input.jobId)),
  recordQc: rpc.workshop.recordQc.handler(({ context, input }) => quality.recordQc(context.deps, signedIn(context), input)),
  qcStatus: rpc.workshop.qcStatus.handler(({ context, input }) => quality.qcStatus(context.deps, input.repairOrderId)),
  issueCertificate: rpc.workshop.issueCertificate.handler(({ context, input }) =>
    quality.issueCertificate(context.deps, signedIn(context), input.repairOrderId),
  ),
  certificate: rpc.workshop.certificate.handler(({ context, input }) => quality.certificate(context.deps, input.repairOrderId)),
};
