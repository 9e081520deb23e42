import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const oldPartsRouter = {
  tagOldPart: rpc.parts.tagOldPart.handler(({ context, input }) => service.tagOldPart(context.deps, signedIn(context), input)),
  untaggedWarrantyLines: rpc.parts.untaggedWarrantyLines.handler(({ context, input }) =>
    service.untaggedWarrantyLines(context.deps, input),
  ),
  oldParts: rpc.parts.oldParts.handler(({ context, input }) => service.oldParts(context.deps, input)),
  settleOldPartClaim: rpc.parts.settleOldPartClaim.handler(({ context, input }) =>
    service.settleOldPartClaim(context.deps, input),
  ),
  disposeOldPart: rpc.parts.disposeOldPart.handler(({ context, input }) =>
    service.disposeOldPart(context.deps, signedIn(context), input),
  ),
};
