import { rpc, signedIn } from '../../rpc';
import * as refunds from './service';

export const refundsRouter = {
  requestRefund: rpc.repairOrders.requestRefund.handler(({ context, input }) =>
    refunds.requestRefund(context.deps, signedIn(context), input),
  ),
  decideRefund: rpc.repairOrders.decideRefund.handler(({ context, input }) =>
    refunds.decideRefund(context.deps, signedIn(context), input),
  ),
};
