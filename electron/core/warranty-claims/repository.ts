import { sql, type Insertable, type Updateable } from 'kysely';
import type { ClaimStatus } from '../../../shared/domain/warranty-claims';
import type { Db } from '../db/connection';
import type { WarrantyClaimsTable } from '../db/schema';

/** Row reads and writes of warranty claims; the rules are the service's (shared/domain/warranty-claims.ts). */

export function findClaim(db: Db, id: number) {
  return db
    .selectFrom('warranty_claims as c')
    .innerJoin('repair_orders as r', 'r.id', 'c.repair_order_id')
    .innerJoin('vehicles as v', 'v.id', 'r.vehicle_id')
    .leftJoin('repair_order_deliveries as d', 'd.repair_order_id', 'r.id')
    .leftJoin('warranty_claim_batches as b', 'b.id', 'c.batch_id')
    .leftJoin('users as a', 'a.id', 'c.write_off_approved_by')
    .selectAll('c')
    .select([
      'r.number as ro_number',
      'r.mileage_in_km',
      'v.plate',
      'v.vin',
      'd.delivered_at',
      'd.mileage_out_km',
      'b.number as batch_number',
      'a.display_name as approver_name',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

export function findClaimByNumber(db: Db, number: string) {
  return db.selectFrom('warranty_claims').selectAll().where('number', '=', number).executeTakeFirst();
}

export function claimParts(db: Db, claimId: number) {
  // The tag now on the part: the one tagged from its line, else one typed for the job with its part number.
  return db
    .selectFrom('warranty_claim_parts as p')
    .innerJoin('warranty_claims as c', 'c.id', 'p.claim_id')
    .selectAll('p')
    .select(
      sql<string | null>`coalesce(p.old_part_tag,
        (SELECT o.tag_number FROM warranty_old_parts o WHERE o.line_id = p.line_id LIMIT 1),
        (SELECT o.tag_number FROM warranty_old_parts o
          WHERE o.repair_order_id = c.repair_order_id AND o.job_id = c.job_id AND o.line_id IS NULL
            AND o.part_number = p.part_number LIMIT 1))`.as('tag'),
    )
    .where('p.claim_id', '=', claimId)
    .orderBy('p.id')
    .execute();
}

export function claimEvents(db: Db, claimId: number) {
  return db
    .selectFrom('warranty_claim_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.from_status', 'e.to_status', 'e.actor_id', 'u.display_name', 'e.at', 'e.note'])
    .where('e.claim_id', '=', claimId)
    .orderBy('e.id')
    .execute();
}

/** The approved warranty jobs of an RO that have no claim yet. */
export function unclaimedWarrantyJobs(db: Db, repairOrderId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .select(['j.id', 'j.repair_order_id', 'j.concern', 'j.cause', 'j.correction', 'j.payer', 'j.authorization_state'])
    .where('j.repair_order_id', '=', repairOrderId)
    .where(sql<boolean>`j.payer = 'warranty'`)
    .where('j.authorization_state', '=', 'approved')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('warranty_claims as c').select('c.id').whereRef('c.job_id', '=', 'j.id'))),
    )
    .orderBy('j.position')
    .execute();
}

export function findJob(db: Db, jobId: number) {
  return db
    .selectFrom('repair_order_jobs as j')
    .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
    .select(['j.id', 'j.repair_order_id', 'j.payer', 'j.authorization_state', 'r.status as ro_status'])
    .where('j.id', '=', jobId)
    .executeTakeFirst();
}

export function jobLines(db: Db, jobId: number) {
  return db
    .selectFrom('repair_order_lines')
    .select(['id', 'kind', 'code', 'name_zh', 'qty_milli', 'total_fen'])
    .where('job_id', '=', jobId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function insertClaim(db: Db, row: Insertable<WarrantyClaimsTable>): Promise<number> {
  const result = await db.insertInto('warranty_claims').values(row).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function insertParts(
  db: Db,
  rows: {
    claim_id: number;
    line_id: number | null;
    part_number: string;
    name_zh: string;
    qty_milli: number;
    amount_fen: number;
  }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('warranty_claim_parts').values(rows).execute();
}

export async function insertEvent(
  db: Db,
  row: {
    claim_id: number;
    from_status: ClaimStatus | null;
    to_status: ClaimStatus;
    actor_id: number | null;
    at: string;
    note: string;
  },
): Promise<void> {
  await db.insertInto('warranty_claim_events').values(row).execute();
}

/** Writes `set` when the claim is still at `version` (optimistic concurrency); false when someone wrote first. */
export async function updateClaim(
  db: Db,
  id: number,
  version: number,
  set: Updateable<WarrantyClaimsTable>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('warranty_claims')
    .set({ ...set, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPartAmount(db: Db, claimId: number, partId: number, amountFen: number): Promise<boolean> {
  const result = await db
    .updateTable('warranty_claim_parts')
    .set({ amount_fen: amountFen })
    .where('id', '=', partId)
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function partsTotal(db: Db, claimId: number): Promise<number> {
  const row = await db
    .selectFrom('warranty_claim_parts')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('fen'))
    .where('claim_id', '=', claimId)
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

/** Keeps the tags found at submission on the parts: what went to the OEM stays on the claim. */
export async function fixPartTags(db: Db, tags: { id: number; tag: string | null }[]): Promise<void> {
  for (const { id, tag } of tags) {
    if (tag !== null) await db.updateTable('warranty_claim_parts').set({ old_part_tag: tag }).where('id', '=', id).execute();
  }
}
