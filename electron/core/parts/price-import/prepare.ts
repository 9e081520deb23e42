import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { z } from 'zod';
import {
  MAX_PRICE_FILE_BYTES,
  MAX_PRICE_FILE_MB,
  PREVIEW_ROWS,
  type ImportPrepared,
  type importPrepareInput,
  type PriceFileFormat,
} from '../../../../shared/contract/parts/price-import';
import {
  EMPTY_MAPPING,
  guessMapping,
  headerSignature,
  MAPPING_TARGETS,
  mappingProblem,
  type ColumnMapping,
  type MappingTarget,
} from '../../../../shared/domain/price-file';
import type { Actor, CoreDeps } from '../../context';
import { fail } from '../../errors';
import { absolutePath } from '../../files-folder';
import { readRows, readXlsxRows, sniffFormat, type SourceRow } from '../../imports/reader';
import { claimImportFile } from '../../imports/uploads';
import * as repo from './repository';

// An uploaded price file judged by its head (format, header, preview rows) and given its name, with the column
// mapping remembered for its header or guessed.

/** Throws the reason a file cannot be read as a price list (by its bytes), or tells its format. */
function formatOf(bytes: Uint8Array): PriceFileFormat {
  const format = sniffFormat(bytes);
  if (format === 'xls') fail('RULE', 'priceImport.fileXls', 'uploadId');
  if (format === 'binary') fail('RULE', 'priceImport.fileUnreadable', 'uploadId');
  return format;
}

/** Bytes of an uploaded CSV read for its sniff and preview: far more than eleven lines of any price list. */
const HEAD_BYTES = 1024 * 1024;

/** The first HEAD_BYTES of a file on disk (all of a smaller one). */
async function readFileHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A CSV head cut after its last whole line, so the preview never shows a line cut short: after a 0x0A byte (never
 * inside a character in UTF-8 or GB18030), in UTF-16 after a whole LF code unit.
 */
function wholeLines(head: Uint8Array, whole: boolean): Uint8Array {
  if (whole) return head;
  const le = head[0] === 0xff && head[1] === 0xfe;
  const be = head[0] === 0xfe && head[1] === 0xff;
  if (le || be) {
    for (let at = (head.length & ~1) - 2; at >= 2; at -= 2) {
      if (le ? head[at] === 0x0a && head[at + 1] === 0 : head[at] === 0 && head[at + 1] === 0x0a) return head.subarray(0, at + 2);
    }
    return head;
  }
  const end = head.lastIndexOf(0x0a);
  return end > 0 ? head.subarray(0, end + 1) : head;
}

/** The header and the first rows; a file with no header row, or one that cannot be read, is refused. */
async function readHead(
  path: string,
  head: Uint8Array,
  whole: boolean,
  format: PriceFileFormat,
  rows: number,
): Promise<SourceRow[]> {
  const found: SourceRow[] = [];
  // An XLSX is a zip whose rows can only be reached through it: streamed from disk, stopped after the rows shown.
  const stream = format === 'xlsx' ? createReadStream(path) : null;
  try {
    const batches = stream ? readXlsxRows(stream, rows) : readRows(wholeLines(head, whole), format, rows);
    for await (const batch of batches) found.push(...batch);
  } catch (error) {
    console.warn('[core] price file unreadable', error);
    fail('RULE', 'priceImport.fileUnreadable', 'uploadId');
  } finally {
    stream?.destroy();
  }
  if (found.length === 0) fail('RULE', 'priceImport.fileEmpty', 'uploadId');
  return found;
}

function parseMapping(json: string | null): ColumnMapping | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<Record<MappingTarget, unknown>>;
    const mapping = { ...EMPTY_MAPPING };
    for (const target of MAPPING_TARGETS) {
      const column = value[target];
      mapping[target] = typeof column === 'number' && Number.isInteger(column) && column >= 0 ? column : null;
    }
    return mapping;
  } catch {
    return null;
  }
}

/**
 * Claims the clerk's upload (imports/uploads.ts: already on disk as `<files>/imports/<uuid>.part`), judges it by the
 * head of its bytes read from disk, and gives it its final name `<files>/imports/<id>.<ext>` once its row exists
 * (nothing slow inside the transaction). The file is never read whole here. A refused upload is removed.
 */
export async function prepare(deps: CoreDeps, actor: Actor, input: z.output<typeof importPrepareInput>): Promise<ImportPrepared> {
  const upload = claimImportFile(deps, actor, 'priceFile', input.uploadId);
  const temp = upload.path;
  let format: PriceFileFormat;
  let headers: string[];
  let previewRows: string[][];
  let importId: number;
  let storedPath: string;
  try {
    if (upload.bytes > MAX_PRICE_FILE_BYTES) fail('RULE', 'priceImport.fileTooLarge', 'uploadId', { max: MAX_PRICE_FILE_MB });
    const bytes = await readFileHead(temp);
    format = formatOf(bytes);
    const head = await readHead(temp, bytes, upload.bytes <= bytes.length, format, PREVIEW_ROWS + 1);
    headers = head[0]!.cells.map((cell) => cell.trim());
    const width = headers.length;
    previewRows = head.slice(1).map((row) => Array.from({ length: width }, (_, i) => row.cells[i] ?? ''));
    const now = deps.clock.now().toISOString();
    const fileFormat = format;
    ({ importId, storedPath } = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertImport(trx, {
        file_name: input.fileName,
        format: fileFormat,
        stored_path: '',
        status: 'prepared',
        line_count: null,
        added: null,
        changed: null,
        unchanged: null,
        rejected: null,
        created_by: actor.id,
        created_at: now,
        committed_at: null,
        written: null,
      });
      const path = `imports/${id}.${fileFormat}`;
      await repo.setStoredPath(trx, id, path);
      return { importId: id, storedPath: path };
    }));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, absolutePath(deps.filesDir, storedPath));
  const width = headers.length;

  const remembered = parseMapping(await repo.findMapping(deps.db, headerSignature(headers)));
  const usable = remembered && !mappingProblem(remembered, width) ? remembered : null;
  return {
    importId,
    format,
    headers,
    previewRows,
    suggestedMapping: usable ?? guessMapping(headers),
    remembered: usable !== null,
  };
}
