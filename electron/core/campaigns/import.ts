import { rm } from 'node:fs/promises';
import type { z } from 'zod';
import {
  MAX_CAMPAIGN_FILE_BYTES,
  MAX_CAMPAIGN_FILE_MB,
  MAX_LISTED_VIN_REFUSALS,
  type CampaignImportResult,
  type CampaignVinRefusal,
  type importInput,
} from '../../../shared/contract/campaigns';
import { looksLikeVin, vinColumn, type CampaignVinReason } from '../../../shared/domain/campaigns';
import { checkVin } from '../../../shared/domain/vin';
import type { Actor, CoreDeps } from '../context';
import { AppError, fail } from '../errors';
import { runInBatches } from '../imports/batch-runner';
import { detectEncoding, sniffFile } from '../imports/file-rows';
import type { SourceRow } from '../imports/reader';
import { claimImportFile, receiveImportFile } from '../imports/uploads';
import * as repo from './repository';
import { campaignRow } from './mapping';

// A campaign's VIN list read by the import engine (imports/): the file goes through the engine's upload, is sniffed
// (CSV in UTF-8, UTF-16 or GBK, or XLSX) and read in batches; each batch is one transaction of prepared inserts.

/** VINs written per transaction: large enough that 100,000 VINs take a few commits, short enough for other desks. */
const VIN_BATCH_ROWS = 5_000;

/** A Mainland-China VIN (world manufacturer code starting with L) must pass its check digit (docs/domain.md). */
function vinReason(raw: string): { vin: string; reason: CampaignVinReason | null; warn: boolean } {
  const check = checkVin(raw);
  if (check.problem) return { vin: check.vin, reason: `vin.${check.problem}`, warn: false };
  if (!check.checkDigitOk)
    return check.vin.startsWith('L')
      ? { vin: check.vin, reason: 'vin.checkDigit', warn: false }
      : { vin: check.vin, reason: null, warn: true };
  return { vin: check.vin, reason: null, warn: false };
}

export async function importCampaign(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof importInput>,
): Promise<CampaignImportResult> {
  const bytes = Buffer.from(input.fileBase64, 'base64');
  if (bytes.length === 0) fail('RULE', 'campaign.fileEmpty', 'fileBase64');
  if (bytes.length > MAX_CAMPAIGN_FILE_BYTES) fail('RULE', 'campaign.fileTooLarge', 'fileBase64', { max: MAX_CAMPAIGN_FILE_MB });
  if (await repo.findCampaignByCode(deps.db, input.code)) fail('RULE', 'campaign.codeTaken', 'code', { code: input.code });
  const operation = await repo.laborOperation(deps.db, input.laborOperationId);
  if (!operation) fail('NOT_FOUND', 'notFound', 'laborOperationId', { what: 'laborOperation' });
  if (operation.active !== 1) fail('RULE', 'operation.retired', 'laborOperationId', { code: operation.code });

  // The engine's upload and claim: the file is on disk, read from there in batches like any import file.
  const { uploadId } = await receiveImportFile(deps, actor, 'campaignFile', [bytes]);
  const { path } = claimImportFile(deps, actor, 'campaignFile', uploadId);
  let campaignId: number | null = null;
  try {
    const format = await sniffFile(path);
    if (format === 'xls') fail('RULE', 'campaign.fileXls', 'fileBase64');
    if (format === 'binary') fail('RULE', 'campaign.fileUnreadable', 'fileBase64');
    const encoding = format === 'csv' ? await detectEncoding(path) : undefined;
    const now = deps.clock.now().toISOString();
    campaignId = await deps.db.transaction().execute((trx) =>
      repo.insertCampaign(trx, {
        code: input.code,
        title: input.title,
        kind: input.kind,
        mandatory: input.mandatory ? 1 : 0,
        labor_operation_id: operation.id,
        labor_hours_milli: input.laborHoursMilli,
        parts_json: JSON.stringify(input.parts),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: 'importing',
        file_name: input.fileName,
        created_by: actor.id,
        created_at: now,
      }),
    );
    const id = campaignId;
    // The car is resolved by VIN now; a car the desk meets later is found by its VIN all the same.
    const insert = deps.sqlite.prepare(
      `INSERT INTO campaign_vehicles (campaign_id, vin, vehicle_id)
       VALUES (?, ?, (SELECT id FROM vehicles WHERE vin = ?)) ON CONFLICT (campaign_id, vin) DO NOTHING`,
    );
    let column = 0;
    let firstRow: SourceRow | null = null;
    let imported = 0;
    let refused = 0;
    let checkDigitWarnings = 0;
    const refusals: CampaignVinRefusal[] = [];
    const take = (row: SourceRow) => {
      const judged = vinReason(row.cells[column] ?? '');
      let reason = judged.reason;
      if (!reason && insert.run(id, judged.vin, judged.vin).changes === 0) reason = 'vin.duplicate';
      if (reason) {
        refused += 1;
        if (refusals.length < MAX_LISTED_VIN_REFUSALS) refusals.push({ line: row.line, vin: judged.vin, reason });
        return;
      }
      imported += 1;
      if (judged.warn) checkDigitWarnings += 1;
    };
    await runInBatches(deps, {
      path,
      format,
      encoding,
      commit: true,
      batchRows: VIN_BATCH_ROWS,
      cancelled: () => false,
      onProgress: () => undefined,
      onHeader: (cells) => {
        // A bare list of VINs has no header: its first row is a car too.
        if (looksLikeVin(cells[0] ?? '')) firstRow = { line: 1, cells };
        else column = vinColumn(cells);
      },
      onBatch: (rows) => {
        if (firstRow) {
          take(firstRow);
          firstRow = null;
        }
        for (const row of rows) take(row);
      },
    });
    const result = await deps.db.transaction().execute(async (trx) => {
      const pending = firstRow as SourceRow | null;
      if (pending) take(pending);
      if (imported === 0) fail('RULE', 'campaign.noVins', 'fileBase64', { refused });
      await repo.finishImport(trx, id, { affected_count: imported, refused_count: refused });
      return (await repo.findCampaign(trx, id))!;
    });
    return { campaign: campaignRow(result), imported, refused, checkDigitWarnings, refusals };
  } catch (error) {
    if (campaignId !== null) await deps.db.transaction().execute((trx) => repo.deleteCampaign(trx, campaignId!));
    if (error instanceof AppError) throw error;
    console.warn('[core] campaign file unreadable', error);
    return fail('RULE', 'campaign.fileUnreadable', 'fileBase64');
  } finally {
    await rm(path, { force: true });
  }
}
