import { rpc, signedIn } from '../../rpc';
import * as service from './service';

export const checkInRouter = {
  checkIn: rpc.repairOrders.checkIn.handler(({ context, input }) => service.checkIn(context.deps, signedIn(context), input)),
  getCheckIn: rpc.repairOrders.getCheckIn.handler(({ context, input }) => service.getCheckIn(context.deps, input.id)),
  addDamageMark: rpc.repairOrders.addDamageMark.handler(({ context, input }) =>
    service.addDamageMark(context.deps, signedIn(context), input),
  ),
  removeDamageMark: rpc.repairOrders.removeDamageMark.handler(({ context, input }) =>
    service.removeDamageMark(context.deps, signedIn(context), input),
  ),
  addPhoto: rpc.repairOrders.addPhoto.handler(({ context, input }) => service.addPhoto(context.deps, signedIn(context), input)),
  photo: rpc.repairOrders.photo.handler(({ context, input }) => service.photo(context.deps, input.photoId)),
  removePhoto: rpc.repairOrders.removePhoto.handler(({ context, input }) => service.removePhoto(context.deps, input)),
};
