import { rpc } from '../rpc';
import * as dealer from './dealer';

export const settingsRouter = {
  // Once this router answers, the core is open: upgrades run before it is served (see startup-progress.ts).
  startupStatus: rpc.settings.startupStatus.handler(() => ({ ready: true, upgrade: null })),
  dealer: rpc.settings.dealer.handler(({ context }) => dealer.dealer(context.deps)),
  setDealer: rpc.settings.setDealer.handler(({ context, input }) => dealer.setDealer(context.deps, input)),
};
