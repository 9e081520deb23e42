import { sql, type Insertable } from 'kysely';
import type { OldPartStatus, OldPartView } from '../../../../shared/contract/parts/old-parts';
import type { Db } from '../../db/connection';
import { likeEscape } from '../../db/prefix';
import type { WarrantyOldPartsTable } from '../../db/schema';

/** The job with its RO, for the warranty check. */
export function findJob(db: Db, repairOrderId: number, jobId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .select(['j.id', 'j.payer', 'r.id as repair_order_id', 'r.status'])
    .where('j.id', '=', jobId)
    .where('j.repair_order_id', '=', repairOrderId)
    .executeTakeFirst();
}

export function findPartLine(db: Db, jobId: number, lineId: number) {
  return db
    .selectFrom('repair_order_lines')
    .select(['id', 'code', 'name_zh', 'qty_milli'])
    .where('id', '=', lineId)
    .where('job_id', '=', jobId)
    .where('kind', '=', 'part')
    .executeTakeFirst();
}

export function findTagOfLine(db: Db, lineId: number) {
  return db.selectFrom('warranty_old_parts').select(['id', 'tag_number']).where('line_id', '=', lineId).executeTakeFirst();
}

export function findPartIdByNumber(db: Db, partNumber: string) {
  return db.selectFrom('parts').select('id').where('part_number', '=', partNumber).executeTakeFirst();
}

export async function insertOldPart(db: Db, row: Omit<Insertable<WarrantyOldPartsTable>, 'id'>): Promise<number> {
  const result = await db.insertInto('warranty_old_parts').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

function selectOldParts(db: Db) {
  return db
    .selectFrom('warranty_old_parts as o')
    .innerJoin('repair_orders as r', 'r.id', 'o.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .selectAll('o')
    .select(['r.number as ro_number', 'v.plate']);
}

export function findOldPart(db: Db, id: number) {
  return selectOldParts(db).where('o.id', '=', id).executeTakeFirst();
}

export type OldPartRow = NonNullable<Awaited<ReturnType<typeof findOldPart>>>;

/**
 * One page of old parts, oldest first (what has waited longest is chased first) or newest first. One status walks its
 * (status, created_at) index, everything walks the created_at index; what is still held is the shelf, a few hundred.
 */
export function listOldParts(
  db: Db,
  options: { view: OldPartView; text: string; offset: number; limit: number; direction: 'asc' | 'desc' },
) {
  let query = selectOldParts(db);
  if (options.view === 'stillHeld') query = query.where('o.status', 'in', ['held', 'claim_settled']);
  else if (options.view !== 'all') query = query.where('o.status', '=', options.view);
  if (options.text) {
    const pattern = `%${likeEscape(options.text)}%`;
    const compact = `%${likeEscape(options.text.toUpperCase().replace(/[\s-]/g, ''))}%`;
    query = query.where(
      sql<boolean>`(o.tag_number LIKE ${pattern} ESCAPE '\\' OR r.number LIKE ${pattern} ESCAPE '\\'
        OR v.plate LIKE ${pattern} ESCAPE '\\' OR o.part_number LIKE ${compact} ESCAPE '\\'
        OR o.claim_number LIKE ${pattern} ESCAPE '\\' OR o.name_zh LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  return query
    .orderBy('o.created_at', options.direction)
    .orderBy('o.id', options.direction)
    .offset(options.offset)
    .limit(options.limit + 1)
    .execute();
}

/** Changes an old part if nobody saved since `version` and it is still in status `from`; returns whether it did. */
export async function updateOldPart(
  db: Db,
  id: number,
  version: number,
  from: OldPartStatus,
  set: Partial<Omit<WarrantyOldPartsTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('warranty_old_parts')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Part lines of warranty jobs on ROs not cancelled that no old part was tagged from: lines issued from stock first
 * (the failed part is off the car), then the oldest.
 */
export function untaggedWarrantyLines(db: Db, options: { offset: number; limit: number }) {
  // From the warranty jobs (their partial index) to their lines: CROSS JOIN keeps that order, where SQLite would
  // otherwise walk every part line ever written.
  return (
    db
      .selectFrom('repair_order_jobs as j')
      .crossJoin('repair_order_lines as l')
      .innerJoin('repair_orders as r', 'r.id', 'l.repair_order_id')
      .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
      .leftJoin('part_reservations as pr', 'pr.line_id', 'l.id')
      .select([
        'r.id as repair_order_id',
        'r.number as ro_number',
        'v.plate',
        'j.id as job_id',
        'j.concern',
        'l.id as line_id',
        'l.code',
        'l.name_zh',
        'l.qty_milli',
        'l.created_at',
        sql<number>`coalesce(pr.issued_milli, 0)`.as('issued_milli'),
      ])
      .whereRef('l.job_id', '=', 'j.id')
      .where('l.kind', '=', 'part')
      // A literal, so the partial index of warranty jobs serves it.
      .where(sql<boolean>`j.payer = 'warranty'`)
      .where('r.status', '<>', 'cancelled')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('warranty_old_parts as o').select('o.id').whereRef('o.line_id', '=', 'l.id'))),
      )
      .orderBy(sql`CASE WHEN coalesce(pr.issued_milli, 0) > 0 THEN 0 ELSE 1 END`)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .offset(options.offset)
      .limit(options.limit + 1)
      .execute()
  );
}
