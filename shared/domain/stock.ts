/** Kinds of stock ledger rows (stock_movements.kind). In: receipt, return; out: issue; either way: the two counts. */
export const STOCK_MOVEMENT_KINDS = ['receipt', 'issue', 'return', 'adjustment', 'stocktake'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** A part line's supply as the RO shows it: held on the shelf, waiting for an order, or in the technician's hands. */
export const LINE_SUPPLY_STATES = ['reserved', 'to_order', 'issued', 'non_stock'] as const;
export type LineSupplyState = (typeof LINE_SUPPLY_STATES)[number];

export const RESERVATION_STATUSES = ['open', 'closed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * The value of `qtyMilli` thousandths at `unitCostFen` a unit, rounded half up to the fen. Both factors are bounded
 * by their schemas (qty ≤ 10^7 thousandths, cost ≤ 10^9 fen), so the product stays an exact double.
 */
export function valueOfQty(qtyMilli: number, unitCostFen: number): number {
  const raw = (qtyMilli * unitCostFen) / 1000;
  return raw < 0 ? -Math.round(-raw) : Math.round(raw);
}

/** Moving-average unit cost of what is on hand; the part's last known cost when nothing is. */
export function averageUnitCost(onHandMilli: number, stockValueFen: number, fallbackCostFen: number): number {
  if (onHandMilli <= 0) return fallbackCostFen;
  return Math.round((stockValueFen * 1000) / onHandMilli);
}
