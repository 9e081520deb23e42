import type { MainPartDto, RadarInput, SetMainPartInput, VehicleRiskDto } from '../../../shared/contract/warranty-risk';
import type { Page } from '../../../shared/contract/paging';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import { addDays, instantAt, wallClock } from '../../../shared/domain/desk-time';
import {
  isMainPartKind,
  outsideReason,
  warrantyPeriod,
  warrantyRiskSignals,
  WARRANTY_PERIOD_YEARS,
  type MainPartKind,
  type RiskRepair,
} from '../../../shared/domain/warranty-risk';
import { isoNow } from '../clock';
import type { CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { notFound } from '../errors';
import * as repo from './repository';

const DELIVERED = new Set(['delivered', 'closed']);

function deskDay(iso: string): string {
  return wallClock(new Date(iso)).day;
}

async function riskOf(db: Db, vehicleId: number, today: string): Promise<VehicleRiskDto> {
  const vehicle = await repo.findVehicle(db, vehicleId);
  if (!vehicle) notFound('vehicle');
  const period = warrantyPeriod(vehicle.invoice_date);
  const mileageKm = vehicle.mileage_km ?? null;
  const outside = outsideReason(period, today, mileageKm);
  const base = {
    vehicleId: vehicle.id,
    plate: vehicle.plate,
    vin: vehicle.vin,
    makeModel: `${vehicle.make} ${vehicle.model}`.trim(),
    period,
    mileageKm,
    outside,
  };
  if (!period || outside) return { ...base, signals: [], repairOrders: [], level: null };
  const from = instantAt(period.start, 0).toISOString();
  const before = instantAt(addDays(period.end, 1), 0).toISOString();
  const rows = await repo.repairsOfVehicle(db, vehicleId, from, before);
  const ids = rows.map((row) => row.id);
  const groups = new Map<number, ConcernGroup[]>();
  const parts = new Map<number, MainPartKind[]>();
  if (ids.length > 0) {
    for (const row of await repo.groupsOf(db, ids)) {
      groups.set(row.repair_order_id, [...(groups.get(row.repair_order_id) ?? []), row.concern_group as ConcernGroup]);
    }
    for (const row of await repo.mainPartsOf(db, ids)) {
      if (isMainPartKind(row.main_part_kind)) parts.set(row.repair_order_id, [...(parts.get(row.repair_order_id) ?? []), row.main_part_kind]);
    }
  }
  const repairs: RiskRepair[] = rows.map((row) => {
    const delivered = DELIVERED.has(row.status);
    return {
      repairOrderId: row.id,
      number: row.number,
      delivered,
      openedDay: deskDay(row.opened_at),
      deliveredDay: delivered && row.delivered_at ? deskDay(row.delivered_at) : null,
      groups: groups.get(row.id) ?? [],
      mainParts: parts.get(row.id) ?? [],
    };
  });
  // A delivered RO without its delivery row (none in practice) counts to today, like an open one.
  for (const ro of repairs) if (ro.delivered && !ro.deliveredDay) ro.deliveredDay = today;
  const signals = warrantyRiskSignals(repairs, today);
  const named = new Set(signals.flatMap((signal) => signal.repairOrderIds));
  return {
    ...base,
    signals,
    repairOrders: rows.filter((row) => named.has(row.id)).map((row) => ({ id: row.id, number: row.number })),
    level: signals.length === 0 ? null : signals.some((signal) => signal.level === 'reached') ? 'reached' : 'warning',
  };
}

export function vehicleRisk(deps: CoreDeps, input: { vehicleId: number }): Promise<VehicleRiskDto> {
  return riskOf(deps.db, input.vehicleId, deskDay(isoNow(deps.clock)));
}

/** The earliest invoice date that can still be inside its period today, a couple of days early (the SQL is exact). */
export function earliestInvoice(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - WARRANTY_PERIOD_YEARS);
  return addDays(date.toISOString().slice(0, 10), -2);
}

export async function radar(deps: CoreDeps, input: Required<RadarInput>): Promise<Page<VehicleRiskDto>> {
  const today = deskDay(isoNow(deps.clock));
  const rows = await repo.radar(deps.db, today, earliestInvoice(today), input);
  const page = rows.slice(0, input.limit);
  const risks: VehicleRiskDto[] = [];
  for (const row of page) risks.push(await riskOf(deps.db, row.vehicle_id, today));
  return { rows: risks, hasMore: rows.length > input.limit };
}

export async function mainPart(deps: CoreDeps, input: { partId: number }): Promise<MainPartDto> {
  const part = await repo.findPart(deps.db, input.partId);
  if (!part) notFound('part');
  return { partId: part.id, kind: isMainPartKind(part.main_part_kind) ? part.main_part_kind : null };
}

export async function setMainPart(deps: CoreDeps, input: SetMainPartInput): Promise<MainPartDto> {
  return deps.db.transaction().execute(async (trx) => {
    const part = await repo.findPart(trx, input.partId);
    if (!part) notFound('part');
    await repo.setMainPart(trx, input.partId, input.kind, isoNow(deps.clock));
    return { partId: part.id, kind: input.kind };
  });
}
