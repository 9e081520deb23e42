import { rpc } from '../rpc';
import * as dealer from './dealer';

export const settingsRouter = {
  dealer: rpc.settings.dealer.handler(({ context }) => dealer.dealer(context.deps)),
  setDealer: rpc.settings.setDealer.handler(({ context, input }) => dealer.setDealer(context.deps, input)),
};
