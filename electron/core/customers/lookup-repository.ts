import { sql } from 'kysely';
import type { LookupMatch } from '../../../shared/contract/customers';
import type { Db } from '../db/connection';
import { prefixUpperBound } from '../db/prefix';
import type { LookupPlan } from './lookup-plan';

/** Branch order is match quality: an exact VIN beats a plate, a plate beats a VIN tail, and so on. */
const RANK: Record<LookupMatch | 'vinExact', number> = { vinExact: 0, plate: 1, vin: 2, phone: 3, name: 4 };
export const MATCH_OF_RANK: LookupMatch[] = ['vin', 'plate', 'vin', 'phone', 'name'];

/** Cars found directly, each with its current owner (if any). */
function vehicleHits(db: Db, rank: number) {
  return db
    .selectFrom('vehicles as v')
    .leftJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'v.id').on('o.to_at', 'is', null))
    .select([
      sql.lit<number>(rank).as('rank'),
      sql<number | null>`o.customer_id`.as('customer_id'),
      sql<number | null>`v.id`.as('vehicle_id'),
      'v.plate as sort_key',
    ]);
}

/** Customers found directly, one row per current car (or one row with no car). */
function customerHits(db: Db, rank: number) {
  return db
    .selectFrom('customers as c')
    .leftJoin('vehicle_ownerships as o', (join) => join.onRef('o.customer_id', '=', 'c.id').on('o.to_at', 'is', null))
    .select([
      sql.lit<number>(rank).as('rank'),
      sql<number | null>`c.id`.as('customer_id'),
      sql<number | null>`o.vehicle_id`.as('vehicle_id'),
      'c.name_key as sort_key',
    ])
    .where('c.merged_into_id', 'is', null);
}

/**
 * The reception look-up as one SQL statement: every reading of the typed text is an index range scan capped at the
 * rows the page needs, the branches are unioned, a customer+car pair found twice keeps its best rank, and the page
 * is cut in SQL (one row more than asked, to tell whether there is more). Returns null when nothing can match.
 */
export function lookupQuery(db: Db, plan: LookupPlan, offset: number, limit: number) {
  const cap = offset + limit + 1;
  const branches = [];
  if (plan.vinExact) {
    branches.push(vehicleHits(db, RANK.vinExact).where('v.vin', '=', plan.vinExact).limit(cap));
  }
  if (plan.platePrefix) {
    const p = plan.platePrefix;
    branches.push(
      vehicleHits(db, RANK.plate).where('v.plate', '>=', p).where('v.plate', '<', prefixUpperBound(p)).orderBy('v.plate').limit(cap),
    );
  }
  if (plan.plateSerialPrefix) {
    const p = plan.plateSerialPrefix;
    branches.push(
      vehicleHits(db, RANK.plate)
        .where('v.plate_serial', '>=', p)
        .where('v.plate_serial', '<', prefixUpperBound(p))
        .where('v.plate_serial', '<>', '')
        .orderBy('v.plate_serial')
        .limit(cap),
    );
  }
  if (plan.vinTailRev) {
    const p = plan.vinTailRev;
    branches.push(
      vehicleHits(db, RANK.vin).where('v.vin_rev', '>=', p).where('v.vin_rev', '<', prefixUpperBound(p)).orderBy('v.vin_rev').limit(cap),
    );
  }
  if (plan.phoneTailRev) {
    const p = plan.phoneTailRev;
    branches.push(
      customerHits(db, RANK.phone)
        .innerJoin('customer_phones as ph', 'ph.customer_id', 'c.id')
        .where('ph.number_rev', '>=', p)
        .where('ph.number_rev', '<', prefixUpperBound(p))
        .orderBy('ph.number_rev')
        .limit(cap),
    );
  }
  if (plan.namePrefix) {
    const p = plan.namePrefix;
    branches.push(
      customerHits(db, RANK.name).where('c.name_key', '>=', p).where('c.name_key', '<', prefixUpperBound(p)).orderBy('c.name_key').limit(cap),
    );
  }
  if (branches.length === 0) return null;

  // SQLite allows ORDER BY/LIMIT only inside a sub-select of a compound, hence the wrapping.
  const wrapped = branches.map((branch, i) => db.selectFrom(branch.as(`b${i}`)).selectAll());
  const hits = wrapped.slice(1).reduce((union, next) => union.unionAll(next), wrapped[0]!);

  return db
    .selectFrom(hits.as('h'))
    .leftJoin('customers as c', 'c.id', 'h.customer_id')
    .leftJoin('vehicles as v', 'v.id', 'h.vehicle_id')
    .select((eb) => [
      eb.fn.min('h.rank').as('rank'),
      eb.fn.min('h.sort_key').as('sort_key'),
      'h.customer_id',
      'h.vehicle_id',
      'c.name as customer_name',
      eb
        .selectFrom('customer_phones as p')
        .select('p.number')
        .whereRef('p.customer_id', '=', 'h.customer_id')
        .orderBy('p.position')
        .limit(1)
        .as('phone'),
      'v.plate',
      'v.vin',
      'v.make',
      'v.model',
    ])
    .groupBy(['h.customer_id', 'h.vehicle_id'])
    .orderBy('rank')
    .orderBy('sort_key')
    .orderBy('h.customer_id')
    .orderBy('h.vehicle_id')
    .limit(limit + 1)
    .offset(offset);
}
