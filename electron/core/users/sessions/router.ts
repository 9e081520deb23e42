import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const sessionsRouter = {
  lockouts: rpc.users.lockouts.handler(({ context }) => service.lockouts(context.deps)),
  unlock: rpc.users.unlock.handler(({ context, input }) => service.unlock(context.deps, signedIn(context), input)),
  changePassword: rpc.users.changePassword.handler(({ context, input }) =>
    service.changePassword(context.deps, signedIn(context), context.token ?? '', input),
  ),
  resetPassword: rpc.users.resetPassword.handler(({ context, input }) =>
    service.resetPassword(context.deps, signedIn(context), input),
  ),
};
