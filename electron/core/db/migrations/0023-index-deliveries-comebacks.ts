import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backfill, Migration } from './types';

/**
 * Issue 13 (ten years of data): comebacks, delivery times and first-time fix read indexes and summary rows, never the
 * status history.
 *
 * The delivery time of an RO is its row in repair_order_deliveries (written once by the handover; a delivered RO never
 * goes back, so the row never changes nor goes). On a ten-year file the old look-up through
 * repair_order_status_history by to_status walked every delivery ever made for each RO, inside the write
 * transaction that adds a job.
 *
 * - delivered_jobs: one row per approved job of a delivered RO, as it was handed over (a delivered RO's jobs are
 *   frozen: every job write requires an open status), keyed by delivery time: the jobs behind a figure are a page
 *   of it walked backwards.
 * - delivered_job_operations: the labor operation codes of those jobs ('' for none: no labor line, or free text),
 *   keyed by code then delivery time: the jobs of one operation.
 * - delivered_job_days and delivered_job_months: per desk day (month) of the handover and per row of each
 *   first-time-fix dimension ('all' for the totals, technician, advisor, concernGroup, operation): the jobs handed
 *   over; for 'all' the ROs, for technicians the labor hours sold, for operations their names. A period reads its
 *   full months from the month rows and the days at either end from the day rows: a few hundred rows for a year.
 * All four are written by a trigger on repair_order_deliveries, in the handover's own transaction, so the write paths
 * stay as they are; the backfill fills them for the deliveries already on file. Each has its primary key and no other
 * index, so the backfill of ten years appends rather than seeks.
 * - comebacks.earlier_delivered_at, later_opened_at, later_delivered_at: fixed once known (a link is only made while
 *   the later RO is open, and its handover fills later_delivered_at through the same trigger), copied onto the link
 *   so that the foreman's list filters and the figures of a period read one index of the links.
 *
 * Days are desk days, Asia/Shanghai (shared/domain/desk-time.ts DESK_TIME_ZONE): UTC+8 all year, no daylight saving.
 * Trigger bodies take no bound parameters: every fragment below that goes into one is made of constants.
 */

type Sql = RawBuilder<unknown>;

/**
 * Deliveries (or comeback links) per backfill chunk: about a second each on a ten-year file. Bigger chunks than
 * the first 5000: each chunk pays a commit and its bound look-up, and 82 of them were a third of the backfill there.
 */
const CHUNK = 25_000;

/** The desk day (YYYY-MM-DD) of an instant stored as ISO UTC. */
const deskDay = (instant: Sql): Sql => sql`date(${instant}, '+8 hours')`;

/**
 * The two grains of the summary rows: per desk day (any period, to the day) and per desk month (the full months of a
 * long period, a twelfth of the rows). Each is written with the same statements, keyed by its own bucket.
 */
interface Grain {
  table: 'delivered_job_days' | 'delivered_job_months';
  column: 'day' | 'month';
  /** The bucket of a stored instant. */
  ofInstant(instant: Sql): Sql;
}

const DAYS: Grain = { table: 'delivered_job_days', column: 'day', ofInstant: deskDay };
const MONTHS: Grain = {
  table: 'delivered_job_months',
  column: 'month',
  ofInstant: (instant) => sql`substr(${deskDay(instant)}, 1, 7)`,
};
const GRAINS: readonly Grain[] = [DAYS, MONTHS];

const insertInto = (grain: Grain) =>
  sql`INSERT INTO ${sql.table(grain.table)} (dimension, ${sql.ref(grain.column)}, key, ros, jobs, labor_milli, label_zh, label_en)`;

/** Adds to the rows: a later handover (or backfill chunk) in the same bucket adds to what is there. */
const addTo = (grain: Grain) => sql`ON CONFLICT (dimension, ${sql.ref(grain.column)}, key) DO UPDATE SET
    ros = ros + excluded.ros,
    jobs = jobs + excluded.jobs,
    labor_milli = labor_milli + excluded.labor_milli,
    label_zh = CASE WHEN label_zh IS NULL OR excluded.label_zh > label_zh THEN excluded.label_zh ELSE label_zh END,
    label_en = CASE WHEN label_en IS NULL OR excluded.label_en > label_en THEN excluded.label_en ELSE label_en END`;

/**
 * The summary rows of the jobs `jobs` (a table with delivered_jobs' columns, alias dj) that `where` selects, one
 * statement per dimension but operation; `bucket` is a row's day or month.
 */
function summaryOfJobs(grain: Grain, jobs: Sql, where: Sql, bucket: Sql): Sql[] {
  const byColumn = (dimension: string, key: Sql, groupBy?: Sql) => sql`${insertInto(grain)}
    SELECT ${sql.lit(dimension)}, ${bucket}, ${key}, 0, count(*), ${dimension === 'technician' ? sql`sum(dj.labor_milli)` : sql`0`}, NULL, NULL
    FROM ${jobs} dj WHERE ${where} GROUP BY ${bucket}${groupBy ? sql`, ${groupBy}` : sql``} ${addTo(grain)}`;
  return [
    byColumn('all', sql`''`),
    byColumn('technician', sql`coalesce(CAST(dj.technician_id AS TEXT), '')`, sql`dj.technician_id`),
    byColumn('advisor', sql`CAST(dj.advisor_id AS TEXT)`, sql`dj.advisor_id`),
    byColumn('concernGroup', sql`dj.concern_group`, sql`dj.concern_group`),
  ];
}

/** The ROs handed over, on the 'all' row (an RO without an approved job is an RO all the same). */
function summaryOfDeliveries(grain: Grain, where: Sql): Sql {
  const bucket = grain.ofInstant(sql`d.delivered_at`);
  return sql`${insertInto(grain)}
    SELECT 'all', ${bucket}, '', count(*), 0, 0, NULL, NULL
    FROM repair_order_deliveries d WHERE ${where} GROUP BY ${bucket} ${addTo(grain)}`;
}

// ---- the handover (trigger): one RO, read through its own indexes ----

const handover = sql`d.repair_order_id = NEW.repair_order_id`;

const TRIGGER_BODY: Sql[] = [
  sql`INSERT OR IGNORE INTO delivered_jobs (delivered_at, job_id, repair_order_id, advisor_id, technician_id, concern_group, labor_milli)
    SELECT d.delivered_at, j.id, r.id, r.advisor_id, j.technician_id, j.concern_group,
      coalesce((SELECT sum(l.qty_milli) FROM repair_order_lines l WHERE l.job_id = j.id AND l.kind = 'labor'), 0)
    FROM repair_order_deliveries d
    JOIN repair_orders r ON r.id = d.repair_order_id
    JOIN repair_order_jobs j ON j.repair_order_id = r.id
    WHERE ${handover} AND j.authorization_state = 'approved'`,
  sql`INSERT OR IGNORE INTO delivered_job_operations (code, delivered_at, job_id)
    SELECT DISTINCT coalesce(l.code, ''), d.delivered_at, j.id
    FROM repair_order_deliveries d
    JOIN repair_order_jobs j ON j.repair_order_id = d.repair_order_id
    LEFT JOIN repair_order_lines l ON l.job_id = j.id AND l.kind = 'labor'
    WHERE ${handover} AND j.authorization_state = 'approved'`,
  ...GRAINS.flatMap((grain) => [
    ...summaryOfJobs(
      grain,
      sql`delivered_jobs`,
      sql`dj.delivered_at = NEW.delivered_at AND dj.repair_order_id = NEW.repair_order_id`,
      grain.ofInstant(sql`NEW.delivered_at`),
    ),
    sql`${insertInto(grain)}
      SELECT 'operation', ${grain.ofInstant(sql`NEW.delivered_at`)}, coalesce(l.code, ''), 0, count(DISTINCT j.id), 0, max(l.name_zh), max(l.name_en)
      FROM repair_order_deliveries d
      JOIN repair_order_jobs j ON j.repair_order_id = d.repair_order_id
      LEFT JOIN repair_order_lines l ON l.job_id = j.id AND l.kind = 'labor'
      WHERE ${handover} AND j.authorization_state = 'approved'
      GROUP BY coalesce(l.code, '') ${addTo(grain)}`,
    summaryOfDeliveries(grain, handover),
  ]),
  sql`UPDATE comebacks SET later_delivered_at = NEW.delivered_at WHERE later_repair_order_id = NEW.repair_order_id`,
];

// ---- the backfill: a chunk of ROs at a time, their lines read once in RO order ----

const LABOR = sql.table('temp.backfill_0023_labor');
const JOBS = sql.table('temp.backfill_0023_jobs');

/**
 * Stages the chunk's labor lines (summed per job and code) and its approved delivered jobs in two temporary tables,
 * then writes every row from them: the lines are read once, in the order of the lines' RO index, instead of one
 * look-up per job as the trigger does for its one RO.
 */
async function backfillChunk(db: Kysely<unknown>, last: number, upTo: number): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS backfill_0023_labor (
    job_id INTEGER NOT NULL, code TEXT NOT NULL, qty INTEGER NOT NULL, name_zh TEXT, name_en TEXT, PRIMARY KEY (job_id, code)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE TEMP TABLE IF NOT EXISTS backfill_0023_jobs (
    delivered_at TEXT NOT NULL, job_id INTEGER PRIMARY KEY, repair_order_id INTEGER NOT NULL, advisor_id INTEGER NOT NULL,
    technician_id INTEGER, concern_group TEXT NOT NULL, labor_milli INTEGER NOT NULL, day TEXT NOT NULL
  )`.execute(db);
  await sql`DELETE FROM ${LABOR}`.execute(db);
  await sql`DELETE FROM ${JOBS}`.execute(db);
  await sql`INSERT INTO ${LABOR} SELECT job_id, code, sum(qty_milli), max(name_zh), max(name_en) FROM repair_order_lines
    WHERE repair_order_id > ${last} AND repair_order_id <= ${upTo} AND kind = 'labor' GROUP BY job_id, code`.execute(db);
  await sql`INSERT INTO ${JOBS}
    SELECT d.delivered_at, j.id, r.id, r.advisor_id, j.technician_id, j.concern_group,
      coalesce((SELECT sum(b.qty) FROM ${LABOR} b WHERE b.job_id = j.id), 0), ${deskDay(sql`d.delivered_at`)}
    FROM repair_order_deliveries d
    JOIN repair_orders r ON r.id = d.repair_order_id
    JOIN repair_order_jobs j ON j.repair_order_id = r.id
    WHERE d.repair_order_id > ${last} AND d.repair_order_id <= ${upTo} AND j.authorization_state = 'approved'`.execute(db);
  await sql`INSERT OR IGNORE INTO delivered_jobs (delivered_at, job_id, repair_order_id, advisor_id, technician_id, concern_group, labor_milli)
    SELECT delivered_at, job_id, repair_order_id, advisor_id, technician_id, concern_group, labor_milli FROM ${JOBS} ORDER BY delivered_at, job_id`.execute(
    db,
  );
  await sql`INSERT OR IGNORE INTO delivered_job_operations (code, delivered_at, job_id)
    SELECT coalesce(b.code, ''), dj.delivered_at, dj.job_id FROM ${JOBS} dj LEFT JOIN ${LABOR} b ON b.job_id = dj.job_id
    ORDER BY 1, 2, 3`.execute(db);
  // Day rows only: the month rows are summed from them at the end (backfillMonths).
  const bucket = sql`dj.day`;
  for (const statement of summaryOfJobs(DAYS, JOBS, sql`1`, bucket)) await statement.execute(db);
  await sql`${insertInto(DAYS)}
    SELECT 'operation', ${bucket}, coalesce(b.code, ''), 0, count(*), 0, max(b.name_zh), max(b.name_en)
    FROM ${JOBS} dj LEFT JOIN ${LABOR} b ON b.job_id = dj.job_id
    GROUP BY ${bucket}, coalesce(b.code, '') ${addTo(DAYS)}`.execute(db);
  await summaryOfDeliveries(DAYS, sql`d.repair_order_id > ${last} AND d.repair_order_id <= ${upTo}`).execute(db);
}

/** The dimensions of the summary rows, in the order the backfill rolls their day rows up into months. */
const DIMENSIONS = ['all', 'technician', 'advisor', 'concernGroup', 'operation'] as const;

/** One dimension's month rows, summed from its day rows once every delivery is in them (a few hundred thousand at most). */
async function backfillMonths(db: Kysely<unknown>, dimension: string): Promise<void> {
  await sql`${insertInto(MONTHS)}
    SELECT dimension, substr(day, 1, 7), key, sum(ros), sum(jobs), sum(labor_milli), max(label_zh), max(label_en)
    FROM delivered_job_days WHERE dimension = ${dimension} GROUP BY substr(day, 1, 7), key ${addTo(MONTHS)}`.execute(db);
}

type KeyedTable = 'repair_order_deliveries' | 'comebacks';
const KEY: Record<KeyedTable, string> = { repair_order_deliveries: 'repair_order_id', comebacks: 'id' };

/** The last key of the next chunk after `after` and how many rows it holds, or null when none is left. */
async function nextBound(db: Kysely<unknown>, table: KeyedTable, after: number): Promise<{ upTo: number; n: number } | null> {
  const key = sql.ref(KEY[table]);
  const last = await sql<{ k: number | null; n: number }>`SELECT max(k) AS k, count(*) AS n
    FROM (SELECT ${key} AS k FROM ${sql.table(table)} WHERE ${key} > ${after} ORDER BY ${key} LIMIT ${CHUNK})`.execute(db);
  const upTo = last.rows[0]?.k ?? null;
  return upTo === null ? null : { upTo, n: Number(last.rows[0]!.n) };
}

/**
 * Three phases, each in chunks of one transaction with its cursor (see migrate.ts): the deliveries by RO id
 * (`d:<last RO id>`: delivered jobs, their operations and what they add to the day rows), the month rows of one
 * dimension at a time (`m:<dimensions done>`), then the comeback links (`c:<last link id>`). A chunk adds only what
 * no earlier chunk added, so a resumed backfill counts nothing twice.
 */
const backfill: Backfill = {
  async total(db) {
    const result = await sql<{
      n: number;
    }>`SELECT (SELECT count(*) FROM repair_order_deliveries) + (SELECT count(*) FROM comebacks) AS n`.execute(db);
    return Number(result.rows[0]!.n);
  },
  async step(db, cursor) {
    const [phase, at] = cursor === null ? ['d', 0] : [cursor.slice(0, 1), Number(cursor.slice(2))];
    if (phase === 'd') {
      const chunk = await nextBound(db, 'repair_order_deliveries', at);
      if (chunk === null) {
        await sql`DROP TABLE IF EXISTS ${LABOR}`.execute(db);
        await sql`DROP TABLE IF EXISTS ${JOBS}`.execute(db);
        return { cursor: 'm:0', done: 0 };
      }
      await backfillChunk(db, at, chunk.upTo);
      return { cursor: `d:${chunk.upTo}`, done: chunk.n };
    }
    if (phase === 'm') {
      const dimension = DIMENSIONS[at];
      if (dimension === undefined) return { cursor: 'c:0', done: 0 };
      await backfillMonths(db, dimension);
      return { cursor: `m:${at + 1}`, done: 0 };
    }
    const chunk = await nextBound(db, 'comebacks', at);
    if (chunk === null) return null;
    const upTo = chunk.upTo;
    await sql`UPDATE comebacks SET
        earlier_delivered_at = (SELECT d.delivered_at FROM repair_order_deliveries d WHERE d.repair_order_id = comebacks.earlier_repair_order_id),
        later_opened_at = (SELECT r.opened_at FROM repair_orders r WHERE r.id = comebacks.later_repair_order_id),
        later_delivered_at = (SELECT d.delivered_at FROM repair_order_deliveries d WHERE d.repair_order_id = comebacks.later_repair_order_id)
      WHERE id > ${at} AND id <= ${upTo}`.execute(db);
    return { cursor: `c:${upTo}`, done: chunk.n };
  },
};

export const migration: Migration = {
  name: '0023-index-deliveries-comebacks',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE delivered_jobs (
      delivered_at TEXT NOT NULL,
      job_id INTEGER NOT NULL,
      repair_order_id INTEGER NOT NULL,
      advisor_id INTEGER NOT NULL,
      technician_id INTEGER,
      concern_group TEXT NOT NULL,
      -- Flat-rate hours of the job's labor lines, thousandths (0 without one).
      labor_milli INTEGER NOT NULL,
      PRIMARY KEY (delivered_at, job_id)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE TABLE delivered_job_operations (
      code TEXT NOT NULL,
      delivered_at TEXT NOT NULL,
      job_id INTEGER NOT NULL,
      PRIMARY KEY (code, delivered_at, job_id)
    ) WITHOUT ROWID`.execute(db);
    for (const grain of GRAINS) {
      await sql`CREATE TABLE ${sql.table(grain.table)} (
        dimension TEXT NOT NULL,
        ${sql.ref(grain.column)} TEXT NOT NULL,
        key TEXT NOT NULL,
        ros INTEGER NOT NULL,
        jobs INTEGER NOT NULL,
        labor_milli INTEGER NOT NULL,
        label_zh TEXT,
        label_en TEXT,
        PRIMARY KEY (dimension, ${sql.ref(grain.column)}, key)
      ) WITHOUT ROWID`.execute(db);
    }

    await sql`ALTER TABLE comebacks ADD COLUMN earlier_delivered_at TEXT`.execute(db);
    await sql`ALTER TABLE comebacks ADD COLUMN later_opened_at TEXT`.execute(db);
    await sql`ALTER TABLE comebacks ADD COLUMN later_delivered_at TEXT`.execute(db);

    await sql`CREATE TRIGGER delivered_jobs_on_delivery AFTER INSERT ON repair_order_deliveries BEGIN
      ${sql.join(TRIGGER_BODY, sql`;\n`)};
    END`.execute(db);

    // The foreman's list: suspected first, newest found first, walked in this order a page at a time; the later RO's
    // opening rides along for the date filter. The same order within one status for the status filter.
    await sql`CREATE INDEX comebacks_list ON comebacks
      ((CASE status WHEN 'suspected' THEN 0 ELSE 1 END), detected_at DESC, id DESC, later_opened_at)`.execute(db);
    await sql`CREATE INDEX comebacks_list_status ON comebacks (status, detected_at DESC, id DESC, later_opened_at)`.execute(db);
    await sql`DROP INDEX comebacks_status`.execute(db);
    // First-time fix of a period: the links against the jobs it delivered, and the comeback ROs it delivered.
    await sql`CREATE INDEX comebacks_earlier_delivered ON comebacks (earlier_delivered_at, earlier_job_id)`.execute(db);
    await sql`CREATE INDEX comebacks_later_delivered ON comebacks (later_delivered_at)`.execute(db);
  },
  backfill,
};
