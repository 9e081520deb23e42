import { rpc, signedIn } from '../rpc';
import * as service from './service';

export const appointmentsRouter = {
  board: rpc.appointments.board.handler(({ context, input }) => service.board(context.deps, input)),
  get: rpc.appointments.get.handler(({ context, input }) => service.get(context.deps, input.id)),
  listForVehicle: rpc.appointments.listForVehicle.handler(({ context, input }) =>
    service.listForVehicle(context.deps, input.vehicleId),
  ),
  book: rpc.appointments.book.handler(({ context, input }) => service.book(context.deps, signedIn(context), input)),
  reschedule: rpc.appointments.reschedule.handler(({ context, input }) => service.reschedule(context.deps, input)),
  arrive: rpc.appointments.arrive.handler(({ context, input }) => service.arrive(context.deps, input)),
  noShow: rpc.appointments.noShow.handler(({ context, input }) => service.noShow(context.deps, input)),
  cancel: rpc.appointments.cancel.handler(({ context, input }) => service.cancel(context.deps, input)),
  convert: rpc.appointments.convert.handler(({ context, input }) => service.convert(context.deps, signedIn(context), input)),
  reminders: rpc.appointments.reminders.handler(({ context, input }) => service.reminders(context.deps, input)),
  markReminded: rpc.appointments.markReminded.handler(({ context, input }) =>
    service.markReminded(context.deps, signedIn(context), input),
  ),
};
