import { sql, type Insertable, type Updateable } from 'kysely';
import { OPEN_PURCHASE_ORDER_STATUSES, type PoGridColumn } from '../../../../shared/contract/parts/purchasing';
import type { GridInput } from '../../../../shared/contract/paging';
import type { Db } from '../../db/connection';
import { likeEscape, prefixUpperBound } from '../../db/prefix';
import type { PurchaseOrderLinesTable, PurchaseOrdersTable, SuppliersTable } from '../../db/schema';

// --- suppliers ---

export function listSuppliers(db: Db) {
  return db.selectFrom('suppliers').selectAll().orderBy('active', 'desc').orderBy('name').execute();
}

export function findSupplier(db: Db, id: number) {
  return db.selectFrom('suppliers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSupplierNamed(db: Db, name: string, exceptId: number) {
  return db.selectFrom('suppliers').select('id').where('name', '=', name).where('id', '!=', exceptId).executeTakeFirst();
}

export async function insertSupplier(db: Db, row: Omit<Insertable<SuppliersTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('suppliers').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function updateSupplier(db: Db, id: number, changes: Updateable<SuppliersTable>): Promise<void> {
  await db.updateTable('suppliers').set(changes).where('id', '=', id).execute();
}

// --- suggested order ---

export interface SuggestionFilter {
  supplierId?: number;
  /** Normalised part-number prefix, or '' */
  numberPrefix: string;
  /** Name text as typed, or '' */
  nameText: string;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * One row per part to buy, with its stock position summed in SQL: reservations and open order lines are grouped per
 * part once, and only parts kept in stock (a minimum) or waited for by an RO line are looked at, so a master of
 * 300,000 parts is never read whole. The condition is the one of shared/domain/suggested-order.ts: waiting lines not
 * covered by what is on order, or the shelf below its minimum once what is on order beyond them came in.
 */
export function suggestedOrder(db: Db, filter: SuggestionFilter) {
  const open = [...OPEN_PURCHASE_ORDER_STATUSES];
  const lastSupplier = sql<number | null>`(select o.supplier_id from purchase_order_lines l
      join purchase_orders o on o.id = l.purchase_order_id
      where l.part_id = p.id and o.status != 'cancelled'
      order by o.created_at desc, o.id desc limit 1)`;
  const columns = [
    'id',
    'part_number',
    'name_zh',
    'name_en',
    'unit',
    'on_hand_milli',
    'min_qty_milli',
    'max_qty_milli',
    'cost_fen',
  ] as const;
  let query = db
    // Parts kept at a level, and (the others) parts waited for by an RO line: two disjoint sets, so no de-duplication.
    .with(
      (cte) => cte('candidates').materialized(),
      (qb) =>
        qb
          .selectFrom('parts')
          .select(columns)
          .where('min_qty_milli', '>', 0)
          .where('active', '=', 1)
          .unionAll(
            qb
              .selectFrom('parts')
              .select(columns)
              .where('min_qty_milli', '<=', 0)
              .where('active', '=', 1)
              .where('id', 'in', (sub) =>
                sub
                  .selectFrom('part_reservations')
                  .select('part_id')
                  .where('status', '=', 'open')
                  .where('to_order_milli', '>', 0),
              ),
          ),
    )
    .with('res', (qb) =>
      qb
        .selectFrom('part_reservations')
        .select((eb) => [
          'part_id',
          eb.fn.sum<number>('reserved_milli').as('reserved'),
          eb.fn.sum<number>('to_order_milli').as('waiting'),
        ])
        .where('status', '=', 'open')
        .where('part_id', 'in', (sub) => sub.selectFrom('candidates').select('id'))
        .groupBy('part_id'),
    )
    .with('ord', (qb) =>
      qb
        .selectFrom('purchase_order_lines as l')
        .innerJoin('purchase_orders as o', 'o.id', 'l.purchase_order_id')
        .select(['l.part_id', sql<number>`sum(l.qty_milli - l.received_milli)`.as('on_order')])
        .where('o.status', 'in', open)
        .where('l.part_id', 'in', (sub) => sub.selectFrom('candidates').select('id'))
        .groupBy('l.part_id'),
    )
    // The candidates are few (parts kept at a level, parts waited for): they are sorted, not the whole master.
    .selectFrom('candidates as p')
    .leftJoin('res', 'res.part_id', 'p.id')
    .leftJoin('ord', 'ord.part_id', 'p.id')
    .select([
      'p.id',
      'p.part_number',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'p.on_hand_milli',
      'p.min_qty_milli',
      'p.max_qty_milli',
      'p.cost_fen',
      sql<number>`coalesce(res.reserved, 0)`.as('reserved_milli'),
      sql<number>`coalesce(res.waiting, 0)`.as('waiting_milli'),
      sql<number>`coalesce(ord.on_order, 0)`.as('on_order_milli'),
      lastSupplier.as('last_supplier_id'),
    ])
    .where(
      sql<boolean>`(coalesce(res.waiting, 0) > coalesce(ord.on_order, 0)
        or p.on_hand_milli - coalesce(res.reserved, 0) + coalesce(ord.on_order, 0)
           - min(coalesce(res.waiting, 0), coalesce(ord.on_order, 0)) < p.min_qty_milli)`,
    );
  if (filter.supplierId !== undefined) query = query.where(lastSupplier, '=', filter.supplierId);
  if (filter.numberPrefix || filter.nameText) {
    const contains = `%${likeEscape(filter.nameText)}%`;
    query = query.where((eb) =>
      eb.or([
        ...(filter.numberPrefix
          ? [
              eb.and([
                eb('p.part_number', '>=', filter.numberPrefix),
                eb('p.part_number', '<', prefixUpperBound(filter.numberPrefix)),
              ]),
            ]
          : []),
        ...(filter.nameText
          ? [sql<boolean>`p.name_zh LIKE ${contains} ESCAPE '\\'`, sql<boolean>`p.name_en LIKE ${contains} ESCAPE '\\'`]
          : []),
      ]),
    );
  }
  return query
    .orderBy('p.part_number', filter.direction)
    .limit(filter.limit + 1)
    .offset(filter.offset);
}

/** The RO lines still waiting for these parts, oldest first, with their RO numbers. */
export function waitingLines(db: Db, partIds: number[]) {
  if (partIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('part_reservations as r')
    .innerJoin('repair_orders as ro', 'ro.id', 'r.repair_order_id')
    .select(['r.part_id', 'r.repair_order_id', 'ro.number', 'r.to_order_milli'])
    .where('r.part_id', 'in', partIds)
    .where('r.status', '=', 'open')
    .where('r.to_order_milli', '>', 0)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

export function supplierNames(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('suppliers').select(['id', 'name']).where('id', 'in', ids).execute();
}

// --- purchase orders ---

export function findParts(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('parts').select(['id', 'part_number', 'cost_fen', 'active']).where('id', 'in', ids).execute();
}

export function findPurchaseOrder(db: Db, id: number) {
  return db
    .selectFrom('purchase_orders as o')
    .innerJoin('suppliers as s', 's.id', 'o.supplier_id')
    .innerJoin('users as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select(['s.name as supplier_name', 's.lead_days', 'u.display_name as created_by_name'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function findLines(db: Db, purchaseOrderId: number) {
  return db
    .selectFrom('purchase_order_lines as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .selectAll('l')
    .select(['p.part_number', 'p.name_zh', 'p.name_en', 'p.unit', 'p.default_bin'])
    .where('l.purchase_order_id', '=', purchaseOrderId)
    .orderBy('l.position')
    .execute();
}

export async function insertPurchaseOrder(db: Db, row: Omit<Insertable<PurchaseOrdersTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('purchase_orders').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function replaceLines(
  db: Db,
  purchaseOrderId: number,
  lines: Omit<Insertable<PurchaseOrderLinesTable>, 'id' | 'purchase_order_id'>[],
): Promise<void> {
  await db.deleteFrom('purchase_order_lines').where('purchase_order_id', '=', purchaseOrderId).execute();
  await db
    .insertInto('purchase_order_lines')
    .values(lines.map((line) => ({ ...line, purchase_order_id: purchaseOrderId })))
    .execute();
}

/** Writes the order if it is still at `version`; false when another desk saved first. */
export async function updatePurchaseOrder(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<PurchaseOrdersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('purchase_orders')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function addReceived(db: Db, lineId: number, qtyMilli: number): Promise<void> {
  await db
    .updateTable('purchase_order_lines')
    .set((eb) => ({ received_milli: eb('received_milli', '+', qtyMilli) }))
    .where('id', '=', lineId)
    .execute();
}

/** The part's cost as last known becomes the price it was just bought at (the master's edit form sees a new version). */
export async function setPartCost(db: Db, partId: number, costFen: number, at: string): Promise<void> {
  await db
    .updateTable('parts')
    .set((eb) => ({ cost_fen: costFen, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', partId)
    .where('cost_fen', '!=', costFen)
    .execute();
}

/**
 * Open RO lines of these parts still to order with no expected date get the order's: returns the ROs touched, so
 * their desks can be told.
 */
export async function setExpectedWhereUnknown(db: Db, partIds: number[], expectedAt: string, at: string): Promise<number[]> {
  if (partIds.length === 0) return [];
  const rows = await db
    .updateTable('part_reservations')
    .set((eb) => ({ expected_at: expectedAt, updated_at: at, version: eb('version', '+', 1) }))
    .where('part_id', 'in', partIds)
    .where('status', '=', 'open')
    .where('to_order_milli', '>', 0)
    .where('expected_at', 'is', null)
    .returning('repair_order_id')
    .execute();
  return [...new Set(rows.map((row) => row.repair_order_id))];
}

const PO_SORT = {
  number: 'o.number',
  status: 'o.status',
  supplierName: 's.name',
  createdAt: 'o.created_at',
  orderedAt: 'o.ordered_at',
  expectedAt: 'o.expected_at',
} as const;

export function purchaseOrderGrid(db: Db, request: GridInput<PoGridColumn>) {
  const limit = request.endRow - request.startRow;
  let query = db
    .selectFrom('purchase_orders as o')
    .innerJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select([
      'o.id',
      'o.number',
      'o.status',
      's.name as supplier_name',
      'o.created_at',
      'o.ordered_at',
      'o.expected_at',
      sql<number>`(select count(*) from purchase_order_lines l where l.purchase_order_id = o.id)`.as('line_count'),
      sql<number>`(select coalesce(sum((l.qty_milli * l.unit_cost_fen + 500) / 1000), 0)
        from purchase_order_lines l where l.purchase_order_id = o.id)`.as('total_fen'),
    ]);
  for (const [column, filter] of Object.entries(request.filterModel)) {
    if (!filter) continue;
    const text = filter.filter.trim();
    if (!text) continue;
    const pattern =
      filter.type === 'equals'
        ? likeEscape(text)
        : filter.type === 'startsWith'
          ? `${likeEscape(text)}%`
          : `%${likeEscape(text)}%`;
    // Typed text, not a PurchaseOrderStatus: one that names no status matches nothing.
    if (column === 'status') query = query.where(sql<boolean>`o.status = ${text}`);
    else if (column === 'number') query = query.where(sql<boolean>`o.number LIKE ${pattern.toUpperCase()} ESCAPE '\\'`);
    else if (column === 'supplierName') query = query.where(sql<boolean>`s.name LIKE ${pattern} ESCAPE '\\'`);
  }
  for (const sort of request.sortModel) query = query.orderBy(PO_SORT[sort.colId], sort.sort);
  return query
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit + 1)
    .offset(request.startRow)
    .execute();
}

// --- arrival notices ---

/** Unseen notices, newest first: one advisor's, or everyone's (advisorId null). */
export function unseenNotices(db: Db, advisorId: number | null) {
  let query = db
    .selectFrom('part_arrival_notices as n')
    .innerJoin('repair_orders as ro', 'ro.id', 'n.repair_order_id')
    .innerJoin('parts as p', 'p.id', 'n.part_id')
    .innerJoin('users as u', 'u.id', 'n.advisor_id')
    .select([
      'n.id',
      'n.repair_order_id',
      'ro.number',
      'u.display_name',
      'p.part_number',
      'p.name_zh',
      'p.name_en',
      'n.qty_milli',
      'n.created_at',
    ])
    .where('n.seen_at', 'is', null);
  if (advisorId !== null) query = query.where('n.advisor_id', '=', advisorId);
  return query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(200).execute();
}

export async function markSeen(
  db: Db,
  ids: number[],
  advisorId: number | null,
  at: string,
): Promise<{ marked: number; repairOrderIds: number[] }> {
  let query = db.updateTable('part_arrival_notices').set({ seen_at: at }).where('id', 'in', ids).where('seen_at', 'is', null);
  if (advisorId !== null) query = query.where('advisor_id', '=', advisorId);
  const rows = await query.returning('repair_order_id').execute();
  return { marked: rows.length, repairOrderIds: [...new Set(rows.map((row) => row.repair_order_id))] };
}

export async function repairOrderNumbers(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('repair_orders')
    .select(['id', 'number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.number]));
}
