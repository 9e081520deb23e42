import { sql, type Kysely } from 'kysely';
import type { Backfill } from '../types';
import { deskDay } from './sql';
import { type Range, upsertFacts, ALL_DAY_SUMS, backWithinSix, SUMMARY_TRIGGERS, summaryTriggers } from './repair-orders';
import { upsertLinks } from './comeback-links';
import { clockedMs } from './appointments-clockings';
import { CSI_SUMS, CSI_COLUMNS, FACTOR_SUMS, isFactor } from './surveys';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- backfill: the facts already on file, in chunks of rows by id; sums add up across chunks ----

/**
 * In order: the ROs' facts rows with their day sums and vehicle months (by RO id); the vehicles' next months and the
 * visit months (by vehicle id); appointments; clockings; surveys by advisor and technician (by response id); comeback
 * links; then the survey totals from the advisor rows (one pass) and the summary triggers.
 */
const PHASES = [
  // About a second a chunk on a ten-year file; fewer, bigger chunks commit less often.
  { key: 'ro', table: 'repair_orders', chunk: 25_000 },
  { key: 'vm', table: 'vehicles', chunk: 50_000 },
  { key: 'ap', table: 'appointments', chunk: 100_000 },
  { key: 'ck', table: 'job_clockings', chunk: 100_000 },
  { key: 'sv', table: 'survey_responses', chunk: 50_000 },
  { key: 'cb', table: 'comebacks', chunk: 50_000 },
] as const;
type Phase = (typeof PHASES)[number];

/** The facts rows of RO ids after..upTo, summed into the days and the vehicle months. */
async function fillRepairOrders(db: Kysely<unknown>, after: number, upTo: number): Promise<void> {
  const range: Range = (column) => sql`${column} > ${after} AND ${column} <= ${upTo}`;
  await upsertFacts(range).execute(db);
  await sql`INSERT INTO report_ro_days (day, advisor_id, opened, from_appointment, delivered, on_time, total_fen,
      sold_milli, approved_jobs, technician_sold_milli)
    SELECT opened_day, advisor_id, count(*), sum(from_appointment), 0, 0, 0, 0, 0, 0 FROM report_ro_facts
    WHERE ${range(sql`repair_order_id`)} AND opened_day IS NOT NULL GROUP BY opened_day, advisor_id
    ON CONFLICT (day, advisor_id) DO UPDATE SET ${ALL_DAY_SUMS}`.execute(db);
  await sql`INSERT INTO report_ro_days (day, advisor_id, opened, from_appointment, delivered, on_time, total_fen,
      sold_milli, approved_jobs, technician_sold_milli)
    SELECT delivered_day, advisor_id, 0, 0, count(*), sum(on_time), sum(total_fen), sum(sold_milli), sum(approved_jobs),
      sum(technician_sold_milli) FROM report_ro_facts
    WHERE ${range(sql`repair_order_id`)} AND delivered_day IS NOT NULL GROUP BY delivered_day, advisor_id
    ON CONFLICT (day, advisor_id) DO UPDATE SET ${ALL_DAY_SUMS}`.execute(db);
  await sql`INSERT INTO report_vehicle_months (vehicle_id, month, visits, next_month)
    SELECT vehicle_id, substr(opened_day, 1, 7) AS month, count(*), NULL FROM report_ro_facts
    WHERE ${range(sql`repair_order_id`)} AND opened_day IS NOT NULL GROUP BY vehicle_id, month
    ON CONFLICT (vehicle_id, month) DO UPDATE SET visits = visits + excluded.visits`.execute(db);
}

/** Each vehicle month of vehicle ids after..upTo learns the vehicle's next month; then the visit months add them up. */
async function fillVehicleMonths(db: Kysely<unknown>, after: number, upTo: number): Promise<void> {
  await sql`UPDATE report_vehicle_months SET next_month = (SELECT min(z.month) FROM report_vehicle_months z
      WHERE z.vehicle_id = report_vehicle_months.vehicle_id AND z.month > report_vehicle_months.month)
    WHERE vehicle_id > ${after} AND vehicle_id <= ${upTo}`.execute(db);
  await sql`INSERT INTO report_visit_months (month, vehicles, returned)
    SELECT m.month, count(*), sum(${backWithinSix(sql`m`)}) FROM report_vehicle_months m
    WHERE m.vehicle_id > ${after} AND m.vehicle_id <= ${upTo} GROUP BY m.month
    ON CONFLICT (month) DO UPDATE SET vehicles = vehicles + excluded.vehicles, returned = returned + excluded.returned`.execute(
    db,
  );
}

/** Scratch tables of one survey chunk (temp: in memory for the upgrade, gone with the connection). */
const RESPONSES = sql.table('temp.backfill_0025_responses');
const FACTORS = sql.table('temp.backfill_0025_factors');

/**
 * Surveys of response ids after..upTo, by advisor and by technician (the totals come from the advisor rows at the
 * end): each response's counts, and its factors' counts, are staged once per chunk and then summed per day and
 * person for each kind (reading the answers once, not once per kind).
 */
async function fillSurveys(db: Kysely<unknown>, after: number, upTo: number): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS backfill_0025_responses (id INTEGER PRIMARY KEY, day TEXT, advisor_id INTEGER,
    template_id INTEGER, dissatisfied INTEGER, answers INTEGER, recommend INTEGER, promoters INTEGER, detractors INTEGER,
    has_factor INTEGER, has_text INTEGER)`.execute(db);
  await sql`CREATE TEMP TABLE IF NOT EXISTS backfill_0025_factors (id INTEGER NOT NULL, day TEXT, advisor_id INTEGER,
    template_id INTEGER, factor TEXT, answers INTEGER, value_sum INTEGER, PRIMARY KEY (id, factor))`.execute(db);
  await sql`DELETE FROM ${RESPONSES}`.execute(db);
  await sql`DELETE FROM ${FACTORS}`.execute(db);
  await sql`INSERT INTO ${RESPONSES}
    SELECT s.id, ${deskDay(sql`s.answered_at`)} AS day, s.advisor_id, s.template_id, s.dissatisfied,
      count(a.id) AS answers,
      count(CASE WHEN a.scale = 'recommend_0_10' THEN a.id END) AS recommend,
      count(CASE WHEN a.scale = 'recommend_0_10' AND a.value_int >= 9 THEN a.id END) AS promoters,
      count(CASE WHEN a.scale = 'recommend_0_10' AND a.value_int <= 6 THEN a.id END) AS detractors,
      coalesce(max(${isFactor(sql`a`)}), 0) AS has_factor,
      coalesce(max(a.value_text IS NOT NULL), 0) AS has_text
    FROM survey_responses s LEFT JOIN survey_answers a ON a.response_id = s.id
    WHERE s.id > ${after} AND s.id <= ${upTo}
    GROUP BY s.id`.execute(db);
  // One row per response and factor: counting rows per group counts responses (a response's factor is counted once).
  // value_sum stays null when no answer has a value, as sum() does, so the totals below equal a sum over answers.
  await sql`INSERT INTO ${FACTORS}
    SELECT s.id, ${deskDay(sql`s.answered_at`)}, s.advisor_id, s.template_id, a.factor, count(*), sum(a.value_int)
    FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
    WHERE s.id > ${after} AND s.id <= ${upTo} AND ${isFactor(sql`a`)}
    GROUP BY s.id, a.factor`.execute(db);
  const people = [
    { kind: sql`'advisor'`, person: sql`r.advisor_id`, join: sql`` },
    {
      kind: sql`'technician'`,
      person: sql`rt.technician_id`,
      join: sql`JOIN survey_response_technicians rt ON rt.response_id = r.id`,
    },
  ];
  for (const { kind, person, join } of people) {
    await sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
      SELECT ${kind}, r.day, ${person} AS person, r.template_id, count(*), sum(r.has_factor), sum(r.dissatisfied), sum(r.answers),
        sum(r.recommend), sum(r.promoters), sum(r.detractors), sum(r.has_text)
      FROM ${RESPONSES} r ${join}
      WHERE 1
      GROUP BY r.day, person, r.template_id
      ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`.execute(db);
    await sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
      SELECT ${kind}, r.day, ${person} AS person, r.template_id, r.factor, sum(r.answers), coalesce(sum(r.value_sum), 0), count(*)
      FROM ${FACTORS} r ${join}
      WHERE 1
      GROUP BY r.day, person, r.template_id, r.factor
      ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`.execute(db);
  }
}

/** The survey totals: every response counts under exactly one advisor, so the advisor rows summed are the totals. */
async function fillSurveyTotals(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
    SELECT 'all', day, 0, template_id, sum(responses), sum(csi_responses), sum(dissatisfied), sum(answers), sum(recommend),
      sum(promoters), sum(detractors), sum(verbatims)
    FROM report_csi_days WHERE kind = 'advisor' GROUP BY day, template_id
    ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`.execute(db);
  await sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
    SELECT 'all', day, 0, template_id, factor, sum(answers), sum(value_sum), sum(responses)
    FROM report_csi_factor_days WHERE kind = 'advisor' GROUP BY day, template_id, factor
    ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`.execute(db);
}

async function fillChunk(db: Kysely<unknown>, phase: Phase, after: number, upTo: number): Promise<void> {
  switch (phase.key) {
    case 'ro':
      return fillRepairOrders(db, after, upTo);
    case 'vm':
      return fillVehicleMonths(db, after, upTo);
    case 'ap':
      await sql`INSERT INTO report_appointment_days (day, advisor_id, booked, arrived)
        SELECT ${deskDay(sql`starts_at`)} AS day, advisor_id, count(*), sum(arrived_at IS NOT NULL)
        FROM appointments WHERE id > ${after} AND id <= ${upTo} AND status <> 'cancelled'
        GROUP BY day, advisor_id
        ON CONFLICT (day, advisor_id) DO UPDATE SET booked = booked + excluded.booked, arrived = arrived + excluded.arrived`.execute(
        db,
      );
      return;
    case 'ck':
      await sql`INSERT INTO report_clocking_days (day, technician_id, clocked_ms)
        SELECT ${deskDay(sql`k.started_at`)} AS day, k.technician_id, sum(${clockedMs(sql`k`)})
        FROM job_clockings k WHERE k.id > ${after} AND k.id <= ${upTo} AND k.ended_at IS NOT NULL
        GROUP BY day, k.technician_id
        ON CONFLICT (day, technician_id) DO UPDATE SET clocked_ms = clocked_ms + excluded.clocked_ms`.execute(db);
      return;
    case 'sv':
      return fillSurveys(db, after, upTo);
    case 'cb':
      await upsertLinks(sql`c.id > ${after} AND c.id <= ${upTo}`).execute(db);
      return;
  }
}

/** The id that ends the chunk after `after` (at most `chunk` rows on), or null when no row is left. */
async function chunkEnd(db: Kysely<unknown>, phase: Phase, after: number): Promise<number | null> {
  const table = sql.table(phase.table);
  const rows = await sql<{
    id: number | null;
  }>`SELECT max(id) AS id FROM (SELECT id FROM ${table} WHERE id > ${after} ORDER BY id LIMIT ${phase.chunk})`.execute(db);
  return rows.rows[0]?.id ?? null;
}

export const backfill: Backfill = {
  async total(db) {
    const counts = await Promise.all(
      PHASES.map((phase) => sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(phase.table)}`.execute(db)),
    );
    return counts.reduce((sum, result) => sum + Number(result.rows[0]!.n), 0);
  },
  /** Cursor `<phase>:<last id done>`, the phases in PHASES order; `end:0` once they are all done. */
  async step(db, cursor) {
    if (cursor === null) for (const name of SUMMARY_TRIGGERS) await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
    if (cursor === 'end:0') {
      await fillSurveyTotals(db);
      for (const trigger of summaryTriggers()) await trigger.execute(db);
      await sql`DROP TABLE IF EXISTS ${RESPONSES}`.execute(db);
      await sql`DROP TABLE IF EXISTS ${FACTORS}`.execute(db);
      return null;
    }
    let index = cursor === null ? 0 : PHASES.findIndex((phase) => cursor.startsWith(`${phase.key}:`));
    let after = cursor === null ? 0 : Number(cursor.slice(cursor.indexOf(':') + 1));
    if (index < 0) throw new Error(`report summaries: unknown backfill cursor ${cursor}`);
    for (; index < PHASES.length; index++, after = 0) {
      const phase = PHASES[index]!;
      const upTo = await chunkEnd(db, phase, after);
      if (upTo === null) continue;
      await fillChunk(db, phase, after, upTo);
      const done = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM ${sql.table(phase.table)} WHERE id > ${after} AND id <= ${upTo}`.execute(db);
      return { cursor: `${phase.key}:${upTo}`, done: Number(done.rows[0]!.n) };
    }
    return { cursor: 'end:0', done: 0 };
  },
};
