import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const comebacksRouter = {
  comebacks: rpc.workshop.comebacks.handler(({ context, input }) => service.list(context.deps, input)),
  comebacksGrid: rpc.workshop.comebacksGrid.handler(({ context, input }) =>
    service.list(context.deps, {
      offset: input.startRow,
      limit: input.endRow - input.startRow,
      ...(input.status ? { status: input.status } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    }),
  ),
  decideComeback: rpc.workshop.decideComeback.handler(({ context, input }) =>
    service.decide(context.deps, signedIn(context), input),
  ),
  comebackWindow: rpc.workshop.comebackWindow.handler(({ context }) => service.window(context.deps)),
};
