import { discountNeedsApproval, priceLine, type LinePrice } from '../../../shared/domain/money';
import type { Actor } from '../context';
import type { Db } from '../db/connection';
import { fail } from '../errors';
import * as repo from './repository';

// A line's price is fixed when it is written (shared/domain/money priceLine) under the discount limit and the floor
// of a free-text labor rate; the stored amounts are what every total sums.

export interface Priced {
  qtyMilli: number;
  unitPriceFen: number;
  discountBp: number;
  taxRateBp: number;
  taxIncluded: boolean;
}

/**
 * Prices a line once, at write time, and applies the discount limit: above it only a manager may give the discount.
 * discountNeedsApproval compares fen, so a discount exactly at the limit rate is never counted as over it.
 */
export function priceWithLimit(actor: Actor, line: Priced, limitBp: number, floorUnitFen: number | null = null): LinePrice {
  const price = priceLine(line);
  if (actor.role === 'manager') return price;
  if (discountNeedsApproval(price.discountFen, price.grossFen, limitBp)) {
    fail('RULE', 'discount.needsManager', 'discountBp', { limit: limitBp / 100 });
  }
  // A price typed below the floor is a discount too (¥0.01/h is 100% off): measured against the line at the floor.
  if (floorUnitFen !== null && line.unitPriceFen < floorUnitFen) {
    const atFloor = priceLine({ ...line, unitPriceFen: floorUnitFen, discountBp: 0 });
    const given = Math.max(0, atFloor.grossFen - price.netFen);
    if (discountNeedsApproval(given, atFloor.grossFen, limitBp)) {
      fail('RULE', 'discount.needsManager', 'laborRateFen', { limit: limitBp / 100 });
    }
  }
  return price;
}

/** The floor of a line's unit price: a free-text labor line's is the catalogue's lowest rate; others have none. */
export async function floorUnitFen(trx: Db, line: { kind: string; operationId: number | null }): Promise<number | null> {
  return line.kind === 'labor' && line.operationId === null ? repo.lowestLaborRateFen(trx) : null;
}

export function amountColumns(price: LinePrice) {
  return {
    gross_fen: price.grossFen,
    discount_fen: price.discountFen,
    net_fen: price.netFen,
    tax_fen: price.taxFen,
    total_fen: price.totalFen,
  };
}
