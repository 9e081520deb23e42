import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 13 (ten years of data), the follow-up queue and the customer file's writes. Frozen once landed.
 *
 * - followup_tasks.contactable: 1 while the task's customer consents to be contacted, else 0; kept by the triggers
 *   below from customers.consent_to_contact. The queue shows consenting customers only, oldest due first. A task of a
 *   customer who withdrew consent stays open (it comes back if consent is given again), so in ten years tens of
 *   thousands of them pile up at the old end of the due order: the queue walked (status, channel, due_at) past every one
 *   of them, with a customer look-up each, before it found its first page (0.2-0.6 s at ten years). With the column
 *   in the index, (status, channel, contactable, due_at) gives the page at once. The queue still checks the customer's
 *   own consent too, so the column only narrows the walk.
 * - followup_tasks_customer: a consent change updates that customer's tasks by this index, not by a scan.
 * - customers_name_fts_update and customer_phones_fts_update (migration 0024) fired whenever an UPDATE named the column
 *   in its SET list, and customers.update always names every field: each save of a file rewrote its trigram rows
 *   (and FTS merge work landed on that save now and then). They now fire only when the value really differs, as the
 *   other search triggers of these tables (customer_name_search_update, customer_name_grams_update) already do; the
 *   FTS rows hold nothing but that value, so skipping an equal one loses nothing.
 * - report_clocking_months (desk month × technician): report_clocking_days (migration 0025) summed per month, kept
 *   by triggers on the day rows (so every write path of clockings keeps it through 0025's triggers). A KPI trend read
 *   the day rows of its months and grouped them per month and technician in a temporary B-tree: 20,000 rows for 24
 *   months at ten years, the slowest statement of the trend (10-35 ms). Its full months now read a few hundred rows.
 *   Day rows are never deleted (0025 adds signed amounts), so a month row exists exactly when a day row of that month
 *   does, and its figure is their sum.
 */
export const migration: Migration = {
  name: '0028-followup-contactable-fts-on-change',
  async up(db) {
    // ADD COLUMN with a constant default rewrites no row; the few non-consenting customers' tasks are set below.
    await sql`ALTER TABLE followup_tasks ADD COLUMN contactable integer NOT NULL DEFAULT 1`.execute(db);
    await sql`
      UPDATE followup_tasks SET contactable = 0
      WHERE customer_id IN (SELECT id FROM customers WHERE consent_to_contact IS NOT 1)
    `.execute(db);
    await sql`CREATE INDEX followup_tasks_customer ON followup_tasks (customer_id)`.execute(db);
    await sql`CREATE INDEX followup_tasks_queue_contactable ON followup_tasks (status, channel, contactable, due_at)`.execute(db);
    // A task is written for a consenting customer almost always (the CSI call and the generated tasks check first):
    // the default stands, and only the rare other case pays an update.
    await sql`
      CREATE TRIGGER followup_tasks_contactable_insert AFTER INSERT ON followup_tasks
      WHEN (SELECT consent_to_contact FROM customers WHERE id = NEW.customer_id) IS NOT 1
      BEGIN
        UPDATE followup_tasks SET contactable = 0 WHERE id = NEW.id;
      END
    `.execute(db);
    await sql`
      CREATE TRIGGER followup_tasks_contactable_customer AFTER UPDATE OF customer_id ON followup_tasks
      WHEN OLD.customer_id IS NOT NEW.customer_id
      BEGIN
        UPDATE followup_tasks
        SET contactable = coalesce((SELECT consent_to_contact = 1 FROM customers WHERE id = NEW.customer_id), 0)
        WHERE id = NEW.id;
      END
    `.execute(db);
    await sql`
      CREATE TRIGGER customers_consent_followup AFTER UPDATE OF consent_to_contact ON customers
      WHEN OLD.consent_to_contact IS NOT NEW.consent_to_contact
      BEGIN
        UPDATE followup_tasks SET contactable = (NEW.consent_to_contact IS 1) WHERE customer_id = NEW.id;
      END
    `.execute(db);

    await sql`
      CREATE TABLE report_clocking_months (
        month TEXT NOT NULL,
        technician_id INTEGER NOT NULL,
        clocked_ms INTEGER NOT NULL,
        PRIMARY KEY (month, technician_id)
      ) STRICT, WITHOUT ROWID
    `.execute(db);
    // A few hundred thousand day rows at most (days × technicians): one pass, well under a second at ten years.
    await sql`
      INSERT INTO report_clocking_months (month, technician_id, clocked_ms)
      SELECT substr(day, 1, 7), technician_id, sum(clocked_ms) FROM report_clocking_days GROUP BY substr(day, 1, 7), technician_id
    `.execute(db);
    const addToMonth = (row: 'NEW' | 'OLD', sign: '' | '-') =>
      sql.raw(`INSERT INTO report_clocking_months (month, technician_id, clocked_ms)
        VALUES (substr(${row}.day, 1, 7), ${row}.technician_id, ${sign}${row}.clocked_ms)
        ON CONFLICT (month, technician_id) DO UPDATE SET clocked_ms = clocked_ms + excluded.clocked_ms`);
    await sql`CREATE TRIGGER report_clocking_months_added AFTER INSERT ON report_clocking_days BEGIN ${addToMonth('NEW', '')}; END`.execute(
      db,
    );
    await sql`
      CREATE TRIGGER report_clocking_months_changed AFTER UPDATE ON report_clocking_days BEGIN
        ${addToMonth('OLD', '-')}; ${addToMonth('NEW', '')};
      END
    `.execute(db);
    await sql`CREATE TRIGGER report_clocking_months_removed AFTER DELETE ON report_clocking_days BEGIN ${addToMonth('OLD', '-')}; END`.execute(
      db,
    );

    // The same bodies as 0024's (values padded with two U+001F, see 0024-index-grids.ts), with a WHEN.
    await sql`DROP TRIGGER IF EXISTS customers_name_fts_update`.execute(db);
    await sql`
      CREATE TRIGGER customers_name_fts_update AFTER UPDATE OF name_key ON customers
      WHEN old.name_key IS NOT new.name_key
      BEGIN
        DELETE FROM customers_name_fts WHERE rowid = old.id;
        INSERT INTO customers_name_fts (rowid, name_key) VALUES (new.id, new.name_key || char(31, 31));
      END
    `.execute(db);
    await sql`DROP TRIGGER IF EXISTS customer_phones_fts_update`.execute(db);
    await sql`
      CREATE TRIGGER customer_phones_fts_update AFTER UPDATE OF number ON customer_phones
      WHEN old.number IS NOT new.number
      BEGIN
        DELETE FROM customer_phones_fts WHERE rowid = old.id;
        INSERT INTO customer_phones_fts (rowid, number) VALUES (new.id, new.number || char(31, 31));
      END
    `.execute(db);
  },
};
