import { sql, type Kysely } from 'kysely';

// Part of migration 0025 (../0025-create-report-summaries.ts), frozen once landed.

// ---- the tables ----

export async function createTables(db: Kysely<unknown>): Promise<void> {
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
