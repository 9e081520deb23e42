import { rpc } from '../rpc';
import * as service from './service';

/** Read-only on purpose: the trail is written by the services, in the transactions of the writes it records. */
export const auditRouter = {
  ofRepairOrder: rpc.audit.ofRepairOrder.handler(({ context, input }) => service.ofRepairOrder(context.deps, input)),
  list: rpc.audit.list.handler(({ context, input }) => service.list(context.deps, input)),
  grid: rpc.audit.grid.handler(({ context, input }) => service.grid(context.deps, input)),
  repairOrderGrid: rpc.audit.repairOrderGrid.handler(({ context, input }) => service.repairOrderGrid(context.deps, input)),
};
