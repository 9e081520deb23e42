import type { RepairOrderDetail } from '../../../shared/contract/repair-orders';
import { deskDay } from '../../../shared/domain/desk-time';
import { recordAudit } from '../audit/record';
import type { Actor, CoreDeps } from '../context';
import { fail } from '../errors';
import { masterPartForLine } from '../parts/part-supply/service';
import { editRepairOrder } from '../repair-orders/editing';
import { insertPricedLine } from '../repair-orders/line-service';
import * as roRepo from '../repair-orders/repository';
import { detectComebacks } from '../workshop/comebacks/service';
import * as repo from './repository';

/**
 * One click on the RO: the campaign's remedy as a job (concern = the campaign's title, payer warranty: the manufacturer
 * pays), its labor operation at the campaign's hours and its parts, written through the RO's one write path and
 * priced as addLaborLine and addPartLine price lines. The job is tied to the car's campaign row, so the delivery
 * records the campaign done (migration 0040's trigger).
 */
export function addJob(
  deps: CoreDeps,
  actor: Actor,
  input: { id: number; version: number; campaignId: number },
): Promise<RepairOrderDetail> {
  return editRepairOrder(deps, input, 'edit', async (trx, ro, now) => {
    const vehicle = (await repo.vinOfVehicle(trx, ro.vehicle_id))!;
    const open = (await repo.openCampaignsOfVin(trx, vehicle.vin, deskDay(new Date(now)))).find(
      (row) => row.id === input.campaignId,
    );
    if (!open) fail('RULE', 'campaign.notOpen', 'campaignId');
    if (open.on_ro_id !== null) fail('RULE', 'campaign.alreadyOnRo', 'campaignId', { roId: open.on_ro_id });
    const operation = await repo.laborOperation(trx, open.labor_operation_id);
    if (!operation || operation.active !== 1) fail('RULE', 'operation.retired', 'campaignId', { code: operation?.code ?? '' });
    await recordAudit(trx, actor, {
      entity: 'repair_order',
      entityId: ro.id,
      repairOrderId: ro.id,
      action: 'ro.job.added',
      at: now,
      details: { label: open.title, values: { concernGroup: 'other', payer: 'warranty', campaign: open.code } },
    });
    const jobId = await roRepo.insertJob(trx, {
      repair_order_id: ro.id,
      concern: open.title,
      concern_group: 'other',
      payer: 'warranty',
      // A campaign's remedy is a special repair (专项修理): its guarantee period is set, the advisor may change it.
      work_category: 'level1_minor_special',
      created_at: now,
      updated_at: now,
    });
    await repo.insertCampaignJob(trx, jobId, open.campaign_vehicle_id);
    const none = { discountBp: 0, discountReason: '' };
    await insertPricedLine(trx, actor, ro, jobId, now, {
      kind: 'labor',
      operationId: operation.id,
      code: operation.code,
      nameZh: operation.name_zh,
      nameEn: operation.name_en,
      qtyMilli: open.labor_hours_milli,
      unitPriceFen: operation.labor_rate_fen,
      ...none,
    });
    for (const part of JSON.parse(open.parts_json) as { partNumber: string; qtyMilli: number }[]) {
      const found = await masterPartForLine(trx, part.partNumber);
      const master = found && !found.retired ? found.part : null;
      // A part the master does not hold is a non-stock line at no price: the manufacturer pays it by claim.
      await insertPricedLine(trx, actor, ro, jobId, now, {
        kind: 'part',
        operationId: null,
        code: master?.part_number ?? part.partNumber,
        nameZh: master?.name_zh ?? part.partNumber,
        nameEn: master?.name_en ?? '',
        qtyMilli: part.qtyMilli,
        unitPriceFen: master?.list_price_fen ?? 0,
        ...none,
        partId: master?.id ?? null,
      });
    }
    await detectComebacks(trx, ro.id, new Date(now));
  });
}
