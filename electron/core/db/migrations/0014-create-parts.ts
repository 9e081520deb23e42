import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * The parts desk (issue 5): parts master, the stock ledger, reservations of RO part lines, purchasing, stocktake,
 * warranty old parts and the price-file import. Frozen once landed.
 *
 * Quantities are thousandths of the part's unit (like RO lines), money is fen. The ledger (`stock_movements`) is the
 * record; `part_stock` (per bin) and `parts.on_hand_milli` / `parts.stock_value_fen` are running totals written in
 * the same transaction as each ledger row, so reading a balance never sums 10 years of movements.
 */
export const migration: Migration = {
  name: '0014-create-parts',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('parts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      // Normalised (upper case, no spaces or dashes): shared/domain/part-number.ts.
      .addColumn('part_number', 'text', (c) => c.notNull().unique())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('brand', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('unit', 'text', (c) => c.notNull().defaultTo('piece'))
      .addColumn('list_price_fen', 'integer', (c) => c.notNull().defaultTo(0))
      // The supplier's price as last known (price file, purchase order); the valuation is the moving average below.
      .addColumn('cost_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('tax_class', 'text', (c) => c.notNull().defaultTo('standard'))
      .addColumn('superseded_by_id', 'integer', (c) => c.references('parts.id'))
      .addColumn('default_bin', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('min_qty_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_qty_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('on_hand_milli', 'integer', (c) => c.notNull().defaultTo(0))
      // Moving-average valuation of what is on hand: average unit cost = value / on hand.
      .addColumn('stock_value_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('parts_name_zh').on('parts').column('name_zh').execute();
    await db.schema.createIndex('parts_superseded_by').on('parts').column('superseded_by_id').execute();
    await db.schema.createIndex('parts_default_bin').on('parts').columns(['default_bin', 'part_number']).execute();

    await db.schema
      .createTable('part_stock')
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('bin', 'text', (c) => c.notNull())
      .addColumn('on_hand_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('part_stock_pk', ['part_id', 'bin'])
      .execute();
    await db.schema.createIndex('part_stock_bin').on('part_stock').columns(['bin', 'part_id']).execute();

    await db.schema
      .createTable('stock_movements')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('bin', 'text', (c) => c.notNull())
      // receipt | issue | return | adjustment | stocktake (shared/domain/stock.ts owns the list).
      .addColumn('kind', 'text', (c) => c.notNull())
      // Signed: in > 0, out < 0.
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('unit_cost_fen', 'integer', (c) => c.notNull())
      // Signed change of the part's stock value.
      .addColumn('value_fen', 'integer', (c) => c.notNull())
      .addColumn('on_hand_after_milli', 'integer', (c) => c.notNull())
      .addColumn('repair_order_id', 'integer', (c) => c.references('repair_orders.id'))
      .addColumn('job_id', 'integer')
      .addColumn('line_id', 'integer')
      .addColumn('purchase_order_id', 'integer')
      .addColumn('purchase_order_line_id', 'integer')
      .addColumn('stocktake_id', 'integer')
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      // The manager who let stock go below zero, when it did.
      .addColumn('override_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stock_movements_part').on('stock_movements').columns(['part_id', 'id']).execute();
    await db.schema.createIndex('stock_movements_created').on('stock_movements').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('stock_movements_order').on('stock_movements').column('repair_order_id').execute();

    // One per RO part line of a part in the master: qty = reserved + to order + issued while it is open.
    await db.schema
      .createTable('part_reservations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('line_id', 'integer', (c) => c.notNull().unique())
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('job_id', 'integer', (c) => c.notNull())
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('reserved_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('to_order_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('issued_milli', 'integer', (c) => c.notNull().defaultTo(0))
      // When the missing quantity is expected (ISO-8601 UTC), set by the parts clerk or from the purchase order.
      .addColumn('expected_at', 'text')
      // open | closed (closed: the RO was delivered or cancelled, or the line removed).
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('part_reservations_part_open')
      .on('part_reservations')
      .columns(['part_id', 'status', 'created_at'])
      .execute();
    await db.schema.createIndex('part_reservations_order').on('part_reservations').column('repair_order_id').execute();
    // The parts counter and delivery read the open reservations only: a few among years of closed ones.
    await db.schema
      .createIndex('part_reservations_open')
      .on('part_reservations')
      .columns(['status', 'repair_order_id'])
      .execute();

    // "Your parts have arrived": one per RO line a receipt filled, for the RO's advisor.
    await db.schema
      .createTable('part_arrival_notices')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('advisor_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('line_id', 'integer', (c) => c.notNull())
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text')
      .execute();
    await db.schema
      .createIndex('part_arrival_notices_advisor')
      .on('part_arrival_notices')
      .columns(['advisor_id', 'seen_at'])
      .execute();

    // Per kind (purchase order, stocktake, old-part tag) and calendar year of the desk: the last number handed out.
    await db.schema
      .createTable('document_sequences')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_sequences_pk', ['kind', 'year'])
      .execute();

    await db.schema
      .createTable('suppliers')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
      // Days from order to delivery: the expected date of a new purchase order.
      .addColumn('lead_days', 'integer', (c) => c.notNull().defaultTo(2))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('purchase_orders')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('supplier_id', 'integer', (c) => c.notNull().references('suppliers.id'))
      // draft | ordered | partly_received | received | cancelled (shared/domain owns the list).
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('expected_at', 'text')
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('ordered_at', 'text')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('purchase_orders_status').on('purchase_orders').columns(['status', 'created_at']).execute();
    await db.schema
      .createTable('purchase_order_lines')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('purchase_order_id', 'integer', (c) => c.notNull().references('purchase_orders.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('received_milli', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unit_cost_fen', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('purchase_order_lines_order').on('purchase_order_lines').column('purchase_order_id').execute();
    await db.schema.createIndex('purchase_order_lines_part').on('purchase_order_lines').column('part_id').execute();

    await db.schema
      .createTable('stocktakes')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      // counting | posted | cancelled
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('counting'))
      // The bins counted, as the clerk chose them (prefix or range); the list itself is frozen in the lines.
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('posted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('posted_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('stocktake_lines')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('stocktake_id', 'integer', (c) => c.notNull().references('stocktakes.id').onDelete('cascade'))
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('bin', 'text', (c) => c.notNull())
      // On hand in the bin when the list was frozen; the variance is counted minus this.
      .addColumn('frozen_milli', 'integer', (c) => c.notNull())
      // The moving-average unit cost at the freeze: the variance's value.
      .addColumn('unit_cost_fen', 'integer', (c) => c.notNull())
      .addColumn('counted_milli', 'integer')
      .addColumn('counted_by', 'integer', (c) => c.references('users.id'))
      .addColumn('counted_at', 'text')
      .addUniqueConstraint('stocktake_lines_part_bin', ['stocktake_id', 'part_id', 'bin'])
      .execute();

    // 旧件: parts removed under warranty, kept until the claim is settled, then returned or scrapped.
    await db.schema
      .createTable('warranty_old_parts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('tag_number', 'text', (c) => c.notNull().unique())
      .addColumn('repair_order_id', 'integer', (c) => c.notNull().references('repair_orders.id'))
      .addColumn('job_id', 'integer', (c) => c.notNull())
      .addColumn('line_id', 'integer')
      .addColumn('part_id', 'integer', (c) => c.references('parts.id'))
      .addColumn('part_number', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('qty_milli', 'integer', (c) => c.notNull())
      .addColumn('claim_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
      // held | claim_settled | returned | scrapped
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('held'))
      .addColumn('claim_settled_at', 'text')
      .addColumn('disposed_at', 'text')
      .addColumn('disposed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('warranty_old_parts_status').on('warranty_old_parts').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('warranty_old_parts_order').on('warranty_old_parts').column('repair_order_id').execute();
    await db.schema.createIndex('warranty_old_parts_line').on('warranty_old_parts').column('line_id').execute();

    // A price file's column mapping, remembered by the file's header row so the next file of that layout maps itself.
    await db.schema
      .createTable('price_import_mappings')
      .addColumn('header_signature', 'text', (c) => c.primaryKey())
      .addColumn('mapping_json', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('price_imports')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      // The uploaded file, relative to the files folder next to the database, until it is committed or dropped.
      .addColumn('stored_path', 'text', (c) => c.notNull())
      // prepared | committed | discarded
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('prepared'))
      .addColumn('line_count', 'integer')
      .addColumn('added', 'integer')
      .addColumn('changed', 'integer')
      .addColumn('unchanged', 'integer')
      .addColumn('rejected', 'integer')
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('committed_at', 'text')
      .execute();
  },
};
