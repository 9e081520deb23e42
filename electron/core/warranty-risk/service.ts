import type { MainPartDto, RadarInput, SetMainPartInput, VehicleRiskDto } from '../../../shared/contract/warranty-risk';
import type { Page } from '../../../shared/contract/paging';
import type { ConcernGroup } from '../../../shared/domain/concern-groups';
import { addDays } from '../../../shared/domain/desk-time';
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

/**
 * The desk day of an instant. Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so this is
 * shared/domain/desk-time's wallClock(...).day for every RO, by arithmetic: a radar page formats hundreds of them,
 * and Intl's formatter was a third of its time. The radar's SQL counts days the same way (repository DESK_OFFSET).
 */
const DESK_OFFSET_MS = 8 * 3_600_000;
function deskDay(iso: string): string {
  return new Date(Date.parse(iso) + DESK_OFFSET_MS).toISOString().slice(0, 10);
}
/** The instant a desk day begins (instantAt(day, 0), likewise). */
function deskMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - DESK_OFFSET_MS).toISOString();
}

type VehicleRow = NonNullable<Awaited<ReturnType<typeof repo.findVehicle>>>;
type RepairRow = Awaited<ReturnType<typeof repo.repairsOfVehicles>>[number];

/** A vehicle's risk today with the repairs it was judged on (the radar orders by their days). */
interface Assessment {
  risk: VehicleRiskDto;
  repairs: RiskRepair[];
}

/**
 * The risk of each of these vehicles today (a radar page, the cars with an open repair, or the one vehicle of the RO
 * and vehicle pages), in four reads whatever their number: the vehicles, the repair ROs of each one's period (an index
 * range per vehicle), and the groups and main parts of those ROs. In the order of `vehicleIds`; a missing vehicle is
 * left out.
 */
async function assess(db: Db, vehicleIds: readonly number[], today: string): Promise<Assessment[]> {
  if (vehicleIds.length === 0) return [];
  const vehicles = new Map((await repo.findVehicles(db, vehicleIds)).map((row) => [row.id, row]));
  const found = vehicleIds.flatMap((id) => {
    const vehicle = vehicles.get(id);
    return vehicle ? [vehicle] : [];
  });
  const ranges: repo.PeriodRange[] = [];
  for (const vehicle of found) {
    const period = warrantyPeriod(vehicle.invoice_date);
    if (!period || outsideReason(period, today, vehicle.mileage_km ?? null)) continue;
    ranges.push({ vehicleId: vehicle.id, from: deskMidnight(period.start), before: deskMidnight(addDays(period.end, 1)) });
  }
  const rows = ranges.length > 0 ? await repo.repairsOfVehicles(db, ranges) : [];
  // Each vehicle's ROs in the order they were opened.
  rows.sort((a, b) => (a.opened_at < b.opened_at ? -1 : a.opened_at > b.opened_at ? 1 : a.id - b.id));
  const byVehicle = new Map<number, RepairRow[]>(ranges.map((range) => [range.vehicleId, []]));
  for (const row of rows) byVehicle.get(row.vehicle_id)?.push(row);
  const ids = rows.map((row) => row.id);
  const groups = new Map<number, ConcernGroup[]>();
  const parts = new Map<number, MainPartKind[]>();
  if (ids.length > 0) {
    for (const row of await repo.groupsOf(db, ids)) {
      groups.set(row.repair_order_id, [...(groups.get(row.repair_order_id) ?? []), row.concern_group]);
    }
    for (const row of await repo.mainPartsOf(db, ids)) {
      if (isMainPartKind(row.main_part_kind))
        parts.set(row.repair_order_id, [...(parts.get(row.repair_order_id) ?? []), row.main_part_kind]);
    }
  }
  return found.map((vehicle) => assessOne(vehicle, byVehicle.get(vehicle.id) ?? null, groups, parts, today));
}

function assessOne(
  vehicle: VehicleRow,
  rows: readonly RepairRow[] | null,
  groups: ReadonlyMap<number, ConcernGroup[]>,
  parts: ReadonlyMap<number, MainPartKind[]>,
  today: string,
): Assessment {
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
  if (!period || outside || !rows) return { risk: { ...base, signals: [], repairOrders: [], level: null }, repairs: [] };
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
  const risk: VehicleRiskDto = {
    ...base,
    signals,
    repairOrders: rows.filter((row) => named.has(row.id)).map((row) => ({ id: row.id, number: row.number })),
    level: signals.length === 0 ? null : signals.some((signal) => signal.level === 'reached') ? 'reached' : 'warning',
  };
  return { risk, repairs };
}

export async function vehicleRisk(deps: CoreDeps, input: { vehicleId: number }): Promise<VehicleRiskDto> {
  const [found] = await assess(deps.db, [input.vehicleId], deskDay(isoNow(deps.clock)));
  if (!found) notFound('vehicle');
  return found.risk;
}

/** The earliest invoice date that can still be inside its period today, a couple of days early (the SQL is exact). */
export function earliestInvoice(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - WARRANTY_PERIOD_YEARS);
  return addDays(date.toISOString().slice(0, 10), -2);
}

/** The radar's order: a signal at its threshold first, then the most repair days, then the oldest vehicle record. */
function worstFirst(a: repo.RadarRow, b: repo.RadarRow): number {
  return b.reached - a.reached || b.total_days - a.total_days || a.vehicle_id - b.vehicle_id;
}

/**
 * Calendar days from one desk day to another, as the summary rows count a repair's days for the order (SQL julianday
 * arithmetic): not clamped like repairDays, which only differs for an RO opened after `today` (a radar read as of an
 * earlier day), so the order stays the one the radar has always had.
 */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Vehicles per assessment of the open ones (an IN list and one index range each; they are few). */
const OPEN_CHUNK = 200;

/**
 * The radar page. The vehicles whose repairs in the period are all settled come in order from their summary rows
 * (migration 0026), as many as this page and the ones before it can need. The few with an open repair, whose days
 * run with the clock, are judged now by the same rules as the vehicle's own look-up and merged in. Details are read
 * for the rows of the page only.
 */
export async function radar(deps: CoreDeps, input: Required<RadarInput>): Promise<Page<VehicleRiskDto>> {
  const today = deskDay(isoNow(deps.clock));
  const wanted = input.offset + input.limit + 1;
  const rows = await repo.settledRadar(deps.db, today, { limit: wanted, reachedOnly: input.reachedOnly });
  const open = await repo.vehiclesWithOpenRepairs(deps.db, today);
  const known = new Map<number, VehicleRiskDto>();
  for (let at = 0; at < open.length; at += OPEN_CHUNK) {
    for (const { risk, repairs } of await assess(deps.db, open.slice(at, at + OPEN_CHUNK), today)) {
      if (risk.level === null || (input.reachedOnly && risk.level !== 'reached')) continue;
      known.set(risk.vehicleId, risk);
      const days = repairs.reduce((sum, ro) => sum + daysBetween(ro.openedDay, ro.deliveredDay ?? today) + 1, 0);
      rows.push({ vehicle_id: risk.vehicleId, reached: risk.level === 'reached' ? 1 : 0, total_days: days });
    }
  }
  const page = rows.sort(worstFirst).slice(input.offset, wanted);
  const shown = page.slice(0, input.limit).map((row) => row.vehicle_id);
  for (const { risk } of await assess(
    deps.db,
    shown.filter((id) => !known.has(id)),
    today,
  ))
    known.set(risk.vehicleId, risk);
  return { rows: shown.flatMap((id) => known.get(id) ?? []), hasMore: page.length > input.limit };
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
