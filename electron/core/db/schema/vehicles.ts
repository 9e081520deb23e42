import type { Generated } from 'kysely';
import type { FuelType, MileageSource } from '../../../../shared/domain/enums';

export interface VehiclesTable {
  id: Generated<number>;
  vin: string;
  /** The VIN reversed, so "last 6-8 characters" is an indexed prefix search. */
  vin_rev: string;
  vin_check_ok: number;
  /** normalizePlate(plate): the stored and searched form. */
  plate: string;
  /** The plate without its province character. */
  plate_serial: string;
  make: string;
  model: string;
  year: number;
  colour: string;
  fuel_type: FuelType;
  engine: string;
  purchase_date: string | null;
  invoice_date: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  /** The previous DMS's id of an imported vehicle (migration 0037); null for the desk's own. */
  legacy_id: Generated<string | null>;
}

export interface VehicleOwnershipsTable {
  id: Generated<number>;
  vehicle_id: number;
  customer_id: number;
  from_at: string;
  /** Null while this is the current owner. */
  to_at: string | null;
}

export interface VehicleMileageTable {
  id: Generated<number>;
  vehicle_id: number;
  km: number;
  source: MileageSource;
  recorded_at: string;
  recorded_by: number | null;
}
