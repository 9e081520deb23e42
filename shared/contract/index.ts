import { catalogContract } from './catalog';
import { customersContract } from './customers';
import { repairOrdersContract } from './repair-orders';
import { usersContract } from './users';
import { vehiclesContract } from './vehicles';

/** The whole API: what the renderer may call and what the core implements, one area per key. */
export const contract = {
  users: usersContract,
  customers: customersContract,
  vehicles: vehiclesContract,
  catalog: catalogContract,
  repairOrders: repairOrdersContract,
};
export type Contract = typeof contract;

export * from './errors';
export type { Page, GridInput } from './paging';
