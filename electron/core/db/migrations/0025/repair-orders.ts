import { sql } from 'kysely';
import { type Sql, deskDay, ONE, MINUS_ONE, body, changed } from './sql';
import { upsertLinks } from './comeback-links';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- repair orders ----

const FACT_COLUMNS = sql`repair_order_id, advisor_id, vehicle_id, opened_day, from_appointment, delivered_at, delivered_day,
  on_time, total_fen, sold_milli, approved_jobs, technician_sold_milli`;

/** The condition that a column holds one of the ROs being computed: `= NEW.x` in a trigger, an id range in the backfill. */
export type Range = (column: Sql) => Sql;

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

export function upsertFacts(range: Range): Sql {
  return sql`INSERT INTO report_ro_facts (${FACT_COLUMNS}) ${factsSelect(range)}
    ON CONFLICT (repair_order_id) DO UPDATE SET advisor_id = excluded.advisor_id, vehicle_id = excluded.vehicle_id,
      opened_day = excluded.opened_day, from_appointment = excluded.from_appointment, delivered_at = excluded.delivered_at,
      delivered_day = excluded.delivered_day, on_time = excluded.on_time, total_fen = excluded.total_fen,
      sold_milli = excluded.sold_milli, approved_jobs = excluded.approved_jobs,
      technician_sold_milli = excluded.technician_sold_milli`;
}

/** Recomputes one RO's facts row (its id an expression of the trigger: NEW.x or OLD.x; null does nothing). */
const refresh = (id: Sql): Sql => upsertFacts((column) => sql`${column} = ${id}`);

export const ALL_DAY_SUMS = sql`opened = opened + excluded.opened, from_appointment = from_appointment + excluded.from_appointment,
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
export const backWithinSix = (x: Sql): Sql =>
  sql`(CASE WHEN ${x}.next_month IS NOT NULL AND ${x}.next_month <= strftime('%Y-%m', ${x}.month || '-01', '+6 months') THEN 1 ELSE 0 END)`;

function visitMonthPart(x: Sql, sign: Sql): Sql {
  return sql`INSERT INTO report_visit_months (month, vehicles, returned) VALUES (${x}.month, ${sign}, ${sign} * ${backWithinSix(x)})
    ON CONFLICT (month) DO UPDATE SET vehicles = vehicles + excluded.vehicles, returned = returned + excluded.returned`;
}

/**
 * The facts rows keep the day sums and the vehicle months, and those the visit months. Created by the backfill once
 * it has summed the facts already on file in bulk (per-row triggers would take most of the upgrade), and dropped
 * first by a backfill that starts again, so nothing is counted twice; no call is served while a backfill runs.
 */
export const SUMMARY_TRIGGERS = [
  'report_ro_facts_added',
  'report_ro_facts_removed',
  'report_ro_facts_opened_changed',
  'report_ro_facts_delivered_changed',
  'report_ro_facts_visit_changed',
  'report_vehicle_months_added',
  'report_vehicle_months_removed',
  'report_vehicle_months_changed',
];

export function summaryTriggers(): Sql[] {
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

/** What report_queue_run does for the row just queued (migration 0039 gives the trigger a condition, not a new body). */
export function queueRunBody(): Sql {
  return sql`${refresh(sql`NEW.repair_order_id`)};
      ${upsertLinks(sql`(c.id = NEW.comeback_id OR c.earlier_repair_order_id = NEW.repair_order_id
        OR c.later_repair_order_id = NEW.repair_order_id)`)};
      DELETE FROM report_queue;`;
}

export function roTriggers(): Sql[] {
  return [
    sql`CREATE TRIGGER report_queue_run AFTER INSERT ON report_queue BEGIN
      ${queueRunBody()}
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
