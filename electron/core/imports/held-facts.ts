import { sql, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { upsertFacts } from '../db/migrations/0025/repair-orders';
import { upsertLinks } from '../db/migrations/0025/comeback-links';
import { refresh } from '../db/migrations/0026-create-warranty-risk-signals';
import type { Database } from '../db/schema';

/**
 * An import batch's report facts and 三包 signals, recomputed once per batch instead of once per row (migration 0039
 * says why). `hold` starts a batch; `release` ends it: removes the hold and recomputes every RO the batch queued, and
 * their vehicles, set-wise with the very SQL of the triggers, then empties the queue. Both run inside the batch's
 * transaction, so the hold is never seen outside it and a failed batch rolls it back with the rows.
 */

const QUEUED_ROS = sql`SELECT repair_order_id FROM report_queue WHERE repair_order_id IS NOT NULL`;

function releaseSql(db: Kysely<Database>): string {
  const statements = [
    sql`DELETE FROM fact_refresh_hold`,
    upsertFacts((column) => sql`${column} IN (${QUEUED_ROS})`),
    upsertLinks(sql`(c.id IN (SELECT comeback_id FROM report_queue) OR c.earlier_repair_order_id IN (${QUEUED_ROS})
      OR c.later_repair_order_id IN (${QUEUED_ROS}))`),
    refresh(sql`vehicle_id IN (SELECT DISTINCT r.vehicle_id FROM repair_orders r WHERE r.id IN (${QUEUED_ROS}))`),
    sql`DELETE FROM report_queue`,
  ];
  return statements.map((statement) => statement.compile(db).sql.replace(/;\s*$/, '')).join(';\n');
}

export interface FactHold {
  hold(): void;
  release(): void;
}

export function factHold(db: Kysely<Database>, sqlite: BetterSqlite3.Database): FactHold {
  const release = releaseSql(db);
  const hold = sqlite.prepare('INSERT OR IGNORE INTO fact_refresh_hold (id) VALUES (1)');
  return {
    hold: () => void hold.run(),
    release: () => sqlite.exec(release),
  };
}
