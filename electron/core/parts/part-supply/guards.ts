import { fail } from '../../errors';
import type { TransitionGuard } from '../../ro-records/transition-guard';
import { findOpenReservations } from './repository';

/**
 * ready -> delivered: the car does not leave while one of its lines still waits for parts to be ordered (what is
 * reserved is issued with the handover; what never came was not fitted). Declined jobs do not count.
 */
export const partsOrderedBeforeDelivery: TransitionGuard = async (trx, ro, from, to) => {
  if (from !== 'ready' || to !== 'delivered') return;
  const waiting = (await findOpenReservations(trx, { repairOrderId: ro.id })).filter(
    (reservation) => reservation.to_order_milli > 0 && reservation.authorization_state !== 'declined',
  );
  if (waiting.length > 0) {
    fail('RULE', 'parts.stillToOrder', 'to', {
      parts: [...new Set(waiting.map((reservation) => reservation.part_number))].join(', '),
    });
  }
};
