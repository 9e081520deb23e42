import type { z } from 'zod';
import type { CampaignProgress, CampaignRow, OpenCampaign, campaignGridInput } from '../../../shared/contract/campaigns';
import type { Page } from '../../../shared/contract/paging';
import { deskDay } from '../../../shared/domain/desk-time';
import type { CoreDeps } from '../context';
import { notFound } from '../errors';
import { campaignRow } from './mapping';
import * as repo from './repository';

// Reading campaigns: the list with progress, one campaign's months, the open campaigns of a car.

export { importCampaign } from './import';
export { addJob } from './add-job';
export { queueCalls } from './calls';
export { campaignRow } from './mapping';

export async function grid(deps: CoreDeps, input: z.output<typeof campaignGridInput>): Promise<Page<CampaignRow>> {
  const limit = input.endRow - input.startRow;
  const rows = await repo.campaignPage(deps.db, input);
  return { rows: rows.slice(0, limit).map(campaignRow), hasMore: rows.length > limit };
}

export async function progress(deps: CoreDeps, input: { id: number }): Promise<CampaignProgress> {
  const row = await repo.findCampaign(deps.db, input.id);
  if (!row || row.status === 'importing') notFound('campaign');
  const operation = (await repo.laborOperation(deps.db, row.labor_operation_id))!;
  return {
    campaign: {
      ...campaignRow(row),
      laborCode: operation.code,
      laborName: operation.name_zh,
      laborHoursMilli: row.labor_hours_milli,
      parts: JSON.parse(row.parts_json) as { partNumber: string; qtyMilli: number }[],
      fileName: row.file_name,
    },
    byMonth: (await repo.doneByMonth(deps.db, row.id)).map((month) => ({ month: month.month, done: Number(month.done) })),
  };
}

export async function openForVehicle(deps: CoreDeps, input: { vehicleId: number }): Promise<OpenCampaign[]> {
  const vehicle = await repo.vinOfVehicle(deps.db, input.vehicleId);
  if (!vehicle) notFound('vehicle');
  const rows = await repo.openCampaignsOfVin(deps.db, vehicle.vin, deskDay(deps.clock.now()));
  return rows.map((row) => ({
    campaignId: row.id,
    code: row.code,
    title: row.title,
    kind: row.kind,
    mandatory: row.mandatory === 1,
    onRoId: row.on_ro_id ?? null,
  }));
}
