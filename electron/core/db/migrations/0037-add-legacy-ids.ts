import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 18 item 1, moving in from the previous DMS. Frozen once landed.
 *
 * What the old system called a customer, a vehicle, an RO and an RO's line (`legacy_id`), kept so that the same file
 * imported again finds and updates what the first run wrote instead of writing it twice; each is found through a
 * partial unique index that holds only the imported rows (a desk's own rows have none and cost the index nothing,
 * and no query that does not ask for a legacy id can use it, so no plan of the desks' screens changes). An RO's
 * `source` says where it came from: 'desk' (every RO before this), or 'import', history from the old system: closed,
 * no workflow, no follow-up calls, no stock, but a visit for the vehicle's history, the reminders and the KPIs. The old
 * system's advisor name and labor/parts totals are kept as it wrote them.
 */
export const migration: Migration = {
  name: '0037-add-legacy-ids',
  async up(db) {
    // ADD COLUMN with a constant default rewrites no row: instant on a ten-year file.
    await sql`ALTER TABLE customers ADD COLUMN legacy_id text`.execute(db);
    await sql`CREATE UNIQUE INDEX customers_legacy ON customers (legacy_id) WHERE legacy_id IS NOT NULL`.execute(db);
    await sql`ALTER TABLE vehicles ADD COLUMN legacy_id text`.execute(db);
    await sql`CREATE UNIQUE INDEX vehicles_legacy ON vehicles (legacy_id) WHERE legacy_id IS NOT NULL`.execute(db);
    await sql`ALTER TABLE repair_orders ADD COLUMN source text NOT NULL DEFAULT 'desk'`.execute(db);
    await sql`ALTER TABLE repair_orders ADD COLUMN legacy_id text`.execute(db);
    await sql`ALTER TABLE repair_orders ADD COLUMN legacy_advisor text`.execute(db);
    await sql`ALTER TABLE repair_orders ADD COLUMN legacy_labor_fen integer`.execute(db);
    await sql`ALTER TABLE repair_orders ADD COLUMN legacy_parts_fen integer`.execute(db);
    await sql`CREATE UNIQUE INDEX repair_orders_legacy ON repair_orders (legacy_id) WHERE legacy_id IS NOT NULL`.execute(db);
    await sql`ALTER TABLE repair_order_lines ADD COLUMN legacy_id text`.execute(db);
    await sql`CREATE UNIQUE INDEX repair_order_lines_legacy ON repair_order_lines (repair_order_id, legacy_id)
      WHERE legacy_id IS NOT NULL`.execute(db);
  },
};
