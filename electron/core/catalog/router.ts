import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const catalogRouter = {
  laborGrid: rpc.catalog.laborGrid.handler(({ context, input }) => service.laborGrid(context.deps, input)),
  searchLabor: rpc.catalog.searchLabor.handler(({ context, input }) => service.searchLabor(context.deps, input)),
  getLabor: rpc.catalog.getLabor.handler(({ context, input }) => service.getLabor(context.deps, input.id)),
  createLabor: rpc.catalog.createLabor.handler(({ context, input }) =>
    service.createLabor(context.deps, signedIn(context), input),
  ),
  updateLabor: rpc.catalog.updateLabor.handler(({ context, input }) =>
    service.updateLabor(context.deps, signedIn(context), input),
  ),
  setLaborActive: rpc.catalog.setLaborActive.handler(({ context, input }) =>
    service.setLaborActive(context.deps, signedIn(context), input),
  ),
  listPackages: rpc.catalog.listPackages.handler(({ context, input }) => service.listPackages(context.deps, input)),
  getPackage: rpc.catalog.getPackage.handler(({ context, input }) => service.getPackage(context.deps, input.id)),
  createPackage: rpc.catalog.createPackage.handler(({ context, input }) => service.createPackage(context.deps, input)),
  updatePackage: rpc.catalog.updatePackage.handler(({ context, input }) => service.updatePackage(context.deps, input)),
  setPackageActive: rpc.catalog.setPackageActive.handler(({ context, input }) => service.setPackageActive(context.deps, input)),
};
