import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const privacyRouter = {
  consents: rpc.privacy.consents.handler(({ context, input }) => service.consents(context.deps, input.customerId)),
  recordConsent: rpc.privacy.recordConsent.handler(({ context, input }) =>
    service.recordConsent(context.deps, signedIn(context), input),
  ),
  exportCustomer: rpc.privacy.exportCustomer.handler(({ context, input }) =>
    service.exportCustomer(context.deps, signedIn(context), input.customerId),
  ),
  eraseCustomer: rpc.privacy.eraseCustomer.handler(({ context, input }) =>
    service.eraseCustomer(context.deps, signedIn(context), input),
  ),
};
