/**
 * The suggested order of one part (issue 5, purchasing): what to buy so that the RO lines waiting for the part can be
 * filled and the shelf is back between its minimum and maximum once everything ordered has come in.
 *
 * All quantities are thousandths of the part's unit. What is already on order (open purchase orders, drafts included:
 * a draft made from the suggestion must not be suggested again) covers the waiting RO lines first, because a receipt
 * fills them first; only what is left of it counts towards the shelf.
 */
export interface StockPosition {
  /** On hand less what open RO lines hold on the shelf (may be below zero after a manager's override). */
  availableMilli: number;
  /** Open purchase order lines: ordered less received. */
  onOrderMilli: number;
  /** Open RO lines' quantities still to order. */
  waitingMilli: number;
  minMilli: number;
  maxMilli: number;
}

export interface Suggestion {
  /** Waiting RO lines' quantity not covered by what is on order. */
  forWaitingMilli: number;
  /** To bring the shelf back up to its maximum (at least to its minimum) when it would stay below the minimum. */
  forMinimumMilli: number;
  /** Both together: the quantity suggested; 0 when nothing is needed. */
  qtyMilli: number;
  /** Available plus what is on order beyond the waiting lines: where the shelf will stand once it all came in. */
  projectedMilli: number;
}

export function suggestOrder(position: StockPosition): Suggestion {
  const coveringWaiting = Math.min(position.waitingMilli, Math.max(0, position.onOrderMilli));
  const forWaitingMilli = Math.max(0, position.waitingMilli - coveringWaiting);
  const projectedMilli = position.availableMilli + position.onOrderMilli - coveringWaiting;
  const forMinimumMilli =
    projectedMilli < position.minMilli ? Math.max(position.maxMilli - projectedMilli, position.minMilli - projectedMilli) : 0;
  return { forWaitingMilli, forMinimumMilli, qtyMilli: forWaitingMilli + forMinimumMilli, projectedMilli };
}
