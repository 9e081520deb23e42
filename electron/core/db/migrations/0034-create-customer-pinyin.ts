import { sql, type Kysely } from 'kysely';
import { pinyinKeys } from '../../../../shared/domain/pinyin-keys';
import type { CustomerKind } from '../../../../shared/domain/enums';
import type { Migration } from './types';

/**
 * Pinyin look-up (issue 18 item 2): staff type 张三 as `zhangsan`, `zs` or `zhang s`. customer_pinyin holds each live
 * customer file's pinyin keys (shared/domain/pinyin-keys.ts: full pinyin, initials, full syllables then initials, for
 * every plausible reading of the name, at most PINYIN_MAX_KEYS), written by the customer service with the name; the
 * look-up reads a range of customer_pinyin_key. The keys come from a JavaScript library, so no trigger can write
 * them; a trigger only removes them when a file is merged into another or erased, so every row belongs to a live
 * file whoever wrote the change (the look-up counts on that). The backfill keys the files already there.
 * Frozen once landed.
 */

/** Customers per chunk: the keys of one name take about 0.1 ms to work out, so a chunk is well under a second. */
const CHUNK = 5_000;

export const migration: Migration = {
  name: '0034-create-customer-pinyin',
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE customer_pinyin (
        customer_id INTEGER NOT NULL REFERENCES customers (id),
        key TEXT NOT NULL,
        PRIMARY KEY (customer_id, key)
      ) WITHOUT ROWID
    `.execute(db);
    await sql`CREATE INDEX customer_pinyin_key ON customer_pinyin (key)`.execute(db);
    await sql`
      CREATE TRIGGER customer_pinyin_retired AFTER UPDATE OF merged_into_id, erased_at ON customers
      WHEN NEW.merged_into_id IS NOT NULL OR NEW.erased_at IS NOT NULL
      BEGIN
        DELETE FROM customer_pinyin WHERE customer_id = NEW.id;
      END
    `.execute(db);
  },
  backfill: {
    async total(db) {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    async step(db, cursor) {
      const after = cursor === null ? 0 : Number(cursor);
      const { rows } = await sql<{ id: number; kind: CustomerKind; name: string; live: number }>`
        SELECT id, kind, name, (merged_into_id IS NULL AND erased_at IS NULL) AS live
        FROM customers WHERE id > ${after} ORDER BY id LIMIT ${CHUNK}
      `.execute(db);
      const last = rows.at(-1);
      if (!last) return null;
      // A repeated chunk (a stop before its commit) finds its rows there already.
      await sql`DELETE FROM customer_pinyin WHERE customer_id > ${after} AND customer_id <= ${last.id}`.execute(db);
      for (const row of rows) {
        if (!row.live) continue;
        const keys = pinyinKeys(row.name, row.kind);
        if (keys.length === 0) continue;
        await sql`INSERT INTO customer_pinyin (customer_id, key) VALUES ${sql.join(keys.map((key) => sql`(${row.id}, ${key})`))}`.execute(
          db,
        );
      }
      return { cursor: String(last.id), done: rows.length };
    },
  },
};
