import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { MAX_DMS_FILE_BYTES, MAX_DMS_FILE_MB, type DmsPrepared, type prepareInput } from '../../../shared/contract/dms-import';
import { IMPORT_PREVIEW_ROWS, type ImportFileFormat } from '../../../shared/contract/imports';
import {
  DMS_REQUIRED,
  DMS_TARGETS,
  dmsMappingProblem,
  guessDmsMapping,
  type DmsImportKind,
  type DmsMapping,
} from '../../../shared/domain/dms-import';
import { headerSignature } from '../../../shared/domain/import-mapping';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import { absolutePath } from '../files-folder';
import { detectEncoding, readFileRows, sniffFile, type TextEncoding } from '../imports/file-rows';
import type { SourceRow } from '../imports/reader';
import { claimImportFile } from '../imports/uploads';
import * as repo from './repository';

// An uploaded export of the previous DMS claimed, judged by its head and named; its mapping remembered or guessed.

/** A remembered mapping still usable for this kind and header, or null. */
export function parseMapping(kind: DmsImportKind, json: string | null, width: number): DmsMapping | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const mapping: DmsMapping = {};
    for (const target of DMS_TARGETS[kind]) {
      const column = value[target];
      mapping[target] = typeof column === 'number' && Number.isInteger(column) && column >= 0 ? column : null;
    }
    return dmsMappingProblem(kind, mapping, width) ? null : mapping;
  } catch {
    return null;
  }
}

async function readHead(path: string, format: ImportFileFormat, encoding: TextEncoding | undefined): Promise<SourceRow[]> {
  const found: SourceRow[] = [];
  try {
    for await (const batch of readFileRows(path, format, { encoding, limit: IMPORT_PREVIEW_ROWS + 1 })) found.push(...batch);
  } catch (error) {
    console.warn('[core] DMS file unreadable', error);
    fail('RULE', 'dmsImport.fileUnreadable', 'uploadId');
  }
  if (found.length === 0) fail('RULE', 'dmsImport.fileEmpty', 'uploadId');
  return found;
}

export async function prepare(deps: CoreDeps, actor: Actor, input: z.output<typeof prepareInput>): Promise<DmsPrepared> {
  const upload = claimImportFile(deps, actor, 'dmsFile', input.uploadId);
  let prepared: Omit<DmsPrepared, 'suggestedMapping' | 'remembered'>;
  let storedPath: string;
  try {
    if (upload.bytes > MAX_DMS_FILE_BYTES) fail('RULE', 'dmsImport.fileTooLarge', 'uploadId', { max: MAX_DMS_FILE_MB });
    const sniffed = await sniffFile(upload.path);
    if (sniffed === 'xls') fail('RULE', 'dmsImport.fileXls', 'uploadId');
    if (sniffed === 'binary') fail('RULE', 'dmsImport.fileUnreadable', 'uploadId');
    const format: ImportFileFormat = sniffed;
    const encoding = format === 'csv' ? await detectEncoding(upload.path) : undefined;
    const head = await readHead(upload.path, format, encoding);
    const headers = head[0]!.cells.map((cell) => cell.trim());
    const previewRows = head.slice(1).map((row) => Array.from({ length: headers.length }, (_, i) => row.cells[i] ?? ''));
    const importId = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertImport(trx, {
        kind: input.kind,
        file_name: input.fileName,
        format,
        encoding: encoding ?? null,
        stored_path: '',
        status: 'prepared',
        created_by: actor.id,
        created_at: deps.clock.now().toISOString(),
      });
      await trx
        .updateTable('dms_imports')
        .set({ stored_path: `imports/dms-${id}.${format}` })
        .where('id', '=', id)
        .execute();
      return id;
    });
    storedPath = `imports/dms-${importId}.${format}`;
    prepared = {
      importId,
      kind: input.kind,
      format,
      encoding: encoding ?? null,
      headers,
      previewRows,
      targets: DMS_TARGETS[input.kind].map((target) => ({ target, required: DMS_REQUIRED[input.kind].includes(target) })),
    };
  } catch (error) {
    await rm(upload.path, { force: true });
    throw error;
  }
  const target = absolutePath(deps.filesDir, storedPath);
  await mkdir(dirname(target), { recursive: true });
  await rename(upload.path, target);
  const remembered = parseMapping(
    input.kind,
    await repo.findMapping(deps.db, input.kind, headerSignature(prepared.headers)),
    prepared.headers.length,
  );
  return {
    ...prepared,
    suggestedMapping: remembered ?? guessDmsMapping(input.kind, prepared.headers),
    remembered: remembered !== null,
  };
}
