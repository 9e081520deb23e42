import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const purchasingRouter = {
  suppliers: rpc.parts.suppliers.handler(({ context }) => service.suppliers(context.deps)),
  saveSupplier: rpc.parts.saveSupplier.handler(({ context, input }) => service.saveSupplier(context.deps, input)),
  suggestedOrderGrid: rpc.parts.suggestedOrderGrid.handler(({ context, input }) =>
    service.suggestedOrderGrid(context.deps, input),
  ),
  createPurchaseOrder: rpc.parts.createPurchaseOrder.handler(({ context, input }) =>
    service.createPurchaseOrder(context.deps, signedIn(context), input),
  ),
  updatePurchaseOrder: rpc.parts.updatePurchaseOrder.handler(({ context, input }) =>
    service.updatePurchaseOrder(context.deps, input),
  ),
  placePurchaseOrder: rpc.parts.placePurchaseOrder.handler(({ context, input }) =>
    service.placePurchaseOrder(context.deps, input),
  ),
  cancelPurchaseOrder: rpc.parts.cancelPurchaseOrder.handler(({ context, input }) =>
    service.cancelPurchaseOrder(context.deps, input),
  ),
  purchaseOrders: rpc.parts.purchaseOrders.handler(({ context, input }) => service.purchaseOrders(context.deps, input)),
  purchaseOrder: rpc.parts.purchaseOrder.handler(({ context, input }) => service.purchaseOrder(context.deps, input.id)),
  receive: rpc.parts.receive.handler(({ context, input }) => service.receive(context.deps, signedIn(context), input)),
  arrivalNotices: rpc.parts.arrivalNotices.handler(({ context }) => service.arrivalNotices(context.deps, signedIn(context))),
  markNoticesSeen: rpc.parts.markNoticesSeen.handler(({ context, input }) =>
    service.markNoticesSeen(context.deps, signedIn(context), input),
  ),
};
