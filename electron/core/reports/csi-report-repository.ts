import { sql } from 'kysely';
import type { Db } from '../db/connection';
import type { PeriodBounds } from '../followup/survey-repository';

/** Surveys answered in the period with at least one free-text answer (the verbatims the report counts). */
export async function verbatimCount(db: Db, period: PeriodBounds): Promise<number> {
  const row = await db
    .selectFrom('survey_responses as s')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.answered_at', '>=', period.from)
    .where('s.answered_at', '<', period.before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_answers as a')
          .select(sql`1`.as('one'))
          .whereRef('a.response_id', '=', 's.id')
          .where('a.value_text', 'is not', null),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Created before the period ends and not closed before it starts: created in the month or open at some time in it. */
function monthComplaints(db: Db, period: PeriodBounds) {
  return db
    .selectFrom('complaints as c')
    .where('c.created_at', '<', period.before)
    .where((eb) => eb.or([eb('c.closed_at', 'is', null), eb('c.closed_at', '>=', period.from)]));
}

export async function complaintCount(db: Db, period: PeriodBounds): Promise<number> {
  const row = await monthComplaints(db, period)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of the month's complaints: drafts and open ones first, then newest first (one row more than asked). */
export function complaintPage(db: Db, period: PeriodBounds, offset: number, limit: number) {
  return monthComplaints(db, period)
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('repair_orders as ro', 'ro.id', 'c.repair_order_id')
    .select([
      'c.id',
      'c.number',
      'c.level',
      'c.status',
      'c.customer_says',
      'c.created_at',
      'c.response_due_at',
      'c.first_response_at',
      'c.closed_at',
      'cu.name as customer_name',
      'ro.number as repair_order_number',
    ])
    .orderBy(sql`CASE WHEN c.status IN ('draft', 'open') THEN 0 ELSE 1 END`)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}
