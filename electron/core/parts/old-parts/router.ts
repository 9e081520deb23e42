import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const oldPartsRouter = {
  tagOldPart: rpc.parts.tagOldPart.handler(({ context, input }) => service.tagOldPart(context.deps, signedIn(context), input)),
  untaggedWarrantyLinesGrid: rpc.parts.untaggedWarrantyLinesGrid.handler(({ context, input }) =>
    service.untaggedWarrantyLinesGrid(context.deps, input),
  ),
  oldPartsGrid: rpc.parts.oldPartsGrid.handler(({ context, input }) => service.oldPartsGrid(context.deps, input)),
  settleOldPartClaim: rpc.parts.settleOldPartClaim.handler(({ context, input }) =>
    service.settleOldPartClaim(context.deps, input),
  ),
  disposeOldPart: rpc.parts.disposeOldPart.handler(({ context, input }) =>
    service.disposeOldPart(context.deps, signedIn(context), input),
  ),
};
