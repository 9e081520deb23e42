import { rpc, signedIn } from '../rpc';
import { authorisationRouter } from './authorisation/router';
import { checkInRouter } from './check-in/router';
import { promiseRisks } from './promise-risk-service';
import { settlementRouter } from './settlement/router';
import { refundsRouter } from './refunds/router';
import * as gridService from './grid-service';
import * as lines from './line-service';
import * as service from './service';

export const repairOrdersRouter = {
  create: rpc.repairOrders.create.handler(({ context, input }) => service.create(context.deps, signedIn(context), input)),
  get: rpc.repairOrders.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  listForVehicle: rpc.repairOrders.listForVehicle.handler(({ context, input }) => service.listForVehicle(context.deps, input)),
  addJob: rpc.repairOrders.addJob.handler(({ context, input }) => service.addJob(context.deps, signedIn(context), input)),
  addPackage: rpc.repairOrders.addPackage.handler(({ context, input }) =>
    lines.addPackage(context.deps, signedIn(context), input),
  ),
  updateJob: rpc.repairOrders.updateJob.handler(({ context, input }) =>
    service.updateJob(context.deps, signedIn(context), input),
  ),
  removeJob: rpc.repairOrders.removeJob.handler(({ context, input }) =>
    service.removeJob(context.deps, signedIn(context), input),
  ),
  addLaborLine: rpc.repairOrders.addLaborLine.handler(({ context, input }) =>
    lines.addLaborLine(context.deps, signedIn(context), input),
  ),
  addPartLine: rpc.repairOrders.addPartLine.handler(({ context, input }) =>
    lines.addPartLine(context.deps, signedIn(context), input),
  ),
  setLineDiscount: rpc.repairOrders.setLineDiscount.handler(({ context, input }) =>
    lines.setLineDiscount(context.deps, signedIn(context), input),
  ),
  removeLine: rpc.repairOrders.removeLine.handler(({ context, input }) =>
    lines.removeLine(context.deps, signedIn(context), input),
  ),
  setPromisedTime: rpc.repairOrders.setPromisedTime.handler(({ context, input }) =>
    service.setPromisedTime(context.deps, signedIn(context), input),
  ),
  transition: rpc.repairOrders.transition.handler(({ context, input }) =>
    service.transition(context.deps, signedIn(context), input),
  ),
  grid: rpc.repairOrders.grid.handler(({ context, input }) => gridService.grid(context.deps, signedIn(context), input)),
  promiseRisks: rpc.repairOrders.promiseRisks.handler(({ context }) => promiseRisks(context.deps)),
  ...checkInRouter,
  ...authorisationRouter,
  ...settlementRouter,
  ...refundsRouter,
};
