import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../db/connection';
import type { ComplaintsTable } from '../db/schema';
import {
  NOT_COUNTED_STATUSES,
  type ComplaintLevel,
  type ComplaintSource,
  type ComplaintStatus,
  type ComplaintStep,
} from '../../../shared/domain/complaints';

export { nextDocumentNumber } from '../parts/ledger-repository';

export function findCustomer(db: Db, id: number) {
  return db.selectFrom('customers').select(['id', 'merged_into_id']).where('id', '=', id).executeTakeFirst();
}

export function findVehicle(db: Db, id: number) {
  return db.selectFrom('vehicles').select(['id']).where('id', '=', id).executeTakeFirst();
}

export function findRepairOrder(db: Db, id: number) {
  return db
    .selectFrom('repair_orders')
    .select(['id', 'customer_id', 'vehicle_id', 'advisor_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUser(db: Db, id: number) {
  return db.selectFrom('users').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function insertComplaint(db: Db, row: Insertable<ComplaintsTable>): Promise<number> {
  const result = await db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow();
  return result.id;
}

/** Writes a step's changes if nobody saved since `version` read; false when the version moved on. */
export async function updateComplaint(
  db: Db,
  id: number,
  version: number,
  changes: Updateable<ComplaintsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('complaints')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStep(
  db: Db,
  row: { complaint_id: number; step: ComplaintStep | 'dismiss'; data: string; by_user_id: number; at: string },
): Promise<void> {
  await db.insertInto('complaint_steps').values(row).execute();
}

/** Overdue against `now`: open, no first response, past the due time (kept in the row: created + target). */
export function overdueExpr(now: string) {
  return sql<SqlBool>`(c.status = 'open' AND c.first_response_at IS NULL AND c.response_due_at < ${now})`;
}

export function listQuery(db: Db, now: string) {
  return db
    .selectFrom('complaints as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('users as creator', 'creator.id', 'c.created_by')
    .leftJoin('vehicles as v', 'v.id', 'c.vehicle_id')
    .leftJoin('repair_orders as ro', 'ro.id', 'c.repair_order_id')
    .leftJoin('users as against', 'against.id', 'c.against_user_id')
    .leftJoin('users as resp', 'resp.id', 'c.responsible_user_id')
    .leftJoin('users as approver', 'approver.id', 'c.approved_by')
    .selectAll('c')
    .select([
      'cu.name as customer_name',
      'creator.display_name as creator_name',
      'v.plate',
      'ro.number as repair_order_number',
      'against.display_name as against_name',
      'resp.display_name as responsible_name',
      'approver.display_name as approver_name',
      overdueExpr(now).as('is_overdue'),
    ]);
}

export type ComplaintRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

export function findComplaint(db: Db, id: number, now: string) {
  return listQuery(db, now).where('c.id', '=', id).executeTakeFirst();
}

/** The list, paged in SQL: drafts first, then open, overdue first, then newest first. */
export function listComplaints(
  db: Db,
  args: {
    now: string;
    status?: ComplaintStatus;
    level?: ComplaintLevel;
    source?: ComplaintSource;
    overdue?: boolean;
    createdFrom?: string;
    createdBefore?: string;
    offset: number;
    limit: number;
  },
) {
  let query = listQuery(db, args.now);
  if (args.status) query = query.where('c.status', '=', args.status);
  if (args.level) query = query.where('c.level', '=', args.level);
  if (args.source) query = query.where('c.source', '=', args.source);
  if (args.overdue === true) query = query.where(overdueExpr(args.now));
  if (args.overdue === false) query = query.where(sql<SqlBool>`NOT ${overdueExpr(args.now)}`);
  if (args.createdFrom) query = query.where('c.created_at', '>=', args.createdFrom);
  if (args.createdBefore) query = query.where('c.created_at', '<', args.createdBefore);
  return query
    .orderBy(sql`CASE c.status WHEN 'draft' THEN 0 WHEN 'open' THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE WHEN ${overdueExpr(args.now)} THEN 0 ELSE 1 END`)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(args.offset)
    .limit(args.limit + 1)
    .execute();
}

export function findSteps(db: Db, complaintId: number) {
  return db
    .selectFrom('complaint_steps as s')
    .innerJoin('users as u', 'u.id', 's.by_user_id')
    .select(['s.id', 's.step', 's.data', 's.by_user_id', 's.at', 'u.display_name'])
    .where('s.complaint_id', '=', complaintId)
    .orderBy('s.id')
    .execute();
}

/**
 * The counts of the two-week closure rate (shared/domain/complaints.ts closureState, in SQL): complaints created at or
 * before `asOf` (and in the creation range when given), not judged invalid.
 */
export async function closureCounts(
  db: Db,
  args: { asOf: string; twoWeeksBefore: string; createdFrom?: string; createdBefore?: string },
): Promise<{ closed: number; openOver: number; openUnder: number }> {
  const closedAsOf = sql<SqlBool>`(c.status = 'closed' AND c.closed_at <= ${args.asOf})`;
  let query = db
    .selectFrom('complaints as c')
    .select([
      sql<number>`coalesce(sum(CASE WHEN ${closedAsOf} THEN 1 ELSE 0 END), 0)`.as('closed'),
      sql<number>`coalesce(sum(CASE WHEN NOT ${closedAsOf} AND c.created_at < ${args.twoWeeksBefore} THEN 1 ELSE 0 END), 0)`.as(
        'open_over',
      ),
      sql<number>`coalesce(sum(CASE WHEN NOT ${closedAsOf} AND c.created_at >= ${args.twoWeeksBefore} THEN 1 ELSE 0 END), 0)`.as(
        'open_under',
      ),
    ])
    .where('c.created_at', '<=', args.asOf)
    .where('c.status', 'not in', [...NOT_COUNTED_STATUSES]);
  if (args.createdFrom) query = query.where('c.created_at', '>=', args.createdFrom);
  if (args.createdBefore) query = query.where('c.created_at', '<', args.createdBefore);
  const row = await query.executeTakeFirstOrThrow();
  return { closed: Number(row.closed), openOver: Number(row.open_over), openUnder: Number(row.open_under) };
}

/** The active users, by name: whom a complaint may name. */
export function activeUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

/** What a draft takes from a survey response: its RO, customer, vehicle and advisor. */
export function surveyResponseForDraft(db: Db, responseId: number) {
  return db
    .selectFrom('survey_responses as s')
    .innerJoin('repair_orders as r', 'r.id', 's.repair_order_id')
    .select(['s.id', 's.customer_id', 's.advisor_id', 's.repair_order_id', 'r.vehicle_id'])
    .where('s.id', '=', responseId)
    .executeTakeFirst();
}

/** The response's answers with their questions, in question order. */
export function surveyAnswersForDraft(db: Db, responseId: number) {
  return db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['q.position', 'q.text_zh', 'a.scale', 'a.factor', 'a.value_int', 'a.value_text'])
    .where('a.response_id', '=', responseId)
    .orderBy('q.position')
    .execute();
}

/** The technicians kept with the response (those of its RO's jobs when it was answered). */
export async function surveyTechnicians(db: Db, responseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('survey_response_technicians')
    .select('technician_id')
    .where('response_id', '=', responseId)
    .orderBy('technician_id')
    .execute();
  return rows.map((row) => row.technician_id);
}
