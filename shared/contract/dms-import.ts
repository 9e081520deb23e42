import { eventIterator, type } from '@orpc/contract';
import { z } from 'zod';
import {
  DMS_IMPORT_KINDS,
  DMS_TARGETS,
  dmsMappingProblem,
  type DmsImportKind,
  type DmsMapping,
  type DmsTarget,
} from '../domain/dms-import';
import type { DmsRowReason } from '../domain/dms-import-rows';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, singleLine } from './fields';
import { MAX_IMPORT_COLUMNS, uploadIdField, type ImportFileFormat, type ImportRunProgress } from './imports';

/**
 * Moving in from the previous DMS (issue 18 item 1): dmsImport.*. The screen's steps: download a template (or take the
 * old system's own export), upload the file (the import engine's upload, as the price file's), `prepare` it (format,
 * encoding, header, first rows, a proposed column mapping), `run` it as a dry run (commit false: per-row outcomes,
 * nothing written) and download the refused rows (`refusals`), then `run` it for real (commit true) with progress,
 * which `cancel` stops after the batch being written. The files go in order: customers, vehicles, RO headers (orders),
 * RO lines (orderLines).
 */

/** Moving a dealership's data in is the after-sales manager's (or the administrator's) job. */
const WRITE = ['manager', 'admin'] as const;

/** A previous DMS's export of two million RO lines is ~150 MB as CSV. */
export const MAX_DMS_FILE_BYTES = 400 * 1024 * 1024;
export const MAX_DMS_FILE_MB = MAX_DMS_FILE_BYTES / (1024 * 1024);
/**
 * Where browser mode's HTTP shell takes a DMS export: a POST of the file's raw bytes, as the price file's
 * (shared/contract/imports/uploads.ts); on a desk the preload's import upload sends it over IPC in slices.
 */
export const DMS_FILE_UPLOAD_PATH = '/upload/dms-file';
/** Row outcomes listed in a run's summary (the first ones of the file); the counts cover every row. */
export const MAX_LISTED_OUTCOMES = 500;
/** Refused rows one `refusalsPage` call lists at most. */
export const MAX_REFUSALS_PAGE = 200;

export const dmsImportKind = z.enum(DMS_IMPORT_KINDS);
export const TEMPLATE_LANGUAGES = ['zh-CN', 'en'] as const;

export const templateInput = z.strictObject({ kind: dmsImportKind, language: z.enum(TEMPLATE_LANGUAGES) });

export interface DmsImportFile {
  fileName: string;
  /** The .xlsx file, base64. */
  dataBase64: string;
}

export const prepareInput = z.strictObject({
  kind: dmsImportKind,
  /** As chosen; shown in the import's history, never used as a path. */
  fileName: singleLine().min(1).max(200),
  uploadId: uploadIdField('dmsImport.uploadMissing'),
});

const column = z
  .int()
  .min(0)
  .max(MAX_IMPORT_COLUMNS - 1)
  .nullable();
const ALL_TARGETS = [...new Set(Object.values(DMS_TARGETS).flat())] as DmsTarget[];

/** Which column (0-based) holds each of the kind's targets; null or absent: the file has none. */
export const dmsMapping = z.strictObject(
  Object.fromEntries(ALL_TARGETS.map((target) => [target, column.optional()])) as Record<DmsTarget, z.ZodOptional<typeof column>>,
);

export const runInput = z
  .strictObject({
    importId: id,
    kind: dmsImportKind,
    mapping: dmsMapping,
    /** false: a dry run (every row judged against the database, nothing written); true: write, batch by batch. */
    commit: z.boolean(),
  })
  .superRefine((input, ctx) => {
    const problem = dmsMappingProblem(input.kind, input.mapping as DmsMapping, MAX_IMPORT_COLUMNS);
    if (problem) ctx.addIssue({ ...reasonIssue(problem.reason), path: ['mapping', problem.target] });
  });
export type DmsRunInput = z.input<typeof runInput>;

export const importIdInput = z.strictObject({ importId: id });
export const refusalsPageInput = z.strictObject({
  importId: id,
  offset: z.int().min(0).max(10_000_000).default(0),
  limit: z.int().min(1).max(MAX_REFUSALS_PAGE).default(50),
});

export interface DmsTargetInfo {
  target: DmsTarget;
  required: boolean;
}

export interface DmsPrepared {
  importId: number;
  kind: DmsImportKind;
  format: ImportFileFormat;
  /** How a CSV was decoded ('utf-8', 'utf-16le', 'utf-16be', 'gb18030'); null for XLSX. */
  encoding: string | null;
  headers: string[];
  /** The first rows after the header, as text, each as wide as the header. */
  previewRows: string[][];
  /** The kind's targets in the order the screen lists them. */
  targets: DmsTargetInfo[];
  /** The mapping remembered for this kind and header, else one guessed from the header's names. */
  suggestedMapping: DmsMapping;
  remembered: boolean;
}

export const DMS_RUN_PHASES = ['reading', 'writing'] as const;
export type DmsRunPhase = (typeof DMS_RUN_PHASES)[number];
export type DmsRunProgress = ImportRunProgress<DmsRunPhase>;

/** What a row does (or, in a dry run, would do). */
export const ROW_OUTCOMES = ['created', 'updated', 'unchanged', 'refused'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

export interface DmsRowReport {
  /** The row as a spreadsheet numbers it: the header is line 1. */
  line: number;
  /** What the row is known by: the old system's id (an RO line: "<RO id>#<line>"). */
  key: string;
  outcome: RowOutcome;
  /** Why it was refused (catalogue key under `reasons.`), and the column at fault. */
  reason?: DmsRowReason;
  field?: DmsTarget;
}

export interface DmsRunSummary {
  kind: 'summary';
  /** Data rows read (blank rows not counted). */
  rows: number;
  created: number;
  /** Rows that found their record (by the old id, VIN or phone) and changed it. */
  updated: number;
  /** Rows that found their record and left it as it was (a second run of the same file). */
  unchanged: number;
  refused: number;
  /** Rows written (a commit: all of the good rows, unless cancelled; a dry run: 0). */
  written: number;
  /** The first MAX_LISTED_OUTCOMES rows' outcomes, in file order; all refused rows are in `refusalsPage` and `refusals`. */
  outcomes: DmsRowReport[];
  committed: boolean;
  /** True when `cancel` stopped it: the batches before are written whole, nothing after. */
  cancelled: boolean;
}

export type DmsRunEvent = DmsRunProgress | DmsRunSummary;

export interface DmsRefusal {
  line: number;
  key: string;
  reason: DmsRowReason;
  field: DmsTarget;
  /** The row's cells as the file had them. */
  cells: string[];
}

export interface DmsRefusalsPage {
  total: number;
  headers: string[];
  rows: DmsRefusal[];
}

export const dmsImportContract = {
  /** The kind's template as .xlsx, its header in the language asked (either is read back by `prepare`). */
  template: procedure.meta({ access: WRITE }).input(templateInput).output(type<DmsImportFile>()),
  /**
   * Claims an uploaded file (the import engine's upload), keeps it under the import's name and reads its head: format
   * (CSV in UTF-8, UTF-16 or GBK/GB18030, or XLSX, told by its bytes), header, first rows, the mapping remembered
   * for this kind and header (or guessed). Nothing else changes.
   */
  prepare: procedure.meta({ access: WRITE }).input(prepareInput).output(type<DmsPrepared>()),
  /**
   * Runs a prepared file with a mapping, streaming progress and the summary last. A dry run (commit false) judges
   * every row against the database as it stands (created, updated, unchanged or refused, and why) and writes nothing
   * but the list of refused rows. A commit writes the good rows batch by batch, each batch one transaction: a
   * customer matched by the old id, else by a phone (never two files for one phone); a vehicle by the old id, else
   * its VIN; an RO and its lines by the old ids. Running the same file again changes nothing. One run at a time.
   */
  run: procedure.meta({ access: WRITE }).input(runInput).output(eventIterator(type<DmsRunEvent>())),
  /** Stops the import's running run after the batch being written (that batch is written whole, or not at all). */
  cancel: procedure.meta({ access: WRITE }).input(importIdInput).output(type<{ cancelled: boolean }>()),
  /** A page of the rows the import's last run refused, in file order. */
  refusalsPage: procedure.meta({ access: WRITE }).input(refusalsPageInput).output(type<DmsRefusalsPage>()),
  /** The rows the import's last run refused as .xlsx: the file's header with a reason column, the rows as they were. */
  refusals: procedure.meta({ access: WRITE }).input(importIdInput).output(type<DmsImportFile>()),
};
