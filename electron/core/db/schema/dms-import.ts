import type { Generated } from 'kysely';
import type { ImportFileFormat } from '../../../../shared/contract/imports';
import type { DmsImportKind } from '../../../../shared/domain/dms-import';

export type DmsImportStatus = 'prepared' | 'checked' | 'running' | 'committed' | 'cancelled' | 'interrupted';

/** A file of the previous DMS uploaded for the import (migration 0038). */
export interface DmsImportsTable {
  id: Generated<number>;
  kind: DmsImportKind;
  file_name: string;
  format: ImportFileFormat;
  encoding: string | null;
  /** Relative to the files folder. */
  stored_path: string;
  status: DmsImportStatus;
  mapping_json: string | null;
  rows: number | null;
  created: number | null;
  matched: number | null;
  unchanged: number | null;
  refused: number | null;
  /** Rows written by the last run (its committed batches). */
  written: number | null;
  created_by: number;
  created_at: string;
  finished_at: string | null;
}

/** A row the import's last run refused, as the file had it. */
export interface DmsImportRefusalsTable {
  import_id: number;
  line: number;
  reason: string;
  field: string;
  row_key: string;
  cells_json: string;
}

export interface DmsImportMappingsTable {
  kind: DmsImportKind;
  header_signature: string;
  mapping_json: string;
  updated_by: number;
  updated_at: string;
}
