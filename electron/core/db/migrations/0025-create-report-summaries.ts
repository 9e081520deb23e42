import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backfill, Migration } from './types';

/**
 * Issue 13 (ten years of data): the summary rows the KPI dashboard, its trends and the monthly CSI report read.
 * Frozen once landed.
 *
 * Before, every figure of every month was aggregated from the facts (17 statements a month, 2.9 s for a 24-month
 * trend on a ten-year file). Now the facts are summed per desk day as they are written, and a period (any days, or
 * 24 months grouped by month) is one indexed range of a few thousand small rows:
 * - report_ro_facts: one row per RO, what the figures read of it (advisor, visit day unless cancelled, from an
 *   appointment, delivery, on time, totals of the jobs not declined, approved jobs, technicians' sold hours). It is
 *   recomputed whole from the facts whenever one of them changes, so it never drifts, and it keeps what each RO put
 *   into the sums below, so a change takes out exactly that and adds the new values.
 * - report_ro_days (desk day × advisor): ROs opened, of them from an appointment; ROs delivered, on time, total,
 *   flat-rate hours, approved jobs, technicians' sold hours.
 * - report_vehicle_months (vehicle × desk month with a visit, and the vehicle's next month with one), summed into
 *   report_visit_months (desk month: vehicles seen, of them back within 6 months): the lapsed rate of month N is the
 *   row of month N − 6.
 * - report_appointment_days (desk day of the slot × advisor): booked (not cancelled) and arrived.
 * - report_clocking_days (desk day the clocking started × technician): milliseconds of ended clockings.
 * - report_csi_days, report_csi_factor_days (kind 'all' | 'advisor' | 'technician' × desk day answered × person ×
 *   template version [× factor]): the counts and sums CSI and NPS are computed from (docs/domain.md "CSI, NPS and follow-up").
 * - report_comeback_links (one row per comeback): the delivery days of both ROs and what the comeback window is
 *   checked on, so first-time fix and the comeback rate of months read one index instead of three tables per link.
 * - report_complaints_closed: complaints by closing time, for those open at an instant or during a month.
 *
 * Why triggers: the summaries must change in the same transaction as the facts, and the facts are written by many
 * areas (repair orders, workshop, settlement, appointments, follow-up, comeback detection, the parts counter, the
 * privacy tools). SQLite triggers keep every one of those write paths as it is, cannot be forgotten by a new one, and
 * run inside the writer's own transaction. Each costs a few index look-ups per write.
 *
 * Desk days are Asia/Shanghai (shared/domain/desk-time.ts), UTC+8 all year since 1991, hence date(x, '+8 hours').
 * The DDL below is built from constant fragments only (triggers cannot take bound parameters).
 */

type Sql = RawBuilder<unknown>;

/** The desk day of a stored UTC instant. */
const deskDay = (instant: Sql): Sql => sql`date(${instant}, '+8 hours')`;
const ONE = sql`1`;
const MINUS_ONE = sql`-1`;

// ---- repair orders ----

const FACT_COLUMNS = sql`repair_order_id, advisor_id, vehicle_id, opened_day, from_appointment, delivered_at, delivered_day,
  on_time, total_fen, sold_milli, approved_jobs, technician_sold_milli`;

/** The condition that a column holds one of the ROs being computed: `= NEW.x` in a trigger, an id range in the backfill. */
type Range = (column: Sql) => Sql;

/**
 * What the figures read of the ROs of `range`, as reports/kpis/repository and the first-time-fix rules define them: a
 * cancelled RO is no visit; on time = its last "ready" before the delivery at or before the promised time; totals of
 * the jobs not declined; sold hours of approved jobs with a technician (reports.efficiency). Each source is read by its
 * index on the RO, grouped per RO.
 */
function factsSelect(range: Range): Sql {
  return sql`SELECT r.id, r.advisor_id, r.vehicle_id,
      CASE WHEN r.status <> 'cancelled' THEN ${deskDay(sql`r.opened_at`)} END,
      ap.repair_order_id IS NOT NULL,
      d.delivered_at, ${deskDay(sql`d.delivered_at`)},
      CASE WHEN r.promised_at IS NOT NULL AND (SELECT max(h.changed_at) FROM repair_order_status_history h
          WHERE h.repair_order_id = r.id AND +h.to_status = 'ready' AND h.changed_at <= d.delivered_at) <= r.promised_at
        THEN 1 ELSE 0 END,
      coalesce(x.total_fen, 0), coalesce(x.sold_milli, 0),
      (SELECT count(*) FROM repair_order_jobs j WHERE j.repair_order_id = r.id AND j.authorization_state = 'approved'),
      coalesce(x.technician_sold_milli, 0)
    FROM repair_orders r
    LEFT JOIN repair_order_deliveries d ON d.repair_order_id = r.id
    LEFT JOIN (SELECT l.repair_order_id,
        sum(CASE WHEN j.authorization_state <> 'declined' THEN l.total_fen ELSE 0 END) AS total_fen,
        sum(CASE WHEN j.authorization_state <> 'declined' AND l.kind = 'labor' THEN l.qty_milli ELSE 0 END) AS sold_milli,
        sum(CASE WHEN j.authorization_state = 'approved' AND j.technician_id IS NOT NULL AND l.kind = 'labor'
          THEN l.qty_milli ELSE 0 END) AS technician_sold_milli
      FROM repair_order_lines l JOIN repair_order_jobs j ON j.id = l.job_id
      WHERE ${range(sql`l.repair_order_id`)} GROUP BY l.repair_order_id) x ON x.repair_order_id = r.id
    LEFT JOIN (SELECT DISTINCT a.repair_order_id FROM appointments a WHERE ${range(sql`a.repair_order_id`)}) ap
      ON ap.repair_order_id = r.id
    WHERE ${range(sql`r.id`)}`;
}

function upsertFacts(range: Range): Sql {
  return sql`INSERT INTO report_ro_facts (${FACT_COLUMNS}) ${factsSelect(range)}
    ON CONFLICT (repair_order_id) DO UPDATE SET advisor_id = excluded.advisor_id, vehicle_id = excluded.vehicle_id,
      opened_day = excluded.opened_day, from_appointment = excluded.from_appointment, delivered_at = excluded.delivered_at,
      delivered_day = excluded.delivered_day, on_time = excluded.on_time, total_fen = excluded.total_fen,
      sold_milli = excluded.sold_milli, approved_jobs = excluded.approved_jobs,
      technician_sold_milli = excluded.technician_sold_milli`;
}

/** Recomputes one RO's facts row (its id an expression of the trigger: NEW.x or OLD.x; null does nothing). */
const refresh = (id: Sql): Sql => upsertFacts((column) => sql`${column} = ${id}`);

const ALL_DAY_SUMS = sql`opened = opened + excluded.opened, from_appointment = from_appointment + excluded.from_appointment,
  delivered = delivered + excluded.delivered, on_time = on_time + excluded.on_time, total_fen = total_fen + excluded.total_fen,
  sold_milli = sold_milli + excluded.sold_milli, approved_jobs = approved_jobs + excluded.approved_jobs,
  technician_sold_milli = technician_sold_milli + excluded.technician_sold_milli`;

/** Adds (sign 1) or takes out (−1) what facts row `x` (NEW or OLD) counts on its opening day. */
function openedPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_ro_days (day, advisor_id, opened, from_appointment, delivered, on_time, total_fen,
      sold_milli, approved_jobs, technician_sold_milli)
    SELECT ${x}.opened_day, ${x}.advisor_id, ${sign}, ${sign} * ${x}.from_appointment, 0, 0, 0, 0, 0, 0
    WHERE ${x}.opened_day IS NOT NULL
    ON CONFLICT (day, advisor_id) DO UPDATE SET ${ALL_DAY_SUMS}`;
}

/** Adds or takes out what facts row `x` counts on its delivery day. */
function deliveredPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_ro_days (day, advisor_id, opened, from_appointment, delivered, on_time, total_fen,
      sold_milli, approved_jobs, technician_sold_milli)
    SELECT ${x}.delivered_day, ${x}.advisor_id, 0, 0, ${sign}, ${sign} * ${x}.on_time, ${sign} * ${x}.total_fen,
      ${sign} * ${x}.sold_milli, ${sign} * ${x}.approved_jobs, ${sign} * ${x}.technician_sold_milli
    WHERE ${x}.delivered_day IS NOT NULL
    ON CONFLICT (day, advisor_id) DO UPDATE SET ${ALL_DAY_SUMS}`;
}

/**
 * A visit of facts row `x` counted in its vehicle's month; a month new to the vehicle learns the next month with a
 * visit and becomes the previous month's next one.
 */
function visitAdded(x: Sql): Sql[] {
  const month = sql`substr(${x}.opened_day, 1, 7)`;
  return [
    sql`INSERT INTO report_vehicle_months (vehicle_id, month, visits, next_month)
      SELECT ${x}.vehicle_id, ${month}, 1,
        (SELECT min(m.month) FROM report_vehicle_months m WHERE m.vehicle_id = ${x}.vehicle_id AND m.month > ${month})
      WHERE ${x}.opened_day IS NOT NULL
      ON CONFLICT (vehicle_id, month) DO UPDATE SET visits = visits + 1`,
    sql`UPDATE report_vehicle_months SET next_month = ${month}
      WHERE vehicle_id = ${x}.vehicle_id
        AND month = (SELECT max(m.month) FROM report_vehicle_months m WHERE m.vehicle_id = ${x}.vehicle_id AND m.month < ${month})`,
  ];
}

/** The visit taken out again; a month left without visits goes, and its previous month points past it. */
function visitRemoved(x: Sql): Sql[] {
  const month = sql`substr(${x}.opened_day, 1, 7)`;
  return [
    sql`UPDATE report_vehicle_months SET visits = visits - 1 WHERE vehicle_id = ${x}.vehicle_id AND month = ${month}`,
    sql`UPDATE report_vehicle_months
      SET next_month = (SELECT z.next_month FROM report_vehicle_months z WHERE z.vehicle_id = ${x}.vehicle_id AND z.month = ${month})
      WHERE vehicle_id = ${x}.vehicle_id
        AND month = (SELECT max(m.month) FROM report_vehicle_months m WHERE m.vehicle_id = ${x}.vehicle_id AND m.month < ${month})
        AND EXISTS (SELECT 1 FROM report_vehicle_months z WHERE z.vehicle_id = ${x}.vehicle_id AND z.month = ${month} AND z.visits <= 0)`,
    sql`DELETE FROM report_vehicle_months WHERE vehicle_id = ${x}.vehicle_id AND month = ${month} AND visits <= 0`,
  ];
}

/** 1 when vehicle month `x` (NEW or OLD) saw the vehicle again within 6 months (docs/domain.md "KPIs", lapsed rate), else 0. */
const backWithinSix = (x: Sql): Sql =>
  sql`(CASE WHEN ${x}.next_month IS NOT NULL AND ${x}.next_month <= strftime('%Y-%m', ${x}.month || '-01', '+6 months') THEN 1 ELSE 0 END)`;

function visitMonthPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_visit_months (month, vehicles, returned) VALUES (${x}.month, ${sign}, ${sign} * ${backWithinSix(x)})
    ON CONFLICT (month) DO UPDATE SET vehicles = vehicles + excluded.vehicles, returned = returned + excluded.returned`;
}

/** A trigger body: the statements, each ended by a semicolon. */
const body = (statements: Sql[]): Sql =>
  sql.join(
    statements.map((s) => sql`${s};`),
    sql`\n`,
  );

const changed = (columns: string[]) =>
  sql.join(
    columns.map((c) => sql`OLD.${sql.ref(c)} IS NOT NEW.${sql.ref(c)}`),
    sql` OR `,
  );

/**
 * The facts rows keep the day sums and the vehicle months, and those the visit months. Created by the backfill once
 * it has summed the facts already on file in bulk (per-row triggers would take most of the upgrade), and dropped
 * first by a backfill that starts again, so nothing is counted twice; no call is served while a backfill runs.
 */
const SUMMARY_TRIGGERS = [
  'report_ro_facts_added',
  'report_ro_facts_removed',
  'report_ro_facts_opened_changed',
  'report_ro_facts_delivered_changed',
  'report_ro_facts_visit_changed',
  'report_vehicle_months_added',
  'report_vehicle_months_removed',
  'report_vehicle_months_changed',
];

function summaryTriggers(): Sql[] {
  return [
    sql`CREATE TRIGGER IF NOT EXISTS report_ro_facts_added AFTER INSERT ON report_ro_facts BEGIN
      ${body([openedPart(sql`NEW`, ONE), deliveredPart(sql`NEW`, ONE), ...visitAdded(sql`NEW`)])}
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_ro_facts_removed AFTER DELETE ON report_ro_facts BEGIN
      ${body([openedPart(sql`OLD`, MINUS_ONE), deliveredPart(sql`OLD`, MINUS_ONE), ...visitRemoved(sql`OLD`)])}
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_ro_facts_opened_changed AFTER UPDATE ON report_ro_facts
      WHEN ${changed(['opened_day', 'advisor_id', 'from_appointment'])} BEGIN
      ${body([openedPart(sql`OLD`, MINUS_ONE), openedPart(sql`NEW`, ONE)])}
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_ro_facts_delivered_changed AFTER UPDATE ON report_ro_facts
      WHEN ${changed(['delivered_day', 'advisor_id', 'on_time', 'total_fen', 'sold_milli', 'approved_jobs', 'technician_sold_milli'])} BEGIN
      ${body([deliveredPart(sql`OLD`, MINUS_ONE), deliveredPart(sql`NEW`, ONE)])}
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_ro_facts_visit_changed AFTER UPDATE ON report_ro_facts
      WHEN OLD.vehicle_id IS NOT NEW.vehicle_id OR substr(OLD.opened_day, 1, 7) IS NOT substr(NEW.opened_day, 1, 7) BEGIN
      ${body([...visitRemoved(sql`OLD`), ...visitAdded(sql`NEW`)])}
    END`,

    sql`CREATE TRIGGER IF NOT EXISTS report_vehicle_months_added AFTER INSERT ON report_vehicle_months BEGIN
      ${visitMonthPart(sql`NEW`, ONE)};
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_vehicle_months_removed AFTER DELETE ON report_vehicle_months BEGIN
      ${visitMonthPart(sql`OLD`, MINUS_ONE)};
    END`,
    sql`CREATE TRIGGER IF NOT EXISTS report_vehicle_months_changed AFTER UPDATE OF month, next_month ON report_vehicle_months
      WHEN OLD.month IS NOT NEW.month OR OLD.next_month IS NOT NEW.next_month BEGIN
      ${visitMonthPart(sql`OLD`, MINUS_ONE)}; ${visitMonthPart(sql`NEW`, ONE)};
    END`,
  ];
}

/**
 * A fact that a facts row or a link row is computed from names its RO (or its comeback) in report_queue, and the one
 * trigger on report_queue recomputes them and empties the queue again: the long statements are kept once in the
 * schema, which every new connection parses (a report's worker opens one per call), not once per trigger.
 */
const enqueue = (repairOrderId: Sql): Sql => sql`INSERT INTO report_queue (repair_order_id) VALUES (${repairOrderId})`;

function roTriggers(): Sql[] {
  return [
    sql`CREATE TRIGGER report_queue_run AFTER INSERT ON report_queue BEGIN
      ${refresh(sql`NEW.repair_order_id`)};
      ${upsertLinks(sql`(c.id = NEW.comeback_id OR c.earlier_repair_order_id = NEW.repair_order_id
        OR c.later_repair_order_id = NEW.repair_order_id)`)};
      DELETE FROM report_queue;
    END`,
    sql`CREATE TRIGGER report_facts_ro_added AFTER INSERT ON repair_orders BEGIN ${enqueue(sql`NEW.id`)}; END`,
    sql`CREATE TRIGGER report_facts_ro_changed
      AFTER UPDATE OF status, promised_at, opened_at, advisor_id, vehicle_id, mileage_in_km ON repair_orders
      WHEN ${changed(['status', 'promised_at', 'opened_at', 'advisor_id', 'vehicle_id', 'mileage_in_km'])} BEGIN ${enqueue(sql`NEW.id`)}; END`,
    sql`CREATE TRIGGER report_facts_job_added AFTER INSERT ON repair_order_jobs BEGIN ${enqueue(sql`NEW.repair_order_id`)}; END`,
    sql`CREATE TRIGGER report_facts_job_changed AFTER UPDATE OF authorization_state, technician_id, repair_order_id ON repair_order_jobs
      WHEN ${changed(['authorization_state', 'technician_id', 'repair_order_id'])} BEGIN
      ${enqueue(sql`OLD.repair_order_id`)}; ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_job_removed AFTER DELETE ON repair_order_jobs BEGIN ${enqueue(sql`OLD.repair_order_id`)}; END`,
    sql`CREATE TRIGGER report_facts_line_added AFTER INSERT ON repair_order_lines BEGIN ${enqueue(sql`NEW.repair_order_id`)}; END`,
    sql`CREATE TRIGGER report_facts_line_changed AFTER UPDATE OF total_fen, qty_milli, kind, job_id, repair_order_id ON repair_order_lines
      WHEN ${changed(['total_fen', 'qty_milli', 'kind', 'job_id', 'repair_order_id'])} BEGIN
      ${enqueue(sql`OLD.repair_order_id`)}; ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_line_removed AFTER DELETE ON repair_order_lines BEGIN ${enqueue(sql`OLD.repair_order_id`)}; END`,
    sql`CREATE TRIGGER report_facts_delivery_added AFTER INSERT ON repair_order_deliveries BEGIN ${enqueue(sql`NEW.repair_order_id`)}; END`,
    sql`CREATE TRIGGER report_facts_delivery_changed AFTER UPDATE ON repair_order_deliveries BEGIN
      ${enqueue(sql`OLD.repair_order_id`)}; ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_delivery_removed AFTER DELETE ON repair_order_deliveries BEGIN ${enqueue(sql`OLD.repair_order_id`)}; END`,
    // On time reads the last "ready" before the delivery.
    sql`CREATE TRIGGER report_facts_ready AFTER INSERT ON repair_order_status_history WHEN NEW.to_status = 'ready' BEGIN
      ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_appointment_added AFTER INSERT ON appointments WHEN NEW.repair_order_id IS NOT NULL BEGIN
      ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_appointment_linked AFTER UPDATE OF repair_order_id ON appointments
      WHEN OLD.repair_order_id IS NOT NEW.repair_order_id BEGIN
      ${enqueue(sql`OLD.repair_order_id`)}; ${enqueue(sql`NEW.repair_order_id`)};
    END`,
    sql`CREATE TRIGGER report_facts_appointment_removed AFTER DELETE ON appointments WHEN OLD.repair_order_id IS NOT NULL BEGIN
      ${enqueue(sql`OLD.repair_order_id`)};
    END`,
    // A link is deleted with its comeback (foreign key); its ROs' changes reach it through their own triggers above.
    sql`CREATE TRIGGER report_links_comeback_added AFTER INSERT ON comebacks BEGIN
      INSERT INTO report_queue (comeback_id) VALUES (NEW.id);
    END`,
    sql`CREATE TRIGGER report_links_comeback_changed AFTER UPDATE OF status, days_after, earlier_job_id, earlier_repair_order_id,
        later_job_id, later_repair_order_id ON comebacks BEGIN
      INSERT INTO report_queue (comeback_id) VALUES (NEW.id);
    END`,
  ];
}

// ---- comeback links: what the first-time-fix figures read of a link, the window applied when they are read ----

const LINK_COLUMNS = sql`comeback_id, earlier_repair_order_id, later_repair_order_id, earlier_job_id, earlier_day, later_day,
  counting, earlier_approved, days_after, km_after`;

/** Recomputes the link rows of the comebacks `where` selects (comebacks c), as workshop/comebacks/repository counts a link. */
function upsertLinks(where: Sql): Sql {
  return sql`INSERT INTO report_comeback_links (${LINK_COLUMNS})
    SELECT c.id, c.earlier_repair_order_id, c.later_repair_order_id, c.earlier_job_id,
      ${deskDay(sql`ed.delivered_at`)}, ${deskDay(sql`ld.delivered_at`)},
      c.status <> 'not_quality' AND lr.status <> 'cancelled', ej.authorization_state = 'approved',
      c.days_after, lr.mileage_in_km - er.mileage_in_km
    FROM comebacks c
    JOIN repair_orders er ON er.id = c.earlier_repair_order_id
    JOIN repair_orders lr ON lr.id = c.later_repair_order_id
    JOIN repair_order_jobs ej ON ej.id = c.earlier_job_id
    LEFT JOIN repair_order_deliveries ed ON ed.repair_order_id = c.earlier_repair_order_id
    LEFT JOIN repair_order_deliveries ld ON ld.repair_order_id = c.later_repair_order_id
    WHERE ${where}
    ON CONFLICT (comeback_id) DO UPDATE SET earlier_repair_order_id = excluded.earlier_repair_order_id,
      later_repair_order_id = excluded.later_repair_order_id, earlier_job_id = excluded.earlier_job_id,
      earlier_day = excluded.earlier_day, later_day = excluded.later_day, counting = excluded.counting,
      earlier_approved = excluded.earlier_approved, days_after = excluded.days_after, km_after = excluded.km_after`;
}

// ---- appointments and clockings: each row carries all its figure needs, so OLD and NEW are the deltas ----

function appointmentPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_appointment_days (day, advisor_id, booked, arrived)
    SELECT ${deskDay(sql`${x}.starts_at`)}, ${x}.advisor_id, ${sign}, ${sign} * (${x}.arrived_at IS NOT NULL)
    WHERE ${x}.status <> 'cancelled'
    ON CONFLICT (day, advisor_id) DO UPDATE SET booked = booked + excluded.booked, arrived = arrived + excluded.arrived`;
}

/** Milliseconds of an ended clocking, rounded as reports.efficiency rounds them. */
const clockedMs = (x: Sql): Sql =>
  sql`CAST(round((julianday(${x}.ended_at) - julianday(${x}.started_at)) * 86400000) AS INTEGER)`;

function clockingPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_clocking_days (day, technician_id, clocked_ms)
    SELECT ${deskDay(sql`${x}.started_at`)}, ${x}.technician_id, ${sign} * ${clockedMs(x)}
    WHERE ${x}.ended_at IS NOT NULL
    ON CONFLICT (day, technician_id) DO UPDATE SET clocked_ms = clocked_ms + excluded.clocked_ms`;
}

function appointmentAndClockingTriggers(): Sql[] {
  return [
    sql`CREATE TRIGGER report_appointments_added AFTER INSERT ON appointments BEGIN ${appointmentPart(sql`NEW`, ONE)}; END`,
    sql`CREATE TRIGGER report_appointments_removed AFTER DELETE ON appointments BEGIN ${appointmentPart(sql`OLD`, MINUS_ONE)}; END`,
    sql`CREATE TRIGGER report_appointments_changed AFTER UPDATE OF starts_at, status, arrived_at, advisor_id ON appointments
      WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.status IS NOT NEW.status OR OLD.arrived_at IS NOT NEW.arrived_at
        OR OLD.advisor_id IS NOT NEW.advisor_id BEGIN
      ${appointmentPart(sql`OLD`, MINUS_ONE)}; ${appointmentPart(sql`NEW`, ONE)};
    END`,
    sql`CREATE TRIGGER report_clockings_added AFTER INSERT ON job_clockings BEGIN ${clockingPart(sql`NEW`, ONE)}; END`,
    sql`CREATE TRIGGER report_clockings_removed AFTER DELETE ON job_clockings BEGIN ${clockingPart(sql`OLD`, MINUS_ONE)}; END`,
    sql`CREATE TRIGGER report_clockings_changed AFTER UPDATE OF started_at, ended_at, technician_id ON job_clockings
      WHEN OLD.started_at IS NOT NEW.started_at OR OLD.ended_at IS NOT NEW.ended_at OR OLD.technician_id IS NOT NEW.technician_id BEGIN
      ${clockingPart(sql`OLD`, MINUS_ONE)}; ${clockingPart(sql`NEW`, ONE)};
    END`,
  ];
}

// ---- surveys ----

const CSI_SUMS = sql`responses = responses + excluded.responses, csi_responses = csi_responses + excluded.csi_responses,
  dissatisfied = dissatisfied + excluded.dissatisfied, answers = answers + excluded.answers,
  recommend = recommend + excluded.recommend, promoters = promoters + excluded.promoters,
  detractors = detractors + excluded.detractors, verbatims = verbatims + excluded.verbatims`;
const CSI_COLUMNS = sql`kind, day, person_id, template_id, responses, csi_responses, dissatisfied, answers, recommend,
  promoters, detractors, verbatims`;
const FACTOR_SUMS = sql`answers = answers + excluded.answers, value_sum = value_sum + excluded.value_sum,
  responses = responses + excluded.responses`;

/**
 * Whom a response counts for: everyone (kind 'all', person 0: the totals, read by trends), its advisor, and every
 * technician of its RO (followup.csi by technician).
 */
function keysOf(responseId: Sql, advisorId: Sql): Sql {
  return sql`SELECT 'all' AS kind, 0 AS person_id
    UNION ALL SELECT 'advisor', ${advisorId}
    UNION ALL SELECT 'technician', rt.technician_id FROM survey_response_technicians rt WHERE rt.response_id = ${responseId}`;
}

/** An answer that counts for CSI: a 1-10 question with a factor (an unanswered question has no row). */
const isFactor = (a: Sql): Sql => sql`(${a}.scale = 'scale_1_10' AND ${a}.factor IS NOT NULL)`;

/**
 * One answer `a` (NEW or OLD) added or taken out for every key of its response. A response counts once for CSI when
 * it has a factor answer, once per factor, and once as a verbatim when it has a free-text answer: the other answers
 * of the response (any but `a`'s row) say whether `a` makes or ends that.
 */
function answerPart(a: Sql, sign: Sql): Sql[] {
  const others = (condition: Sql) =>
    sql`NOT EXISTS (SELECT 1 FROM survey_answers o WHERE o.response_id = ${a}.response_id AND o.id <> ${a}.id AND ${condition})`;
  const flag = (condition: Sql) => sql`(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const recommend = sql`${a}.scale = 'recommend_0_10'`;
  return [
    sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
      SELECT k.kind, ${deskDay(sql`s.answered_at`)}, k.person_id, s.template_id, 0,
        ${sign} * ${flag(sql`${isFactor(a)} AND ${others(isFactor(sql`o`))}`)}, 0, ${sign},
        ${sign} * ${flag(recommend)}, ${sign} * ${flag(sql`${recommend} AND ${a}.value_int >= 9`)},
        ${sign} * ${flag(sql`${recommend} AND ${a}.value_int <= 6`)},
        ${sign} * ${flag(sql`${a}.value_text IS NOT NULL AND ${others(sql`o.value_text IS NOT NULL`)}`)}
      FROM survey_responses s, (${keysOf(sql`${a}.response_id`, sql`(SELECT s2.advisor_id FROM survey_responses s2 WHERE s2.id = ${a}.response_id)`)}) k
      WHERE s.id = ${a}.response_id
      ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`,
    sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
      SELECT k.kind, ${deskDay(sql`s.answered_at`)}, k.person_id, s.template_id, ${a}.factor, ${sign}, ${sign} * coalesce(${a}.value_int, 0),
        ${sign} * ${flag(others(sql`${isFactor(sql`o`)} AND o.factor = ${a}.factor`))}
      FROM survey_responses s, (${keysOf(sql`${a}.response_id`, sql`(SELECT s2.advisor_id FROM survey_responses s2 WHERE s2.id = ${a}.response_id)`)}) k
      WHERE s.id = ${a}.response_id AND ${isFactor(a)}
      ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`,
  ];
}

/** A whole response (all its answers) added or taken out for `keys`, the response's columns given by `r`. */
function responsePart(
  r: { id: Sql; day: Sql; template: Sql; dissatisfied: Sql; from: Sql; where: Sql },
  keys: Sql,
  sign: Sql,
): Sql[] {
  return [
    sql`INSERT INTO report_csi_days (${CSI_COLUMNS})
      SELECT k.kind, ${r.day}, k.person_id, ${r.template}, ${sign}, ${sign} * agg.has_factor, ${sign} * ${r.dissatisfied},
        ${sign} * agg.answers, ${sign} * agg.recommend, ${sign} * agg.promoters, ${sign} * agg.detractors, ${sign} * agg.has_text
      FROM ${r.from} (${keys}) k,
        (SELECT count(*) AS answers,
            coalesce(sum(a.scale = 'recommend_0_10'), 0) AS recommend,
            coalesce(sum(a.scale = 'recommend_0_10' AND a.value_int >= 9), 0) AS promoters,
            coalesce(sum(a.scale = 'recommend_0_10' AND a.value_int <= 6), 0) AS detractors,
            coalesce(max(${isFactor(sql`a`)}), 0) AS has_factor,
            coalesce(max(a.value_text IS NOT NULL), 0) AS has_text
          FROM survey_answers a WHERE a.response_id = ${r.id}) agg
      WHERE ${r.where}
      ON CONFLICT (kind, day, person_id, template_id) DO UPDATE SET ${CSI_SUMS}`,
    sql`INSERT INTO report_csi_factor_days (kind, day, person_id, template_id, factor, answers, value_sum, responses)
      SELECT k.kind, ${r.day}, k.person_id, ${r.template}, f.factor, ${sign} * f.answers, ${sign} * f.value_sum, ${sign}
      FROM ${r.from} (${keys}) k,
        (SELECT a.factor, count(*) AS answers, coalesce(sum(a.value_int), 0) AS value_sum FROM survey_answers a
          WHERE a.response_id = ${r.id} AND ${isFactor(sql`a`)} GROUP BY a.factor) f
      WHERE ${r.where}
      ON CONFLICT (kind, day, person_id, template_id, factor) DO UPDATE SET ${FACTOR_SUMS}`,
  ];
}

/**
 * Survey writes queue their deltas (report_csi_answer_queue: an answer in or out; report_csi_response_queue: a whole
 * response in or out, for all its people or for one technician), and one trigger on each queue applies them and
 * empties it: the long statements are kept once in the schema (see report_queue).
 */
const ANSWER_COLUMNS = sql`sign, id, response_id, scale, factor, value_int, value_text`;
const RESPONSE_COLUMNS = sql`sign, id, answered_at, template_id, dissatisfied, advisor_id, technician_id`;

/** Whom a queued response counts for: everyone of it, or the one technician the row names. */
const queuedKeys = sql`SELECT 'all' AS kind, 0 AS person_id WHERE NEW.technician_id IS NULL
  UNION ALL SELECT 'advisor', NEW.advisor_id WHERE NEW.technician_id IS NULL
  UNION ALL SELECT 'technician', rt.technician_id FROM survey_response_technicians rt
    WHERE rt.response_id = NEW.id AND NEW.technician_id IS NULL
  UNION ALL SELECT 'technician', NEW.technician_id WHERE NEW.technician_id IS NOT NULL`;

const queueAnswer = (sign: Sql, a: Sql): Sql =>
  sql`INSERT INTO report_csi_answer_queue (${ANSWER_COLUMNS})
    VALUES (${sign}, ${a}.id, ${a}.response_id, ${a}.scale, ${a}.factor, ${a}.value_int, ${a}.value_text)`;
const queueResponse = (sign: Sql, r: Sql): Sql =>
  sql`INSERT INTO report_csi_response_queue (${RESPONSE_COLUMNS})
    VALUES (${sign}, ${r}.id, ${r}.answered_at, ${r}.template_id, ${r}.dissatisfied, ${r}.advisor_id, NULL)`;
/** A technician link in or out: its response for that technician (nothing once the response is gone). */
const queueTechnician = (sign: Sql, x: Sql): Sql =>
  sql`INSERT INTO report_csi_response_queue (${RESPONSE_COLUMNS})
    SELECT ${sign}, s.id, s.answered_at, s.template_id, s.dissatisfied, s.advisor_id, ${x}.technician_id
    FROM survey_responses s WHERE s.id = ${x}.response_id`;

function surveyTriggers(): Sql[] {
  const queued = {
    id: sql`NEW.id`,
    day: deskDay(sql`NEW.answered_at`),
    template: sql`NEW.template_id`,
    dissatisfied: sql`NEW.dissatisfied`,
    from: sql``,
    where: sql`1`,
  };
  return [
    // An answer whose response is gone (deleted with it) finds no response row and counts for no one.
    sql`CREATE TRIGGER report_csi_answer_queue_run AFTER INSERT ON report_csi_answer_queue BEGIN
      ${body(answerPart(sql`NEW`, sql`NEW.sign`))}
      DELETE FROM report_csi_answer_queue;
    END`,
    sql`CREATE TRIGGER report_csi_response_queue_run AFTER INSERT ON report_csi_response_queue BEGIN
      ${body(responsePart(queued, queuedKeys, sql`NEW.sign`))}
      DELETE FROM report_csi_response_queue;
    END`,
    sql`CREATE TRIGGER report_csi_response_added AFTER INSERT ON survey_responses BEGIN ${queueResponse(ONE, sql`NEW`)}; END`,
    // BEFORE: the answers and technicians are still there to be taken out; once the response is gone, the cascade's
    // own deltas find no response and change nothing.
    sql`CREATE TRIGGER report_csi_response_removed BEFORE DELETE ON survey_responses BEGIN ${queueResponse(MINUS_ONE, sql`OLD`)}; END`,
    sql`CREATE TRIGGER report_csi_response_changed AFTER UPDATE OF answered_at, advisor_id, template_id, dissatisfied ON survey_responses
      WHEN ${changed(['answered_at', 'advisor_id', 'template_id', 'dissatisfied'])} BEGIN
      ${queueResponse(MINUS_ONE, sql`OLD`)}; ${queueResponse(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_answer_added AFTER INSERT ON survey_answers BEGIN ${queueAnswer(ONE, sql`NEW`)}; END`,
    sql`CREATE TRIGGER report_csi_answer_removed AFTER DELETE ON survey_answers BEGIN ${queueAnswer(MINUS_ONE, sql`OLD`)}; END`,
    // The privacy tools rewrite verbatims (value_text): taken out as it was, added as it is.
    sql`CREATE TRIGGER report_csi_answer_changed AFTER UPDATE OF response_id, scale, factor, value_int, value_text ON survey_answers BEGIN
      ${queueAnswer(MINUS_ONE, sql`OLD`)}; ${queueAnswer(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_technician_added AFTER INSERT ON survey_response_technicians BEGIN
      ${queueTechnician(ONE, sql`NEW`)};
    END`,
    sql`CREATE TRIGGER report_csi_technician_removed AFTER DELETE ON survey_response_technicians BEGIN
      ${queueTechnician(MINUS_ONE, sql`OLD`)};
    END`,
  ];
}

// ---- the tables ----

async function createTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE report_ro_facts (
    repair_order_id INTEGER PRIMARY KEY REFERENCES repair_orders (id) ON DELETE CASCADE,
    advisor_id INTEGER NOT NULL,
    vehicle_id INTEGER NOT NULL,
    -- Desk day opened; null for a cancelled RO (no visit, not an RO of any period).
    opened_day TEXT,
    from_appointment INTEGER NOT NULL,
    delivered_at TEXT,
    delivered_day TEXT,
    on_time INTEGER NOT NULL,
    -- Lines of the jobs not declined (fen), their labor lines' flat-rate hours (thousandths).
    total_fen INTEGER NOT NULL,
    sold_milli INTEGER NOT NULL,
    approved_jobs INTEGER NOT NULL,
    -- Labor hours of approved jobs with a technician: the technicians' sold hours.
    technician_sold_milli INTEGER NOT NULL
  ) STRICT`.execute(db);
  // On-time drill-down: the late (or on-time) deliveries of a period, latest first.
  await sql`CREATE INDEX report_ro_facts_on_time ON report_ro_facts (on_time, delivered_at) WHERE delivered_at IS NOT NULL`.execute(
    db,
  );

  // Empty but while a write recomputes what it changed (see roTriggers, surveyTriggers).
  await sql`CREATE TABLE report_queue (repair_order_id INTEGER, comeback_id INTEGER)`.execute(db);
  await sql`CREATE TABLE report_csi_answer_queue (sign INTEGER, id INTEGER, response_id INTEGER, scale TEXT, factor TEXT,
    value_int INTEGER, value_text TEXT)`.execute(db);
  await sql`CREATE TABLE report_csi_response_queue (sign INTEGER, id INTEGER, answered_at TEXT, template_id INTEGER,
    dissatisfied INTEGER, advisor_id INTEGER, technician_id INTEGER)`.execute(db);

  await sql`CREATE TABLE report_comeback_links (
    comeback_id INTEGER PRIMARY KEY REFERENCES comebacks (id) ON DELETE CASCADE,
    earlier_repair_order_id INTEGER NOT NULL,
    later_repair_order_id INTEGER NOT NULL,
    earlier_job_id INTEGER NOT NULL,
    -- Desk days the earlier (failed) RO and the later RO were delivered; null until then.
    earlier_day TEXT,
    later_day TEXT,
    -- Not marked "not a quality issue" and the later RO not cancelled; the earlier job approved.
    counting INTEGER NOT NULL,
    earlier_approved INTEGER NOT NULL,
    days_after INTEGER NOT NULL,
    -- Km from the earlier RO's mileage to the later one's; null while either is unknown.
    km_after INTEGER
  ) STRICT`.execute(db);
  // First-time fix (the jobs of a period's deliveries that came back) and comeback rate (the period's deliveries that
  // are a comeback), each read whole from its index with the window applied on the entries.
  await sql`CREATE INDEX report_comeback_links_earlier
    ON report_comeback_links (earlier_day, counting, earlier_approved, days_after, km_after, earlier_job_id)
    WHERE earlier_day IS NOT NULL`.execute(db);
  await sql`CREATE INDEX report_comeback_links_later
    ON report_comeback_links (later_day, counting, days_after, km_after, later_repair_order_id)
    WHERE later_day IS NOT NULL`.execute(db);

  // Complaints open at an instant (KPI dashboard) or during a month (CSI report): the ones not closed, and the ones
  // closed after it, read by their closing time rather than by walking every complaint since the first.
  await sql`CREATE INDEX report_complaints_closed ON complaints (closed_at)`.execute(db);

  await sql`CREATE TABLE report_ro_days (
    day TEXT NOT NULL,
    advisor_id INTEGER NOT NULL,
    opened INTEGER NOT NULL,
    from_appointment INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    on_time INTEGER NOT NULL,
    total_fen INTEGER NOT NULL,
    sold_milli INTEGER NOT NULL,
    approved_jobs INTEGER NOT NULL,
    technician_sold_milli INTEGER NOT NULL,
    PRIMARY KEY (day, advisor_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_vehicle_months (
    vehicle_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    visits INTEGER NOT NULL,
    -- The vehicle's next month with a visit; null while there is none.
    next_month TEXT,
    PRIMARY KEY (vehicle_id, month)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_visit_months (
    month TEXT PRIMARY KEY,
    -- Vehicles with a visit in the month; of them those whose next visit came within 6 months.
    vehicles INTEGER NOT NULL,
    returned INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_appointment_days (
    day TEXT NOT NULL,
    advisor_id INTEGER NOT NULL,
    booked INTEGER NOT NULL,
    arrived INTEGER NOT NULL,
    PRIMARY KEY (day, advisor_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_clocking_days (
    day TEXT NOT NULL,
    technician_id INTEGER NOT NULL,
    clocked_ms INTEGER NOT NULL,
    PRIMARY KEY (day, technician_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_csi_days (
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    -- Responses with at least one factor answer (what a template version's CSI is weighted by).
    csi_responses INTEGER NOT NULL,
    dissatisfied INTEGER NOT NULL,
    answers INTEGER NOT NULL,
    recommend INTEGER NOT NULL,
    promoters INTEGER NOT NULL,
    detractors INTEGER NOT NULL,
    -- Responses with at least one free-text answer.
    verbatims INTEGER NOT NULL,
    PRIMARY KEY (kind, day, person_id, template_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE report_csi_factor_days (
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    factor TEXT NOT NULL,
    answers INTEGER NOT NULL,
    value_sum INTEGER NOT NULL,
    -- Responses with at least one answer of this factor.
    responses INTEGER NOT NULL,
    PRIMARY KEY (kind, day, person_id, template_id, factor)
  ) STRICT, WITHOUT ROWID`.execute(db);
}

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

const backfill: Backfill = {
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

export const migration: Migration = {
  name: '0025-create-report-summaries',
  async up(db: Kysely<unknown>) {
    await createTables(db);
    for (const trigger of [...roTriggers(), ...appointmentAndClockingTriggers(), ...surveyTriggers()]) await trigger.execute(db);
  },
  backfill,
};
