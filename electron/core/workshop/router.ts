import { rpc, signedIn } from '../rpc';
import * as bays from './bays';
import * as planning from './planning';
import * as service from './service';

export const dispatchRouter = {
  board: rpc.workshop.board.handler(({ context, input }) => service.board(context.deps, input)),
  assign: rpc.workshop.assign.handler(({ context, input }) => planning.assign(context.deps, signedIn(context), input)),
  plan: rpc.workshop.plan.handler(({ context, input }) => planning.plan(context.deps, signedIn(context), input)),
  planBay: rpc.workshop.planBay.handler(({ context, input }) => bays.planBay(context.deps, signedIn(context), input)),
  bays: rpc.workshop.bays.handler(({ context }) => bays.bays(context.deps)),
  setBays: rpc.workshop.setBays.handler(({ context, input }) => bays.setBays(context.deps, input)),
  setSkills: rpc.workshop.setSkills.handler(({ context, input }) => service.setSkills(context.deps, input)),
  myJobs: rpc.workshop.myJobs.handler(({ context }) => service.myJobs(context.deps, signedIn(context))),
  clockOn: rpc.workshop.clockOn.handler(({ context, input }) => service.clockOn(context.deps, signedIn(context), input.jobId)),
  clockOff: rpc.workshop.clockOff.handler(({ context, input }) => service.clockOff(context.deps, signedIn(context), input)),
  pause: rpc.workshop.pause.handler(({ context, input }) => service.pause(context.deps, signedIn(context), input)),
  recordFindings: rpc.workshop.recordFindings.handler(({ context, input }) =>
    service.recordFindings(context.deps, signedIn(context), input),
  ),
  clockings: rpc.workshop.clockings.handler(({ context, input }) => service.clockings(context.deps, input.jobId)),
  correctClocking: rpc.workshop.correctClocking.handler(({ context, input }) =>
    service.correctClocking(context.deps, signedIn(context), input),
  ),
  recordAttendance: rpc.workshop.recordAttendance.handler(({ context, input }) =>
    service.recordAttendance(context.deps, signedIn(context), input),
  ),
  proposeJob: rpc.workshop.proposeJob.handler(({ context, input }) => service.proposeJob(context.deps, signedIn(context), input)),
  roJobs: rpc.workshop.roJobs.handler(({ context, input }) => service.roJobs(context.deps, input.repairOrderId)),
};
