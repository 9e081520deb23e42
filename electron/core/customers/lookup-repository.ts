import { sql } from 'kysely';
import type { LookupMatch } from '../../../shared/contract/customers';
import type { Db } from '../db/connection';
import { PINYIN_MAX_KEYS } from '../../../shared/domain/pinyin-keys';
import { prefixUpperBound } from '../db/prefix';
import type { LookupPlan } from './lookup-plan';

/** Branch order is match quality: an exact VIN beats a plate, a plate beats a VIN tail, and so on. */
const RANK: Record<LookupMatch | 'vinExact', number> = { vinExact: 0, plate: 1, vin: 2, phone: 3, name: 4, pinyin: 5 };
export const MATCH_OF_RANK: LookupMatch[] = ['vin', 'plate', 'vin', 'phone', 'name', 'pinyin'];

/**
 * Cars found directly, each with its current owner (if any). `sort_key` is the indexed column the branch walks and
 * `tie` the row id after it, so a branch's first N rows are exactly its first N rows in the page's order.
 */
function vehicleHits(db: Db, rank: number, key: 'v.plate' | 'v.plate_serial' | 'v.vin_rev' | 'v.vin') {
  return db
    .selectFrom('vehicles as v')
    .leftJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'v.id').on('o.to_at', 'is', null))
    .select([
      sql.lit<number>(rank).as('rank'),
      sql<number | null>`o.customer_id`.as('customer_id'),
      sql<number | null>`v.id`.as('vehicle_id'),
      sql<string>`${sql.ref(key)}`.as('sort_key'),
      'v.id as tie',
    ])
    .orderBy(key)
    .orderBy('v.id');
}

/** Live customer files with their current cars (one row per car, or one row with no car); each branch picks keys. */
function customerHits(db: Db) {
  return db
    .selectFrom('customers as c')
    .leftJoin('vehicle_ownerships as o', (join) => join.onRef('o.customer_id', '=', 'c.id').on('o.to_at', 'is', null))
    .where('c.merged_into_id', 'is', null)
    .where('c.erased_at', 'is', null);
}

/**
 * Customers whose pinyin keys start with `p`, each once, at its first matching key. One file has several keys ("z"
 * starts both "zs" and "zhangsan"), at most PINYIN_MAX_KEYS, so the first cap × PINYIN_MAX_KEYS index rows hold the
 * first `cap` files in key order; the keys are of live files only (migration 0034's trigger drops the others').
 */
function pinyinHits(db: Db, p: string, cap: number) {
  const window = db
    .selectFrom('customer_pinyin as k')
    .select(['k.customer_id', 'k.key'])
    .where('k.key', '>=', p)
    .where('k.key', '<', prefixUpperBound(p))
    .orderBy('k.key')
    .orderBy('k.customer_id')
    .limit(cap * PINYIN_MAX_KEYS);
  const found = db
    .selectFrom(window.as('w'))
    .select((eb) => ['w.customer_id', eb.fn.min('w.key').as('first_key')])
    .groupBy('w.customer_id')
    .orderBy('first_key')
    .orderBy('w.customer_id')
    .limit(cap);
  return customerHits(db)
    .innerJoin(found.as('pk'), 'pk.customer_id', 'c.id')
    .select([
      sql.lit<number>(RANK.pinyin).as('rank'),
      sql<number | null>`c.id`.as('customer_id'),
      sql<number | null>`o.vehicle_id`.as('vehicle_id'),
      sql<string>`pk.first_key`.as('sort_key'),
      'c.id as tie',
    ])
    .orderBy('pk.first_key')
    .orderBy('c.id')
    .orderBy('o.vehicle_id')
    .limit(cap);
}

/**
 * The reception look-up as one SQL statement: every reading of the typed text is an index range scan capped at the
 * rows the page needs, the branches are unioned, a customer+car pair found twice keeps its best rank, and the page
 * is cut in SQL (one row more than asked, to tell whether there is more). The page is ordered by (rank, sort_key,
 * tie), the same order each branch walks its index in, so no row before the page's end can lie past a branch's cap.
 * Returns null when nothing can match.
 */
export function lookupQuery(db: Db, plan: LookupPlan, offset: number, limit: number) {
  const cap = offset + limit + 1;
  const branches = [];
  if (plan.vinExact) {
    branches.push(vehicleHits(db, RANK.vinExact, 'v.vin').where('v.vin', '=', plan.vinExact).limit(cap));
  }
  if (plan.platePrefix) {
    const p = plan.platePrefix;
    // `plate <> ''` lets SQLite use the partial index vehicles_plate (bound values cannot prove it).
    branches.push(
      vehicleHits(db, RANK.plate, 'v.plate')
        .where('v.plate', '>=', p)
        .where('v.plate', '<', prefixUpperBound(p))
        .where('v.plate', '<>', '')
        .limit(cap),
    );
  }
  if (plan.plateSerialPrefix) {
    const p = plan.plateSerialPrefix;
    branches.push(
      vehicleHits(db, RANK.plate, 'v.plate_serial')
        .where('v.plate_serial', '>=', p)
        .where('v.plate_serial', '<', prefixUpperBound(p))
        .where('v.plate_serial', '<>', '')
        .limit(cap),
    );
  }
  if (plan.vinTailRev) {
    const p = plan.vinTailRev;
    branches.push(
      vehicleHits(db, RANK.vin, 'v.vin_rev').where('v.vin_rev', '>=', p).where('v.vin_rev', '<', prefixUpperBound(p)).limit(cap),
    );
  }
  if (plan.phoneTailRev) {
    const p = plan.phoneTailRev;
    branches.push(
      customerHits(db)
        .innerJoin('customer_phones as ph', 'ph.customer_id', 'c.id')
        .select([
          sql.lit<number>(RANK.phone).as('rank'),
          sql<number | null>`c.id`.as('customer_id'),
          sql<number | null>`o.vehicle_id`.as('vehicle_id'),
          'ph.number_rev as sort_key',
          'c.id as tie',
        ])
        .where('ph.number_rev', '>=', p)
        .where('ph.number_rev', '<', prefixUpperBound(p))
        .orderBy('ph.number_rev')
        .orderBy('c.id')
        .orderBy('o.vehicle_id')
        .limit(cap),
    );
  }
  if (plan.namePrefix) {
    const p = plan.namePrefix;
    branches.push(
      customerHits(db)
        .select([
          sql.lit<number>(RANK.name).as('rank'),
          sql<number | null>`c.id`.as('customer_id'),
          sql<number | null>`o.vehicle_id`.as('vehicle_id'),
          'c.name_key as sort_key',
          'c.id as tie',
        ])
        .where('c.name_key', '>=', p)
        .where('c.name_key', '<', prefixUpperBound(p))
        .orderBy('c.name_key')
        .orderBy('c.id')
        .orderBy('o.vehicle_id')
        .limit(cap),
    );
  }
  if (plan.pinyinPrefix) branches.push(pinyinHits(db, plan.pinyinPrefix, cap));
  if (branches.length === 0) return null;

  // SQLite allows ORDER BY/LIMIT only inside a sub-select of a compound, hence the wrapping.
  const wrapped = branches.map((branch, i) => db.selectFrom(branch.as(`b${i}`)).selectAll());
  const hits = wrapped.slice(1).reduce((union, next) => union.unionAll(next), wrapped[0]!);

  return db
    .selectFrom(hits.as('h'))
    .leftJoin('customers as c', 'c.id', 'h.customer_id')
    .leftJoin('vehicles as v', 'v.id', 'h.vehicle_id')
    .select((eb) => [
      // SQLite takes the bare columns sort_key and tie from the row holding min(rank): a pair found twice is
      // placed where its best reading puts it.
      eb.fn.min('h.rank').as('rank'),
      'h.sort_key',
      'h.tie',
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
      // One indexed probe per row of the page (campaign_vehicles_open_vin, then the campaign by its key): an open
      // recall or service campaign is flagged where the advisor first meets the car.
      plan.today
        ? eb
            .exists(
              eb
                .selectFrom('campaign_vehicles as cv')
                .innerJoin('campaigns as cg', 'cg.id', 'cv.campaign_id')
                .select(sql.lit(1).as('one'))
                .whereRef('cv.vin', '=', 'v.vin')
                .where('cv.done_at', 'is', null)
                .where('cg.status', '=', 'active')
                .where('cg.starts_on', '<=', plan.today)
                .where('cg.ends_on', '>=', plan.today),
            )
            .$castTo<number>()
            .as('open_campaign')
        : sql.lit<number>(0).as('open_campaign'),
    ])
    .groupBy(['h.customer_id', 'h.vehicle_id'])
    .orderBy('rank')
    .orderBy('h.sort_key')
    .orderBy('h.tie')
    .orderBy('h.vehicle_id')
    .limit(limit + 1)
    .offset(offset);
}
