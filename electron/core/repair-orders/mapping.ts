import type { Selectable } from 'kysely';
import {
  RO_PAYERS,
  type AmountsDto,
  type RepairOrderDetail,
  type RoLineDto,
  type RoPayer,
} from '../../../shared/contract/repair-orders';
import type { LineSupplyDto } from '../../../shared/contract/parts/part-supply';
import { sumLines, type LinePrice } from '../../../shared/domain/money';
import { nextStatuses } from '../../../shared/domain/repair-order-status';
import type { Db } from '../db/connection';
import type { RepairOrderLinesTable } from '../db/schema';
import { notFound } from '../errors';
import { NON_STOCK, supplyOfRepairOrder } from '../parts/part-supply/service';
import * as repo from './repository';

// An RO's rows as the detail every RO screen shows (RepairOrderDetail): jobs with their lines and totals, totals by
// kind and by payer, the status history and what each step allows next.

function amountsOf(
  row: Pick<Selectable<RepairOrderLinesTable>, 'gross_fen' | 'discount_fen' | 'net_fen' | 'tax_fen' | 'total_fen'>,
): LinePrice {
  return {
    grossFen: row.gross_fen,
    discountFen: row.discount_fen,
    netFen: row.net_fen,
    taxFen: row.tax_fen,
    totalFen: row.total_fen,
  };
}

function lineDto(row: Selectable<RepairOrderLinesTable>, supply: ReadonlyMap<number, LineSupplyDto>): RoLineDto {
  return {
    id: row.id,
    jobId: row.job_id,
    kind: row.kind,
    position: row.position,
    operationId: row.operation_id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    qtyMilli: row.qty_milli,
    unitPriceFen: row.unit_price_fen,
    discountBp: row.discount_bp,
    discountReason: row.discount_reason,
    taxRateBp: row.tax_rate_bp,
    taxIncluded: row.tax_included === 1,
    ...amountsOf(row),
    // A part line without a reservation is a non-stock (free-text) part.
    supply: row.kind === 'part' ? (supply.get(row.id) ?? NON_STOCK) : null,
  };
}

export async function loadRepairOrder(db: Db, id: number): Promise<RepairOrderDetail> {
  const header = await repo.findRepairOrderHeader(db, id);
  if (!header) notFound('repairOrder');
  const [jobs, lines, history, supply] = await Promise.all([
    repo.findJobs(db, id),
    repo.findLines(db, id),
    repo.findStatusHistory(db, id),
    supplyOfRepairOrder(db, id),
  ]);
  const lineDtos = lines.map((line) => lineDto(line, supply));
  const payerOfJob = new Map(jobs.map((job) => [job.id, job.payer]));
  const sum = (selected: RoLineDto[]): AmountsDto => sumLines(selected);
  // A declined job keeps its own totals (the estimate the customer turned down), but the RO owes nothing for it.
  const declined = new Set(jobs.filter((job) => job.authorization_state === 'declined').map((job) => job.id));
  const owed = lineDtos.filter((line) => !declined.has(line.jobId));
  const status = header.status;
  return {
    id: header.id,
    number: header.number,
    status,
    nextStatuses: [...nextStatuses(status)],
    customer: { id: header.customer_id, name: header.customer_name, phone: header.customer_phone ?? '' },
    vehicle: { id: header.vehicle_id, vin: header.vin, plate: header.plate, makeModel: `${header.make} ${header.model}` },
    advisor: { id: header.advisor_id, displayName: header.advisor_name },
    promisedAt: header.promised_at,
    openedAt: header.opened_at,
    mileageInKm: header.mileage_in_km,
    version: header.version,
    createdAt: header.created_at,
    updatedAt: header.updated_at,
    jobs: jobs.map((job) => {
      const own = lineDtos.filter((line) => line.jobId === job.id);
      return {
        id: job.id,
        position: job.position,
        concern: job.concern,
        cause: job.cause,
        correction: job.correction,
        concernGroup: job.concern_group,
        payer: job.payer,
        authorization: job.authorization_state,
        workCategory: job.work_category,
        technician:
          job.technician_id !== null && job.technician_name !== null
            ? { id: job.technician_id, displayName: job.technician_name }
            : null,
        laborLines: own.filter((line) => line.kind === 'labor'),
        partLines: own.filter((line) => line.kind === 'part'),
        totals: sum(own),
      };
    }),
    totals: {
      labor: sum(owed.filter((line) => line.kind === 'labor')),
      parts: sum(owed.filter((line) => line.kind === 'part')),
      all: sum(owed),
      byPayer: Object.fromEntries(
        RO_PAYERS.map((payer) => [payer, sum(owed.filter((line) => payerOfJob.get(line.jobId) === payer))]),
      ) as Record<RoPayer, AmountsDto>,
    },
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      at: h.changed_at,
      userId: h.changed_by,
      userName: h.display_name,
      note: h.note,
    })),
    source: header.source,
  };
}
