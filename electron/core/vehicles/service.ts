import type { z } from 'zod';
import type { VehicleDetail, vehicleCreateInput, vehicleUpdateInput } from '../../../shared/contract/vehicles';
import { NEW_ENERGY_FUEL_TYPES } from '../../../shared/domain/enums';
import { normalizePlate, plateKind, plateSerial } from '../../../shared/domain/plate';
import { checkVin, reversed } from '../../../shared/domain/vin';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound, staleVersion } from '../errors';
import { findCustomer } from '../customers/repository';
import { vehicleHistory } from './history-repository';
import * as repo from './repository';

type VehicleFields = z.output<typeof vehicleCreateInput> | z.output<typeof vehicleUpdateInput>;

export async function loadVehicle(db: Db, id: number): Promise<VehicleDetail> {
  const row = await repo.findVehicle(db, id);
  if (!row) notFound('vehicle');
  const [owners, mileage] = await Promise.all([repo.findOwnerships(db, id), repo.findMileage(db, id)]);
  const fuelType = row.fuel_type;
  return {
    id: row.id,
    vin: row.vin,
    vinCheckDigitOk: row.vin_check_ok === 1,
    plate: row.plate,
    plateKind: plateKind(row.plate),
    make: row.make,
    model: row.model,
    year: row.year,
    colour: row.colour,
    fuelType,
    newEnergy: NEW_ENERGY_FUEL_TYPES.includes(fuelType),
    engine: row.engine,
    purchaseDate: row.purchase_date,
    invoiceDate: row.invoice_date,
    mileageKm: mileage[0]?.km ?? null,
    version: row.version,
    owners: owners.map((o) => ({ customerId: o.customer_id, customerName: o.name, from: o.from_at, to: o.to_at })),
    mileage: mileage.map((m) => ({ km: m.km, recordedAt: m.recorded_at, source: m.source })),
    history: (await vehicleHistory(db, id)).map((ro) => ({
      id: ro.id,
      number: ro.number,
      openedAt: ro.opened_at,
      status: ro.status,
      source: ro.source,
    })),
  };
}

/** Rules that need the database or the clock; the shape of each field was checked by the contract's schema. */
async function toWrite(deps: CoreDeps, db: Db, input: VehicleFields, exceptId: number, now: string): Promise<repo.VehicleWrite> {
  const vin = checkVin(input.vin);
  const plate = normalizePlate(input.plate);
  if (input.year > deps.clock.now().getUTCFullYear() + 1) fail('RULE', 'year.future', 'year');
  if (input.purchaseDate && input.purchaseDate > now.slice(0, 10)) fail('RULE', 'date.future', 'purchaseDate');
  if (input.invoiceDate && input.invoiceDate > now.slice(0, 10)) fail('RULE', 'date.future', 'invoiceDate');
  if (await repo.findVehicleHolding(db, 'vin', vin.vin, exceptId)) fail('CONFLICT', 'vin.duplicate', 'vin');
  if (plate && (await repo.findVehicleHolding(db, 'plate', plate, exceptId))) fail('CONFLICT', 'plate.duplicate', 'plate');
  return {
    vin: vin.vin,
    vin_rev: reversed(vin.vin),
    vin_check_ok: vin.checkDigitOk ? 1 : 0,
    plate,
    plate_serial: plateSerial(plate),
    make: input.make,
    model: input.model,
    year: input.year,
    colour: input.colour,
    fuel_type: input.fuelType,
    engine: input.engine,
    purchase_date: input.purchaseDate,
    invoice_date: input.invoiceDate,
    updated_at: now,
  };
}

export async function create(deps: CoreDeps, actor: Actor, input: z.output<typeof vehicleCreateInput>): Promise<VehicleDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const owner = await findCustomer(trx, input.ownerId);
    if (!owner) fail('NOT_FOUND', 'notFound', 'ownerId', { what: 'customer' });
    if (owner.merged_into_id !== null) fail('RULE', 'customer.merged', 'ownerId', { into: owner.merged_into_id });
    const id = await repo.insertVehicle(trx, { ...(await toWrite(deps, trx, input, 0, now)), created_at: now });
    await repo.startOwnership(trx, id, owner.id, now);
    if (input.mileageKm !== null) {
      await repo.insertMileage(trx, {
        vehicle_id: id,
        km: input.mileageKm,
        source: 'registration',
        recorded_at: now,
        recorded_by: actor.id,
      });
    }
    return loadVehicle(trx, id);
  });
}

export async function update(deps: CoreDeps, input: z.output<typeof vehicleUpdateInput>): Promise<VehicleDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findVehicle(trx, input.id))) notFound('vehicle');
    const row = await toWrite(deps, trx, input, input.id, now);
    if (!(await repo.updateVehicle(trx, input.id, input.version, row))) staleVersion();
    return loadVehicle(trx, input.id);
  });
}

export async function get(deps: CoreDeps, id: number): Promise<VehicleDetail> {
  return loadVehicle(deps.db, id);
}

export async function transferOwner(deps: CoreDeps, input: { vehicleId: number; newOwnerId: number }): Promise<VehicleDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findVehicle(trx, input.vehicleId))) notFound('vehicle');
    const owner = await findCustomer(trx, input.newOwnerId);
    if (!owner) fail('NOT_FOUND', 'notFound', 'newOwnerId', { what: 'customer' });
    if (owner.merged_into_id !== null) fail('RULE', 'customer.merged', 'newOwnerId', { into: owner.merged_into_id });
    const current = (await repo.findOwnerships(trx, input.vehicleId)).find((o) => o.to_at === null);
    if (current?.customer_id === owner.id) fail('RULE', 'owner.same', 'newOwnerId');
    await repo.endOwnership(trx, input.vehicleId, now);
    await repo.startOwnership(trx, input.vehicleId, owner.id, now);
    await repo.touchVehicle(trx, input.vehicleId, now);
    return loadVehicle(trx, input.vehicleId);
  });
}

/**
 * An odometer does not run backwards: the vehicle's last reading when `km` is below it, else null. Every place that
 * records a reading asks this (the vehicle page here; check-in, where a manager may override it with a reason).
 */
export async function mileageBelowLast(db: Db, vehicleId: number, km: number): Promise<number | null> {
  const last = await repo.lastMileage(db, vehicleId);
  return last && km < last.km ? last.km : null;
}

/** The refusal of a reading below the last one, on the caller's field. */
export function refuseLowerMileage(field: string, last: number): never {
  return fail('RULE', 'mileage.lower', field, { last });
}

export async function recordMileage(
  deps: CoreDeps,
  actor: Actor,
  input: { vehicleId: number; km: number },
): Promise<VehicleDetail> {
  const now = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findVehicle(trx, input.vehicleId))) notFound('vehicle');
    const last = await mileageBelowLast(trx, input.vehicleId, input.km);
    if (last !== null) refuseLowerMileage('km', last);
    await repo.insertMileage(trx, {
      vehicle_id: input.vehicleId,
      km: input.km,
      source: 'manual',
      recorded_at: now,
      recorded_by: actor.id,
    });
    await repo.touchVehicle(trx, input.vehicleId, now);
    return loadVehicle(trx, input.vehicleId);
  });
}

/**
 * Whom a visit (an appointment, an RO) of a vehicle is for: the customer given, else the vehicle's current owner. The
 * vehicle and the customer must exist, and a file merged into another is refused with the file to use instead.
 */
export async function visitCustomer(db: Db, vehicleId: number, customerId: number | undefined) {
  if (!(await repo.findVehicle(db, vehicleId))) fail('NOT_FOUND', 'notFound', 'vehicleId', { what: 'vehicle' });
  const id = customerId ?? (await repo.findOwnerships(db, vehicleId)).find((o) => o.to_at === null)?.customer_id;
  if (id === undefined) fail('INVALID_INPUT', 'required', 'customerId');
  const customer = await findCustomer(db, id);
  if (!customer) fail('NOT_FOUND', 'notFound', 'customerId', { what: 'customer' });
  if (customer.merged_into_id !== null) fail('RULE', 'customer.merged', 'customerId', { into: customer.merged_into_id });
  return customer;
}
