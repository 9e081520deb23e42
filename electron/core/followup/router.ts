import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const followupRouter = {
  queue: rpc.followup.queue.handler(({ context, input }) => service.queue(context.deps, signedIn(context), input)),
  grid: rpc.followup.grid.handler(({ context, input }) => service.grid(context.deps, signedIn(context), input)),
  task: rpc.followup.task.handler(({ context, input }) => service.task(context.deps, signedIn(context), input.id)),
  generateDue: rpc.followup.generateDue.handler(({ context }) => service.generateDue(context.deps)),
  recordAttempt: rpc.followup.recordAttempt.handler(({ context, input }) =>
    service.recordAttempt(context.deps, signedIn(context), input),
  ),
  letters: rpc.followup.letters.handler(({ context, input }) => service.letters(context.deps, signedIn(context), input)),
  letterGrid: rpc.followup.letterGrid.handler(({ context, input }) => service.letterGrid(context.deps, signedIn(context), input)),
  markSent: rpc.followup.markSent.handler(({ context, input }) => service.markSent(context.deps, signedIn(context), input)),
  lapsedRate: rpc.followup.lapsedRate.handler(({ context, input }) => service.lapsedRate(context.deps, input)),
};
