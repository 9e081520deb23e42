import { appointmentsRouter } from './appointments/router';
import { catalogRouter } from './catalog/router';
import { customersRouter } from './customers/router';
import { repairOrdersRouter } from './repair-orders/router';
import { rpc } from './rpc';
import { settingsRouter } from './settings/router';
import { usersRouter } from './users/router';
import { vehiclesRouter } from './vehicles/router';

/** The whole API, checked against the shared contract: every transport serves exactly this. */
export const router = rpc.router({
  users: usersRouter,
  customers: customersRouter,
  vehicles: vehiclesRouter,
  catalog: catalogRouter,
  repairOrders: repairOrdersRouter,
  appointments: appointmentsRouter,
  settings: settingsRouter,
});
export type Router = typeof router;
