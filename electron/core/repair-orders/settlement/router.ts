import { rpc, signedIn } from '../../rpc';
import * as settlement from './service';

export const settlementRouter = {
  settlement: rpc.repairOrders.settlement.handler(({ context, input }) => settlement.settlement(context.deps, input.id)),
  recordPayment: rpc.repairOrders.recordPayment.handler(({ context, input }) =>
    settlement.recordPayment(context.deps, signedIn(context), input),
  ),
  deliver: rpc.repairOrders.deliver.handler(({ context, input }) => settlement.deliver(context.deps, signedIn(context), input)),
};
