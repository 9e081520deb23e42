import type { Generated } from 'kysely';
import type { LoanerStatus } from '../../../../shared/domain/loaners';
import type { DamageKind } from '../../../../shared/contract/repair-orders/check-in';

/** The loaner fleet (migration 0041). */
export interface LoanerCarsTable {
  id: Generated<number>;
  /** normalizePlate form. */
  plate: string;
  model: string;
  status: LoanerStatus;
  mileage_km: number;
  fuel_eighths: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A loan of one car against one RO; returned_at null while the car is out. */
export interface LoanerLoansTable {
  id: Generated<number>;
  car_id: number;
  repair_order_id: number;
  driver_name: string;
  licence_number: string;
  out_at: string;
  out_mileage_km: number;
  out_fuel_eighths: number;
  out_by: number;
  expected_return_at: string;
  returned_at: string | null;
  in_mileage_km: number | null;
  in_fuel_eighths: number | null;
  returned_by: number | null;
  return_notes: Generated<string>;
}

/** The walk-around marks of a loan: as it went out and as found on return. */
export interface LoanerLoanMarksTable {
  id: Generated<number>;
  loan_id: number;
  number: number;
  phase: 'out' | 'in';
  x_permille: number;
  y_permille: number;
  kind: DamageKind;
  note: Generated<string>;
}

/** A stretch a car could not be lent; to_at null while it still cannot. */
export interface LoanerOutOfServiceTable {
  id: Generated<number>;
  car_id: number;
  from_at: string;
  to_at: string | null;
}
