import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Issue 18 item 1, moving in from the previous DMS. Frozen once landed.
 *
 * One row per file uploaded for the import (its kind, where it is kept, how far its run went and what it counted);
 * the rows its last run refused, with the reason, the column at fault and the row's cells as the file had them, for
 * the screen's list and the spreadsheet of refused rows; the column mapping remembered per kind and header.
 */
export const migration: Migration = {
  name: '0038-create-dms-imports',
  async up(db) {
    await sql`CREATE TABLE dms_imports (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      file_name TEXT NOT NULL,
      format TEXT NOT NULL,
      encoding TEXT,
      stored_path TEXT NOT NULL,
      status TEXT NOT NULL,
      mapping_json TEXT,
      rows INTEGER,
      created INTEGER,
      matched INTEGER,
      unchanged INTEGER,
      refused INTEGER,
      written INTEGER,
      created_by INTEGER NOT NULL REFERENCES users (id),
      created_at TEXT NOT NULL,
      finished_at TEXT
    )`.execute(db);
    await sql`CREATE TABLE dms_import_refusals (
      import_id INTEGER NOT NULL REFERENCES dms_imports (id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      reason TEXT NOT NULL,
      field TEXT NOT NULL,
      row_key TEXT NOT NULL,
      cells_json TEXT NOT NULL,
      PRIMARY KEY (import_id, line)
    ) WITHOUT ROWID`.execute(db);
    await sql`CREATE TABLE dms_import_mappings (
      kind TEXT NOT NULL,
      header_signature TEXT NOT NULL,
      mapping_json TEXT NOT NULL,
      updated_by INTEGER NOT NULL REFERENCES users (id),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (kind, header_signature)
    ) WITHOUT ROWID`.execute(db);
  },
};
