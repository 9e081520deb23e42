import { rpc, signedIn } from '../../rpc';
import * as visits from './service';

export const visitsRouter = {
  visits: rpc.customers.visits.handler(({ context, input }) => visits.visits(context.deps, signedIn(context), input)),
  declinedWork: rpc.customers.declinedWork.handler(({ context, input }) => visits.declinedWork(context.deps, input)),
  complaints: rpc.customers.complaints.handler(({ context, input }) => visits.complaints(context.deps, input)),
};
