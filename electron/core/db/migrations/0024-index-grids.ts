import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backfill, Migration } from './types';

/**
 * Issue 13 (ten years of data): the parts grid, the customers grid, the audit trail and the workshop board read an
 * index for every sort and filter they offer. Frozen once landed.
 *
 * - parts.reserved_milli: what open RO lines hold on the shelf, kept per part so "reserved" and "available" sort
 *   along an index instead of summing reservations for all 300k parts. Triggers on part_reservations keep it in step
 *   (see below); `up` fills it from the open reservations only, which are few at any time.
 * - Name search: contentless FTS5 trigram tables over part names, customer name keys and phone numbers. Each value is
 *   stored with two trailing U+001F characters, so every character of a value starts a trigram: a one- or
 *   two-character "contains" is then a range of trigram terms (electron/core/db/contains-search.ts). Triggers keep
 *   them in step; the backfill fills them for what is already on file.
 * - Sort indexes end in the grid's tie-breaker, so a page is read along the index and paged by key.
 * - audit_log_rare: the quiet kinds of audit entry by (entity, at, id), kept by an insert trigger (see auditUp).
 * - job_clockings by (technician, start): the board reads one day's clockings, never all of them.
 */

/** Appended to every indexed value (U+001F twice); nobody types it, contains-search strips it from input. */
const PAD = sql`char(31, 31)`;

async function partsUp(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE parts ADD COLUMN reserved_milli INTEGER NOT NULL DEFAULT 0`.execute(db);
  // Only open reservations hold stock: a few hundred rows read through part_reservations_open, not history.
  await sql`
    UPDATE parts SET reserved_milli = r.reserved
    FROM (SELECT part_id, sum(reserved_milli) AS reserved FROM part_reservations WHERE status = 'open' GROUP BY part_id) AS r
    WHERE parts.id = r.part_id
  `.execute(db);
  // Triggers rather than code in the writers: reservations are written by several services (RO lines, issues,
  // receipts, delivery, cancellation) through more than one repository, and a trigger keeps the total right for
  // every one of them, in the same transaction, without touching those write paths.
  await sql`
    CREATE TRIGGER part_reservations_reserved_insert AFTER INSERT ON part_reservations
    WHEN new.status = 'open' AND new.reserved_milli <> 0
    BEGIN
      UPDATE parts SET reserved_milli = reserved_milli + new.reserved_milli WHERE id = new.part_id;
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER part_reservations_reserved_update AFTER UPDATE OF part_id, status, reserved_milli ON part_reservations
    BEGIN
      UPDATE parts SET reserved_milli = reserved_milli - old.reserved_milli WHERE id = old.part_id AND old.status = 'open';
      UPDATE parts SET reserved_milli = reserved_milli + new.reserved_milli WHERE id = new.part_id AND new.status = 'open';
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER part_reservations_reserved_delete AFTER DELETE ON part_reservations
    WHEN old.status = 'open' AND old.reserved_milli <> 0
    BEGIN
      UPDATE parts SET reserved_milli = reserved_milli - old.reserved_milli WHERE id = old.part_id;
    END
  `.execute(db);

  // One index per sortable column, ending in the tie-breaker (part_number), read forwards or backwards.
  const sortIndexes: [string, ReturnType<typeof sql>][] = [
    ['parts_grid_name_zh', sql`name_zh, part_number`],
    ['parts_grid_name_en', sql`name_en, part_number`],
    ['parts_grid_brand', sql`brand, part_number`],
    ['parts_grid_on_hand', sql`on_hand_milli, part_number`],
    ['parts_grid_reserved', sql`reserved_milli, part_number`],
    ['parts_grid_available', sql`(on_hand_milli - reserved_milli), part_number`],
    [
      'parts_grid_avg_cost',
      // The same expression as AVG_COST in parts/repository.ts: SQLite matches an expression index by its text.
      sql`(CASE WHEN on_hand_milli > 0 THEN stock_value_fen * 1000.0 / on_hand_milli ELSE cost_fen END), part_number`,
    ],
    ['parts_grid_list_price', sql`list_price_fen, part_number`],
    ['parts_grid_stock_value', sql`stock_value_fen, part_number`],
  ];
  for (const [name, columns] of sortIndexes) await sql`CREATE INDEX ${sql.id(name)} ON parts (${columns})`.execute(db);
  // Filters that can be narrow: a brand as typed (any case), retired parts, parts below their minimum.
  await sql`CREATE INDEX parts_brand_nocase ON parts (brand COLLATE NOCASE)`.execute(db);
  await sql`CREATE INDEX parts_inactive ON parts (part_number) WHERE active = 0`.execute(db);
  await sql`
    CREATE INDEX parts_below_min ON parts (part_number)
    WHERE min_qty_milli > 0 AND on_hand_milli - reserved_milli < min_qty_milli
  `.execute(db);

  await sql`
    CREATE VIRTUAL TABLE parts_name_fts USING fts5(name_zh, name_en, content='', contentless_delete=1, tokenize='trigram')
  `.execute(db);
  // Its terms, for one- and two-character searches (a range of trigrams).
  await sql`CREATE VIRTUAL TABLE parts_name_fts_vocab USING fts5vocab(parts_name_fts, 'row')`.execute(db);
  await sql`
    CREATE TRIGGER parts_name_fts_insert AFTER INSERT ON parts BEGIN
      INSERT INTO parts_name_fts (rowid, name_zh, name_en) VALUES (new.id, new.name_zh || ${PAD}, new.name_en || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER parts_name_fts_update AFTER UPDATE OF name_zh, name_en ON parts BEGIN
      DELETE FROM parts_name_fts WHERE rowid = old.id;
      INSERT INTO parts_name_fts (rowid, name_zh, name_en) VALUES (new.id, new.name_zh || ${PAD}, new.name_en || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER parts_name_fts_delete AFTER DELETE ON parts BEGIN
      DELETE FROM parts_name_fts WHERE rowid = old.id;
    END
  `.execute(db);
}

async function customersUp(db: Kysely<unknown>): Promise<void> {
  // The grid lists live files (not merged, not erased) and breaks ties newest first in both directions: an index
  // (column, id DESC) reads "ascending"; "descending" is a plain column index read backwards (customers_name_key and
  // customers_updated_at of migration 0002 already are; a second one on name_key would draw the look-up to it).
  const live = sql`WHERE merged_into_id IS NULL AND erased_at IS NULL`;
  await sql`CREATE INDEX customers_grid_name ON customers (name_key, id DESC) ${live}`.execute(db);
  await sql`CREATE INDEX customers_grid_kind ON customers (kind, id DESC) ${live}`.execute(db);
  await sql`CREATE INDEX customers_grid_kind_desc ON customers (kind) ${live}`.execute(db);
  await sql`CREATE INDEX customers_grid_updated ON customers (updated_at, id DESC) ${live}`.execute(db);
  // "Phone starts with / equals" as an index range on the digits.
  await sql`CREATE INDEX customer_phones_number ON customer_phones (number)`.execute(db);

  await sql`CREATE VIRTUAL TABLE customers_name_fts USING fts5(name_key, content='', contentless_delete=1, tokenize='trigram')`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE customers_name_fts_vocab USING fts5vocab(customers_name_fts, 'row')`.execute(db);
  await sql`
    CREATE TRIGGER customers_name_fts_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customers_name_fts (rowid, name_key) VALUES (new.id, new.name_key || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER customers_name_fts_update AFTER UPDATE OF name_key ON customers BEGIN
      DELETE FROM customers_name_fts WHERE rowid = old.id;
      INSERT INTO customers_name_fts (rowid, name_key) VALUES (new.id, new.name_key || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER customers_name_fts_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customers_name_fts WHERE rowid = old.id;
    END
  `.execute(db);

  await sql`CREATE VIRTUAL TABLE customer_phones_fts USING fts5(number, content='', contentless_delete=1, tokenize='trigram')`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE customer_phones_fts_vocab USING fts5vocab(customer_phones_fts, 'row')`.execute(db);
  await sql`
    CREATE TRIGGER customer_phones_fts_insert AFTER INSERT ON customer_phones BEGIN
      INSERT INTO customer_phones_fts (rowid, number) VALUES (new.id, new.number || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER customer_phones_fts_update AFTER UPDATE OF number ON customer_phones BEGIN
      DELETE FROM customer_phones_fts WHERE rowid = old.id;
      INSERT INTO customer_phones_fts (rowid, number) VALUES (new.id, new.number || ${PAD});
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER customer_phones_fts_delete AFTER DELETE ON customer_phones BEGIN
      DELETE FROM customer_phones_fts WHERE rowid = old.id;
    END
  `.execute(db);
}

/**
 * The kinds of audit entry nearly every write of a service day records: two entries in three are an RO's, one in five
 * a clocking's, one in fifteen a payment's. A page of one of them is found walking the trail by date (audit_log_at,
 * audit_log_user). audit/repository.ts names the same kinds.
 */
const BUSY_ENTITIES = ['repair_order', 'clocking', 'payment'];
/** The other kinds in the catalogue (shared/contract/audit.ts) when this migration was written. */
const QUIET_ENTITIES = ['labor_operation', 'part', 'price_import', 'complaint', 'user'];

async function auditUp(db: Kysely<unknown>): Promise<void> {
  // The quiet kinds are a few percent of the trail: walking it by date for one of them would read thousands of entries
  // per page. They get an index of their own, kept as a table (entity, at, id) rather than a partial index on
  // audit_log: CREATE INDEX would read all 4.6M entries of a ten-year trail inside `up`, while this table is filled by
  // the backfill through audit_log_entity, reading those entries only. The trail is append-only, so an insert
  // trigger keeps it complete; user_id lets "a person's complaints" be answered without reading each entry.
  await sql`
    CREATE TABLE audit_log_rare (
      entity TEXT NOT NULL,
      at TEXT NOT NULL,
      id INTEGER NOT NULL,
      user_id INTEGER,
      PRIMARY KEY (entity, at, id)
    ) WITHOUT ROWID
  `.execute(db);
  await sql`
    CREATE TRIGGER audit_log_rare_insert AFTER INSERT ON audit_log
    WHEN new.entity NOT IN (${sql.join(BUSY_ENTITIES.map((e) => sql.lit(e)))})
    BEGIN
      INSERT INTO audit_log_rare (entity, at, id, user_id) VALUES (new.entity, new.at, new.id, new.user_id);
    END
  `.execute(db);
}

async function workshopUp(db: Kysely<unknown>): Promise<void> {
  // The board's day: a technician's clockings started that day, and the last one started before it.
  await sql`CREATE INDEX job_clockings_technician_started ON job_clockings (technician_id, started_at)`.execute(db);
}

/**
 * Rows per chunk: a chunk of inserts takes about a second on a ten-year file. (5,000 at first: 135 chunks there, each
 * paying its commit and its bound look-up.)
 */
const CHUNK = 50_000;

/** One table the backfill fills, in id order of its source; `chunk` does the rows after `after` (an id). */
interface Phase {
  name: string;
  total(db: Kysely<unknown>): Promise<number>;
  chunk(db: Kysely<unknown>, after: number): Promise<{ last: number; done: number } | null>;
}

/** The next CHUNK ids of `ids` (a one-column `id` query ordered by id) after `after`: the last one and how many. */
async function nextChunk(db: Kysely<unknown>, ids: RawBuilder<unknown>): Promise<{ last: number; done: number } | null> {
  const { rows } = await sql<{
    last: number | null;
    n: number;
  }>`SELECT max(id) AS "last", count(*) AS n FROM (${ids} LIMIT ${CHUNK})`.execute(db);
  const last = rows[0]?.last ?? null;
  return last === null ? null : { last, done: Number(rows[0]!.n) };
}

/** An FTS table filled from its source; the chunk first clears what it writes, so a repeated chunk leaves no row twice. */
function ftsPhase(name: string, source: string, fill: (from: number, to: number) => RawBuilder<unknown>, fts: string): Phase {
  return {
    name,
    async total(db) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(source)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    async chunk(db, after) {
      const next = await nextChunk(db, sql`SELECT id FROM ${sql.table(source)} WHERE id > ${after} ORDER BY id`);
      if (!next) return null;
      await sql`DELETE FROM ${sql.table(fts)} WHERE rowid > ${after} AND rowid <= ${next.last}`.execute(db);
      await fill(after, next.last).execute(db);
      return next;
    },
  };
}

/**
 * The entries of a quiet kind copied into audit_log_rare, read through audit_log_entity (entity first), so the upgrade
 * reads those entries only, never the whole trail. OR IGNORE: a repeated chunk finds its rows there already.
 */
function auditPhase(entity: string): Phase {
  return {
    name: `audit-${entity}`,
    async total(db) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE entity = ${entity}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    async chunk(db, after) {
      const next = await nextChunk(
        db,
        sql`SELECT id FROM audit_log INDEXED BY audit_log_entity WHERE entity = ${entity} AND id > ${after} ORDER BY id`,
      );
      if (!next) return null;
      await sql`
        INSERT OR IGNORE INTO audit_log_rare (entity, at, id, user_id)
        SELECT entity, at, id, user_id FROM audit_log INDEXED BY audit_log_entity
        WHERE entity = ${entity} AND id > ${after} AND id <= ${next.last}
      `.execute(db);
      return next;
    },
  };
}

const PHASES: readonly Phase[] = [
  ftsPhase(
    'parts',
    'parts',
    (from, to) => sql`
      INSERT INTO parts_name_fts (rowid, name_zh, name_en)
      SELECT id, name_zh || ${PAD}, name_en || ${PAD} FROM parts WHERE id > ${from} AND id <= ${to}`,
    'parts_name_fts',
  ),
  ftsPhase(
    'customers',
    'customers',
    (from, to) => sql`
      INSERT INTO customers_name_fts (rowid, name_key)
      SELECT id, name_key || ${PAD} FROM customers WHERE id > ${from} AND id <= ${to}`,
    'customers_name_fts',
  ),
  ftsPhase(
    'phones',
    'customer_phones',
    (from, to) => sql`
      INSERT INTO customer_phones_fts (rowid, number)
      SELECT id, number || ${PAD} FROM customer_phones WHERE id > ${from} AND id <= ${to}`,
    'customer_phones_fts',
  ),
  // The quiet kinds of the catalogue as it stands at this migration; later kinds are written by the trigger only.
  ...QUIET_ENTITIES.map(auditPhase),
];

/** Fills the FTS tables and audit_log_rare for what is already on file, phase by phase. The cursor is `phase:lastId`. */
export const backfill: Backfill = {
  async total(db) {
    let total = 0;
    for (const phase of PHASES) total += await phase.total(db);
    return total;
  },
  async step(db, cursor) {
    const at = cursor ? cursor.lastIndexOf(':') : -1;
    let index = cursor ? PHASES.findIndex((p) => p.name === cursor.slice(0, at)) : 0;
    if (index < 0) throw new Error(`0024 backfill: unknown cursor ${cursor}`);
    let after = cursor ? Number(cursor.slice(at + 1)) : 0;
    for (; index < PHASES.length; index += 1, after = 0) {
      const phase = PHASES[index]!;
      const done = await phase.chunk(db, after);
      if (done) return { cursor: `${phase.name}:${done.last}`, done: done.done };
    }
    return null;
  },
};

export const migration: Migration = {
  name: '0024-index-grids',
  async up(db: Kysely<unknown>) {
    await partsUp(db);
    await customersUp(db);
    await auditUp(db);
    await workshopUp(db);
  },
  backfill,
};
