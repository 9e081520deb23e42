import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const usersRouter = {
  status: rpc.users.status.handler(({ context }) => service.status(context.deps)),
  setupAdmin: rpc.users.setupAdmin.handler(({ context, input }) => service.setupAdmin(context.deps, input)),
  login: rpc.users.login.handler(({ context, input }) => service.login(context.deps, input)),
  logout: rpc.users.logout.handler(({ context }) => service.logout(context.deps, context.token ?? '')),
  me: rpc.users.me.handler(({ context }) => service.me(context.deps, signedIn(context))),
  list: rpc.users.list.handler(({ context }) => service.list(context.deps)),
  create: rpc.users.create.handler(({ context, input }) => service.createUser(context.deps, signedIn(context), input)),
};
