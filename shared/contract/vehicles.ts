import { type } from '@orpc/contract';
import { z } from 'zod';
import { FUEL_TYPES, type FuelType, type MileageSource } from '../domain/enums';
import type { PlateKind } from '../domain/plate';
import type { RoSource } from '../domain/repair-order-status';
import { checkVin } from '../domain/vin';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, isoDate, mileageKm, modelYear, singleLine, version, vin } from './fields';

const READ = ['advisor', 'foreman', 'technician', 'csi_agent', 'parts_clerk', 'manager', 'admin'] as const;
const WRITE = ['advisor', 'manager'] as const;

const vehicleShape = {
  vin,
  plate: singleLine().max(16).default(''),
  make: singleLine().min(1).max(40),
  model: singleLine().min(1).max(60),
  year: modelYear,
  colour: singleLine().max(30).default(''),
  fuelType: z.enum(FUEL_TYPES),
  engine: singleLine().max(60).default(''),
  purchaseDate: isoDate.nullable().default(null),
  invoiceDate: isoDate.nullable().default(null),
  /** A VIN whose check digit fails (imports) is saved only when the person saving has seen the warning. */
  acceptVinWarning: z.boolean().default(false),
};

/** The check-digit rule, judged on the whole input so that the warning can be accepted. */
function requireVinWarningAccepted(value: { vin: string; acceptVinWarning: boolean }, ctx: z.RefinementCtx): void {
  const check = checkVin(value.vin);
  if (!check.problem && !check.checkDigitOk && !value.acceptVinWarning) {
    ctx.addIssue({ ...reasonIssue('vin.checkDigit'), path: ['vin'] });
  }
}

export const vehicleCreateInput = z
  .strictObject({ ...vehicleShape, ownerId: id, mileageKm: mileageKm.nullable().default(null) })
  .superRefine(requireVinWarningAccepted);
export type VehicleCreateInput = z.input<typeof vehicleCreateInput>;

export const vehicleUpdateInput = z.strictObject({ ...vehicleShape, id, version }).superRefine(requireVinWarningAccepted);

export interface VehicleSummary {
  id: number;
  vin: string;
  plate: string;
  makeModel: string;
  year: number;
  fuelType: FuelType;
}

export interface OwnershipDto {
  customerId: number;
  customerName: string;
  from: string;
  to: string | null;
}

export interface MileageDto {
  km: number;
  recordedAt: string;
  source: MileageSource;
}

export interface VehicleDetail {
  id: number;
  vin: string;
  vinCheckDigitOk: boolean;
  plate: string;
  plateKind: PlateKind;
  make: string;
  model: string;
  year: number;
  colour: string;
  fuelType: FuelType;
  newEnergy: boolean;
  engine: string;
  purchaseDate: string | null;
  invoiceDate: string | null;
  mileageKm: number | null;
  version: number;
  owners: OwnershipDto[];
  mileage: MileageDto[];
  /** Repair orders of this vehicle, newest first; `source` 'import' is history from the previous DMS. */
  history: { id: number; number: string; openedAt: string; status: string; source: RoSource }[];
}

export const vehiclesContract = {
  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<VehicleDetail>()),

  create: procedure.meta({ access: WRITE }).input(vehicleCreateInput).output(type<VehicleDetail>()),

  update: procedure.meta({ access: WRITE }).input(vehicleUpdateInput).output(type<VehicleDetail>()),

  /** The car changes hands: the current ownership ends today and the new owner's starts. */
  transferOwner: procedure
    .meta({ access: WRITE })
    .input(z.strictObject({ vehicleId: id, newOwnerId: id }))
    .output(type<VehicleDetail>()),

  /** Records an odometer reading; one lower than the last is refused. */
  recordMileage: procedure
    .meta({ access: ['advisor', 'foreman', 'technician', 'manager'] })
    .input(z.strictObject({ vehicleId: id, km: mileageKm }))
    .output(type<VehicleDetail>()),
};
