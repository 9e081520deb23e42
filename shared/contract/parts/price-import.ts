import { eventIterator, type } from '@orpc/contract';
import { z } from 'zod';
import {
  MAPPING_TARGETS,
  mappingProblem,
  type ColumnMapping,
  type MappingTarget,
  type RejectionReason,
} from '../../domain/price-file';
import { procedure } from '../base';
import { reasonIssue } from '../errors';
import { id, singleLine } from '../fields';
import { IMPORT_FILE_FORMATS, IMPORT_PREVIEW_ROWS, MAX_IMPORT_COLUMNS, uploadIdField, type ImportFileFormat } from '../imports';

/** The parts clerk loads the OEM's price list; the manager may do all the clerk does. */
const WRITE = ['parts_clerk', 'manager'] as const;

/** An OEM price list of 300,000 lines is 20-30 MB as CSV; twice that leaves room, a backup of the disk does not fit. */
export const MAX_PRICE_FILE_BYTES = 60 * 1024 * 1024;
export const MAX_PRICE_FILE_MB = MAX_PRICE_FILE_BYTES / (1024 * 1024);
/** Lines shown before mapping: enough to see which column is which. */
export const PREVIEW_ROWS = IMPORT_PREVIEW_ROWS;
/** Rejected lines listed in the summary; the counts cover them all. */
export const MAX_LISTED_REJECTIONS = 200;
/** The widest header a price file may have; the mapping names columns by index below it. */
export const MAX_COLUMNS = MAX_IMPORT_COLUMNS;

/** The import engine's formats (shared/contract/imports.ts). */
export const PRICE_FILE_FORMATS = IMPORT_FILE_FORMATS;
export type PriceFileFormat = ImportFileFormat;

/**
 * Where browser mode's HTTP shell takes a price file: a POST of the file's raw bytes (`IMPORT_UPLOAD_TYPE`, the desk's
 * session as for /rpc), streamed to a temporary file and answered with the upload id. On a desk (Electron) the
 * preload's import upload does the same over IPC, in slices. Either way the file then goes by its upload id (the
 * import engine's uploads, shared/contract/imports/uploads.ts).
 */
export const PRICE_FILE_UPLOAD_PATH = '/upload/price-file';

export const importPrepareInput = z.strictObject({
  /** As the clerk chose it; shown again in the import's history, never used as a path. */
  fileName: singleLine().min(1).max(200),
  /**
   * The uploaded file (PRICE_FILE_UPLOAD_PATH, or the desk's upload over IPC): the bytes never travel in the call,
   * so a price file is never held whole in a request body.
   */
  uploadId: uploadIdField('priceImport.uploadMissing'),
});

const column = z
  .int()
  .min(0)
  .max(MAX_COLUMNS - 1)
  .nullable();

/** Which column (0-based) holds each field; null: the file has none. Part number and list price are required. */
export const columnMapping = z
  .strictObject(Object.fromEntries(MAPPING_TARGETS.map((target) => [target, column])) as Record<MappingTarget, typeof column>)
  .superRefine((mapping, ctx) => {
    const problem = mappingProblem(mapping, MAX_COLUMNS);
    if (problem) ctx.addIssue({ ...reasonIssue(problem.reason), path: [problem.target] });
  });

export const ON_ERRORS = ['stop', 'skip'] as const;
export type OnErrors = (typeof ON_ERRORS)[number];

export const importRunInput = z.strictObject({
  importId: id,
  mapping: columnMapping,
  /** stop: one bad line and nothing is written; skip: the good lines are written, the bad ones listed. */
  onErrors: z.enum(ON_ERRORS),
  /**
   * false: a dry run that only checks and counts; true: check everything first, then write the good lines in short
   * transactions of a chunk each (the other desks are answered in between).
   */
  commit: z.boolean(),
});
export type ImportRunInput = z.input<typeof importRunInput>;

export interface ImportPrepared {
  importId: number;
  format: PriceFileFormat;
  /** The first row of the file, as text. */
  headers: string[];
  /** The next PREVIEW_ROWS rows, as text, each as wide as the header. */
  previewRows: string[][];
  /** The mapping used last time for a file with this header, else one guessed from the header's names. */
  suggestedMapping: ColumnMapping;
  /** True when suggestedMapping is the one remembered from an earlier import. */
  remembered: boolean;
}

export const IMPORT_PHASES = ['reading', 'checking', 'writing'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export interface ImportProgress {
  kind: 'progress';
  phase: ImportPhase;
  done: number;
  /** null while the file is still being read (its line count is not known yet). */
  total: number | null;
}

export interface ImportRejection {
  /** The line in the file as a spreadsheet numbers it: the header is line 1. */
  line: number;
  /** As the file wrote it (normalised when it could be). */
  partNumber: string;
  /** Catalogue key under `reasons.`. */
  reason: RejectionReason;
  /** The column at fault. */
  field: MappingTarget;
}

export interface ImportSummary {
  kind: 'summary';
  /** Data lines read (blank lines not counted). */
  lines: number;
  added: number;
  /** Existing parts whose list price differs. */
  changedPrice: number;
  /** Existing parts with the same list price but another field (name, brand, unit, cost, successor) different. */
  changedOther: number;
  /** Existing parts the file leaves exactly as they are. */
  unchanged: number;
  rejected: number;
  /** The first MAX_LISTED_REJECTIONS rejected lines, in file order. */
  rejections: ImportRejection[];
  /** True only when the lines were written. */
  committed: boolean;
}

export type ImportRunEvent = ImportProgress | ImportSummary;

/** Price-file import (CSV, XLSX) with remembered column mapping (issue 5): parts.* */
export const priceImportContract = {
  /**
   * Claims an uploaded price file (CSV in UTF-8 or GB18030, or XLSX, told by its bytes; see PRICE_FILE_UPLOAD_PATH),
   * keeps it under the import's name and reads its header and first rows for the mapping screen, with the mapping remembered for this header (or guessed from its names).
   * Nothing in the master changes.
   */
  importPrepare: procedure.meta({ access: WRITE }).input(importPrepareInput).output(type<ImportPrepared>()),
  /**
   * Checks (commit false) or imports (commit true) a prepared file with a mapping, streaming progress every 10,000
   * lines and the summary last. Every line is checked before anything is written: with onErrors 'stop' a single
   * rejected line writes nothing; with 'skip' only the good lines are written. The good lines are then written chunk
   * by chunk, each chunk its own transaction, so the other desks are answered in between (and may see some parts
   * at the new price and others still at the old until the last chunk). A write cut short fails with
   * `priceImport.interrupted` (lines written of the total) and the record says so; running the same file again
   * finishes it. Stock is never touched; the mapping is remembered for the file's header on commit.
   */
  importRun: procedure.meta({ access: WRITE }).input(importRunInput).output(eventIterator(type<ImportRunEvent>())),
};
