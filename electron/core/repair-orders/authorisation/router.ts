import { rpc, signedIn } from '../../rpc';
import * as authorisation from './service';
import * as declinedWork from './declined-work-service';

export const authorisationRouter = {
  authorise: rpc.repairOrders.authorise.handler(({ context, input }) =>
    authorisation.authorise(context.deps, signedIn(context), input),
  ),
  authorisations: rpc.repairOrders.authorisations.handler(({ context, input }) =>
    authorisation.listAuthorisations(context.deps, input.id),
  ),
  declinedWork: rpc.repairOrders.declinedWork.handler(({ context, input }) => declinedWork.listDeclinedWork(context.deps, input)),
  addDeclinedWork: rpc.repairOrders.addDeclinedWork.handler(({ context, input }) =>
    declinedWork.addDeclinedWork(context.deps, signedIn(context), input),
  ),
  dismissDeclinedWork: rpc.repairOrders.dismissDeclinedWork.handler(({ context, input }) =>
    declinedWork.dismissDeclinedWork(context.deps, signedIn(context), input),
  ),
};
