import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backfill, Migration } from './types';

/**
 * Issue 13 (ten years of data): every sort and filter of the RO list reads an index, and its text search reads FTS5.
 *
 * - Indexes that end in each sort key (number, opened, promised), behind the equality the list drives by (advisor,
 *   status). With the existing (status, opened_at), (status, promised_at), (opened_at) and the unique number, a page
 *   in any order is a walk of one index from where the previous page ended (keyset paging), whatever the filters;
 *   and covering indexes for the sets the list reads whole and sorts (a date range, an RO number prefix).
 * - repair_orders.payer_mask: who pays for the RO's jobs, one bit per payer in RO_PAYERS order (customer 1, warranty
 *   2, internal 4, insurance 8). The list filters by payer; without it, every RO walked would read its jobs.
 * - Trigram FTS5 over the RO number, the vehicle's plate and the customer's name key, so "contains" searches of 3 or
 *   more characters read an index instead of LIKE '%x%' over every RO joined to its car and customer. Contentless
 *   (only rowids are ever read back), with contentless_delete so a trigger can replace a row.
 * - customer_name_grams: every one- and two-character piece of each name key. A trigram index cannot find a
 *   two-character given name (悦薇 in 张悦薇), a two-character name or one character; this finds them anywhere in the
 *   name, as the list always did.
 *
 * The summary column and the FTS rows are kept by triggers, in the transaction of the write that changes them: the
 * jobs, RO numbers, plates and names are written by many procedures (RO writes, packages, imports, merges, erasure,
 * the demo seed), and a trigger cannot be forgotten by one of them. The backfill fills them for the rows on file.
 */

/** Bit of each payer in payer_mask (RO_PAYERS order). */
const PAYER_BIT = (payer: string) => sql`(CASE ${sql.raw(payer)} WHEN 'customer' THEN 1 WHEN 'warranty' THEN 2
  WHEN 'internal' THEN 4 WHEN 'insurance' THEN 8 ELSE 0 END)`;

/** The payer mask of one RO from its jobs, as the grid showed it before (each payer of any job, declined or not). */
const maskOf = (roId: string) =>
  sql`(SELECT coalesce(sum(DISTINCT ${PAYER_BIT('j.payer')}), 0) FROM repair_order_jobs j WHERE j.repair_order_id = ${sql.raw(roId)})`;

const INSERT_GRAMS = sql`INSERT OR IGNORE INTO customer_name_grams (gram, customer_id)`;

/** The one- and two-character pieces of one name key (a customer's id and name_key as SQL of this file). */
const gramsOf = (id: string, name: string) => {
  const [key, customer] = [sql.raw(name), sql.raw(id)];
  return sql`SELECT substr(${key}, i, n), ${customer}
    FROM (WITH RECURSIVE at(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM at WHERE i < length(${key})) SELECT i FROM at)
    JOIN (SELECT 1 AS n UNION ALL SELECT 2) ON i + n - 1 <= length(${key})`;
};

/** [name, event, body]: only constant SQL of this file goes in. */
const TRIGGERS: [string, RawBuilder<unknown>, RawBuilder<unknown>][] = [
  [
    'repair_order_payers_job_insert',
    sql`AFTER INSERT ON repair_order_jobs`,
    sql`UPDATE repair_orders SET payer_mask = payer_mask | ${PAYER_BIT('NEW.payer')} WHERE id = NEW.repair_order_id;`,
  ],
  [
    'repair_order_payers_job_update',
    sql`AFTER UPDATE OF payer, repair_order_id ON repair_order_jobs
      WHEN OLD.payer IS NOT NEW.payer OR OLD.repair_order_id IS NOT NEW.repair_order_id`,
    sql`UPDATE repair_orders SET payer_mask = ${maskOf('repair_orders.id')} WHERE id IN (OLD.repair_order_id, NEW.repair_order_id);`,
  ],
  [
    'repair_order_payers_job_delete',
    sql`AFTER DELETE ON repair_order_jobs`,
    sql`UPDATE repair_orders SET payer_mask = ${maskOf('repair_orders.id')} WHERE id = OLD.repair_order_id;`,
  ],
  [
    'repair_order_number_search_insert',
    sql`AFTER INSERT ON repair_orders`,
    sql`INSERT INTO repair_order_number_search (rowid, number) VALUES (NEW.id, NEW.number);`,
  ],
  [
    'repair_order_number_search_update',
    sql`AFTER UPDATE OF number ON repair_orders WHEN OLD.number IS NOT NEW.number`,
    sql`DELETE FROM repair_order_number_search WHERE rowid = OLD.id;
      INSERT INTO repair_order_number_search (rowid, number) VALUES (NEW.id, NEW.number);`,
  ],
  [
    'repair_order_number_search_delete',
    sql`AFTER DELETE ON repair_orders`,
    sql`DELETE FROM repair_order_number_search WHERE rowid = OLD.id;`,
  ],
  [
    'vehicle_plate_search_insert',
    sql`AFTER INSERT ON vehicles`,
    sql`INSERT INTO vehicle_plate_search (rowid, plate) VALUES (NEW.id, NEW.plate);`,
  ],
  [
    // A vehicle's edit writes every column: only a plate that changed touches the index.
    'vehicle_plate_search_update',
    sql`AFTER UPDATE OF plate ON vehicles WHEN OLD.plate IS NOT NEW.plate`,
    sql`DELETE FROM vehicle_plate_search WHERE rowid = OLD.id;
      INSERT INTO vehicle_plate_search (rowid, plate) VALUES (NEW.id, NEW.plate);`,
  ],
  ['vehicle_plate_search_delete', sql`AFTER DELETE ON vehicles`, sql`DELETE FROM vehicle_plate_search WHERE rowid = OLD.id;`],
  [
    'customer_name_search_insert',
    sql`AFTER INSERT ON customers`,
    sql`INSERT INTO customer_name_search (rowid, name_key) VALUES (NEW.id, NEW.name_key);`,
  ],
  [
    'customer_name_search_update',
    sql`AFTER UPDATE OF name_key ON customers WHEN OLD.name_key IS NOT NEW.name_key`,
    sql`DELETE FROM customer_name_search WHERE rowid = OLD.id;
      INSERT INTO customer_name_search (rowid, name_key) VALUES (NEW.id, NEW.name_key);`,
  ],
  ['customer_name_search_delete', sql`AFTER DELETE ON customers`, sql`DELETE FROM customer_name_search WHERE rowid = OLD.id;`],
  ['customer_name_grams_insert', sql`AFTER INSERT ON customers`, sql`${INSERT_GRAMS} ${gramsOf('NEW.id', 'NEW.name_key')};`],
  [
    'customer_name_grams_update',
    sql`AFTER UPDATE OF name_key ON customers WHEN OLD.name_key IS NOT NEW.name_key`,
    sql`DELETE FROM customer_name_grams WHERE customer_id = OLD.id;
      ${INSERT_GRAMS} ${gramsOf('NEW.id', 'NEW.name_key')};`,
  ],
  [
    'customer_name_grams_delete',
    sql`AFTER DELETE ON customers`,
    sql`DELETE FROM customer_name_grams WHERE customer_id = OLD.id;`,
  ],
];

/** Rows per backfill chunk: about a second on a ten-year file (measured), so progress moves steadily. */
const CHUNK = 50_000;

/** The backfill's three passes, in order; the cursor is `<pass>:<last id done>`. */
const PASSES = [
  {
    name: 'ro',
    table: 'repair_orders',
    async fill(db: Kysely<unknown>, after: number, last: number) {
      await sql`INSERT INTO repair_order_number_search (rowid, number)
        SELECT id, number FROM repair_orders WHERE id > ${after} AND id <= ${last}`.execute(db);
      await sql`UPDATE repair_orders SET payer_mask = ${maskOf('repair_orders.id')} WHERE id > ${after} AND id <= ${last}`.execute(
        db,
      );
    },
  },
  {
    name: 'vehicle',
    table: 'vehicles',
    async fill(db: Kysely<unknown>, after: number, last: number) {
      await sql`INSERT INTO vehicle_plate_search (rowid, plate)
        SELECT id, plate FROM vehicles WHERE id > ${after} AND id <= ${last}`.execute(db);
    },
  },
  {
    name: 'customer',
    table: 'customers',
    async fill(db: Kysely<unknown>, after: number, last: number) {
      await sql`INSERT INTO customer_name_search (rowid, name_key)
        SELECT id, name_key FROM customers WHERE id > ${after} AND id <= ${last}`.execute(db);
      // The positions once (MATERIALIZED), not once per customer.
      await sql`${INSERT_GRAMS}
        WITH p(i, n) AS MATERIALIZED (
          WITH RECURSIVE at(i) AS (
            SELECT 1 UNION ALL SELECT i + 1 FROM at
            WHERE i < (SELECT max(length(name_key)) FROM customers WHERE id > ${after} AND id <= ${last})
          ) SELECT i, n FROM at JOIN (SELECT 1 AS n UNION ALL SELECT 2))
        SELECT substr(c.name_key, p.i, p.n), c.id
        FROM customers c JOIN p ON p.i <= length(c.name_key) AND p.i + p.n - 1 <= length(c.name_key)
        WHERE c.id > ${after} AND c.id <= ${last}`.execute(db);
    },
  },
] as const;

/**
 * Fills the search rows and payer masks of the rows on file, CHUNK ids at a time. Each chunk commits with its cursor
 * (see migrate.ts), so a stopped upgrade resumes after the last committed chunk and never inserts a row twice; rows
 * written after `up` are the triggers' (nothing is written while a backfill is pending: the core serves no call).
 */
const backfill: Backfill = {
  async total(db) {
    const { rows } = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM repair_orders) + (SELECT count(*) FROM vehicles) + (SELECT count(*) FROM customers) AS n`.execute(db);
    return rows[0]?.n ?? 0;
  },
  async step(db, cursor) {
    let passIndex = 0;
    let after = 0;
    if (cursor !== null) {
      const [name, id] = cursor.split(':');
      passIndex = PASSES.findIndex((pass) => pass.name === name);
      after = Number(id);
      if (passIndex < 0 || !Number.isSafeInteger(after)) throw new Error(`0022 backfill: unreadable cursor ${cursor}`);
    }
    for (; passIndex < PASSES.length; passIndex++, after = 0) {
      const pass = PASSES[passIndex]!;
      const { rows } = await sql<{ last: number | null; n: number }>`SELECT max(id) AS last, count(*) AS n
        FROM (SELECT id FROM ${sql.table(pass.table)} WHERE id > ${after} ORDER BY id LIMIT ${CHUNK})`.execute(db);
      const last = rows[0]?.last ?? null;
      if (last === null) continue;
      await pass.fill(db, after, last);
      return { cursor: `${pass.name}:${last}`, done: rows[0]!.n };
    }
    return null;
  },
};

export const migration: Migration = {
  name: '0022-index-repair-order-search',
  async up(db: Kysely<unknown>) {
    // Adding a column with a constant default rewrites no row; the backfill sets the real masks.
    await sql`ALTER TABLE repair_orders ADD COLUMN payer_mask INTEGER NOT NULL DEFAULT 0`.execute(db);

    // Sort keys with nothing before them: (opened_at) and the unique number exist; promised time did not. Promised
    // times are often the same (17:00): the opening time orders those, as the list always did.
    await sql`CREATE INDEX repair_orders_promised_at ON repair_orders (promised_at, opened_at)`.execute(db);
    // One status in any order: (status, opened_at) exists.
    await sql`CREATE INDEX repair_orders_status_number ON repair_orders (status, number)`.execute(db);
    await sql`CREATE INDEX repair_orders_status_promised_at ON repair_orders (status, promised_at, opened_at)`.execute(db);
    // One advisor's ROs in any order (the advisor filter; with a status, the service drives by the smaller of the two).
    await sql`CREATE INDEX repair_orders_advisor_opened ON repair_orders (advisor_id, opened_at)`.execute(db);
    await sql`CREATE INDEX repair_orders_advisor_promised_at ON repair_orders (advisor_id, promised_at, opened_at)`.execute(db);
    await sql`CREATE INDEX repair_orders_advisor_number ON repair_orders (advisor_id, number)`.execute(db);
    // The numbers with their opening time, read without an RO row: an RO number prefix newest first (see the
    // service's GRID_COVERED_SET), and the numbers walked past a date range (the range checked in the index).
    await sql`CREATE INDEX repair_orders_number_opened ON repair_orders (number, opened_at)`.execute(db);
    // The payers on a few ROs in a hundred (internal, insurance), newest first: a walk of the whole list would pass a
    // hundred ROs for each one it shows. Filled by the backfill's masks (an index follows its table's updates).
    await sql`CREATE INDEX repair_orders_internal_opened ON repair_orders (opened_at) WHERE (payer_mask & 4) <> 0`.execute(db);
    await sql`CREATE INDEX repair_orders_insurance_opened ON repair_orders (opened_at) WHERE (payer_mask & 8) <> 0`.execute(db);

    for (const [table, column] of [
      ['repair_order_number_search', 'number'],
      ['vehicle_plate_search', 'plate'],
      ['customer_name_search', 'name_key'],
    ] as const) {
      await sql`CREATE VIRTUAL TABLE ${sql.raw(table)} USING fts5(${sql.raw(column)},
        tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
    }
    await sql`CREATE TABLE customer_name_grams (
      gram TEXT NOT NULL,
      customer_id INTEGER NOT NULL,
      PRIMARY KEY (gram, customer_id)
    ) WITHOUT ROWID`.execute(db);
    for (const [name, event, body] of TRIGGERS) {
      await sql`CREATE TRIGGER ${sql.raw(name)} ${event} BEGIN ${body} END`.execute(db);
    }
  },
  backfill,
};
