import { sql } from 'kysely';
import type { Insertable, Selectable } from 'kysely';
import type { CampaignGridColumn } from '../../../shared/contract/campaigns';
import type { GridInput } from '../../../shared/contract/paging';
import type { Db } from '../db/connection';
import type { CampaignsTable } from '../db/schema';
import { likeEscape, prefixUpperBound } from '../db/prefix';

// Campaigns, their affected VINs and the RO jobs carrying them (migration 0040).

export type CampaignRecord = Selectable<CampaignsTable>;

export function findCampaign(db: Db, id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCampaignByCode(db: Db, code: string) {
  return db.selectFrom('campaigns').select('id').where('code', '=', code).executeTakeFirst();
}

export async function insertCampaign(db: Db, row: Insertable<CampaignsTable>): Promise<number> {
  const inserted = await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function finishImport(db: Db, id: number, counts: { affected_count: number; refused_count: number }): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({ status: 'active', ...counts })
    .where('id', '=', id)
    .execute();
}

export async function deleteCampaign(db: Db, id: number): Promise<void> {
  await db.deleteFrom('campaigns').where('id', '=', id).execute();
}

/**
 * The campaigns open for a VIN on `day`: the partial index of rows not done (campaign_vehicles_open_vin) finds the
 * VIN's rows, each campaign read by its key. `on_ro_id` is an RO not yet delivered that already carries its job.
 */
export function openCampaignsOfVin(db: Db, vin: string, day: string) {
  return (
    db
      .selectFrom('campaign_vehicles as cv')
      // CROSS JOIN keeps the VIN's open rows first, each campaign read by its key: SQLite would otherwise walk every
      // campaign ever imported and probe (campaign_id, vin) for each.
      .crossJoin('campaigns as c')
      .whereRef('c.id', '=', 'cv.campaign_id')
      .select((eb) => [
        'cv.id as campaign_vehicle_id',
        'c.id',
        'c.code',
        'c.title',
        'c.kind',
        'c.mandatory',
        'c.labor_operation_id',
        'c.labor_hours_milli',
        'c.parts_json',
        eb
          .selectFrom('campaign_jobs as cj')
          .innerJoin('repair_order_jobs as j', 'j.id', 'cj.job_id')
          .innerJoin('repair_orders as r', 'r.id', 'j.repair_order_id')
          .select('r.id')
          .whereRef('cj.campaign_vehicle_id', '=', 'cv.id')
          .where('j.authorization_state', '<>', 'declined')
          .where('r.status', 'not in', ['delivered', 'closed', 'cancelled'])
          .limit(1)
          .as('on_ro_id'),
      ])
      .where('cv.vin', '=', vin)
      .where('cv.done_at', 'is', null)
      .where('c.status', '=', 'active')
      .where('c.starts_on', '<=', day)
      .where('c.ends_on', '>=', day)
      .orderBy('c.kind')
      .orderBy('c.code')
      .execute()
  );
}

export function vinOfVehicle(db: Db, vehicleId: number) {
  return db.selectFrom('vehicles').select('vin').where('id', '=', vehicleId).executeTakeFirst();
}

export async function insertCampaignJob(db: Db, jobId: number, campaignVehicleId: number): Promise<void> {
  await db.insertInto('campaign_jobs').values({ job_id: jobId, campaign_vehicle_id: campaignVehicleId }).execute();
}

/** A page of the campaign list; each sort ends in an index (campaigns_starts, the code's unique index). */
export function campaignPage(db: Db, input: GridInput<CampaignGridColumn>) {
  const sort = input.sortModel[0] ?? { colId: 'startsOn', sort: 'desc' as const };
  let query = db.selectFrom('campaigns').selectAll().where('status', '<>', 'importing');
  const code = input.filterModel.code;
  if (code) {
    const p = code.filter.trim().toUpperCase();
    // Campaigns are a few dozen a year: "contains" may read them all.
    if (code.type === 'contains') query = query.where(sql<boolean>`code LIKE ${`%${likeEscape(p)}%`} ESCAPE '\\'`);
    else if (code.type === 'equals') query = query.where('code', '=', p);
    else query = query.where('code', '>=', p).where('code', '<', prefixUpperBound(p));
  }
  query =
    sort.colId === 'code' ? query.orderBy('code', sort.sort) : query.orderBy('starts_on', sort.sort).orderBy('id', sort.sort);
  return query
    .limit(input.endRow - input.startRow + 1)
    .offset(input.startRow)
    .execute();
}

/** Cars done per desk month (a desk day is UTC + 8 hours, docs/architecture.md "Money and time"). */
export function doneByMonth(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_vehicles')
    .select((eb) => [sql<string>`substr(datetime(done_at, '+8 hours'), 1, 7)`.as('month'), eb.fn.countAll<number>().as('done')])
    .where('campaign_id', '=', campaignId)
    .where('done_at', 'is not', null)
    .groupBy('month')
    .orderBy('month')
    .execute();
}

export function laborOperation(db: Db, id: number) {
  return db
    .selectFrom('labor_operations')
    .select(['id', 'code', 'name_zh', 'name_en', 'active', 'labor_rate_fen', 'flat_rate_hours_milli'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The outstanding cars of a campaign found by VIN (a car registered after the import counts too) with their current
 * owner's live file: the rows a campaign call is written for (the caller adds the consent filter and the columns).
 */
export function outstandingOwners(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_vehicles as cv')
    .innerJoin('vehicles as v', 'v.vin', 'cv.vin')
    .innerJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'v.id').on('o.to_at', 'is', null))
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['c.id as customer_id', 'v.id as vehicle_id'])
    .where('cv.campaign_id', '=', campaignId)
    .where('cv.done_at', 'is', null)
    .where('c.merged_into_id', 'is', null)
    .where('c.erased_at', 'is', null);
}

/** How many outstanding cars a campaign has, how many are on file with an owner, and how many owners consent. */
export async function outstandingCounts(db: Db, campaignId: number) {
  const row = await db
    .selectFrom('campaign_vehicles as cv')
    .leftJoin('vehicles as v', 'v.vin', 'cv.vin')
    .leftJoin('vehicle_ownerships as o', (join) => join.onRef('o.vehicle_id', '=', 'v.id').on('o.to_at', 'is', null))
    .leftJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 'o.customer_id').on('c.merged_into_id', 'is', null).on('c.erased_at', 'is', null),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('outstanding'),
      eb.fn.count<number>('c.id').as('on_file'),
      eb.fn.sum<number>(sql`CASE WHEN c.consent_to_contact = 1 THEN 1 ELSE 0 END`).as('consenting'),
    ])
    .where('cv.campaign_id', '=', campaignId)
    .where('cv.done_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { outstanding: Number(row.outstanding), onFile: Number(row.on_file), consenting: Number(row.consenting ?? 0) };
}
