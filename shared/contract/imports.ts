import { z } from 'zod';
import { reasonIssue } from './errors';

/**
 * The one import engine's shared shapes (electron/core/imports): a file uploaded before the call that uses it,
 * claimed by an opaque id, read as CSV (UTF-8, UTF-16 or GB18030/GBK) or XLSX, its header mapped to the target's
 * fields, then checked (a dry run) or written in batches with progress. The price-file import (parts.import*) and
 * the previous-DMS import (dmsImport.*) both use it.
 */

export const IMPORT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFileFormat = (typeof IMPORT_FILE_FORMATS)[number];

/** An upload id as the core makes it (a random UUID): anything else names no upload. */
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The upload id field of a prepare call; `reason` is the catalogue key a malformed id is refused with. */
export function uploadIdField(reason: string) {
  return z.string().superRefine((value, ctx) => {
    if (!UPLOAD_ID.test(value)) ctx.addIssue(reasonIssue(reason));
  });
}

/** Rows shown before mapping: enough to see which column is which. */
export const IMPORT_PREVIEW_ROWS = 10;
/** The widest header an import file may have; a mapping names columns by index below it. */
export const MAX_IMPORT_COLUMNS = 200;

/** How far a run is: done of total (null while the file is still being read and its length is not known). */
export interface ImportRunProgress<Phase extends string = string> {
  kind: 'progress';
  phase: Phase;
  done: number;
  total: number | null;
}
