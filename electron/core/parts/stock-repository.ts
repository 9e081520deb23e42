import { sql } from 'kysely';
import type { MovementGridColumn } from '../../../shared/contract/parts';
import type { StockMovementKind } from '../../../shared/domain/stock';
import type { Db } from '../db/connection';
import { likeEscape } from '../db/prefix';

/** What the movements grid asks of SQL once the service has turned desk days into instants. */
export interface MovementQuery {
  offset: number;
  limit: number;
  sort: { column: MovementGridColumn; direction: 'asc' | 'desc' }[];
  partId?: number;
  kind?: StockMovementKind;
  /** UTC instants: created_at >= from, created_at < before. */
  from?: string;
  before?: string;
  roNumber?: string;
}

const MOVEMENT_SORT = { createdAt: 'm.created_at', kind: 'm.kind', qty: 'm.qty_milli', bin: 'm.bin' } as const;

/** One page of the ledger plus one row, with the part, the RO and the people named. */
export function movementGrid(db: Db, q: MovementQuery) {
  let query = db
    .selectFrom('stock_movements as m')
    .innerJoin('parts as p', 'p.id', 'm.part_id')
    .innerJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('users as o', 'o.id', 'm.override_by')
    .leftJoin('repair_orders as r', 'r.id', 'm.repair_order_id')
    .select([
      'm.id',
      'm.created_at',
      'm.part_id',
      'p.part_number',
      'p.name_zh',
      'p.name_en',
      'm.bin',
      'm.kind',
      'm.qty_milli',
      'm.unit_cost_fen',
      'm.value_fen',
      'm.on_hand_after_milli',
      'm.repair_order_id',
      'r.number as ro_number',
      'u.display_name as user_name',
      'm.reason',
      'o.display_name as override_name',
    ]);
  if (q.partId !== undefined) query = query.where('m.part_id', '=', q.partId);
  if (q.kind) query = query.where('m.kind', '=', q.kind);
  if (q.from) query = query.where('m.created_at', '>=', q.from);
  if (q.before) query = query.where('m.created_at', '<', q.before);
  if (q.roNumber) query = query.where(sql<boolean>`r.number LIKE ${`%${likeEscape(q.roNumber)}%`} ESCAPE '\\'`);
  for (const s of q.sort) query = query.orderBy(MOVEMENT_SORT[s.column], s.direction);
  // Newest first; the id breaks ties of one instant (a transfer's two rows) in the order they were written.
  return query
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit + 1)
    .offset(q.offset)
    .execute();
}
