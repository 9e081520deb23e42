import type { LoanDto, LoanerCarDto } from '../../../shared/contract/loaners';
import { daysLent } from '../../../shared/domain/loaners';
import type { Db } from '../db/connection';
import * as repo from './repository';

export function carDto(row: repo.CarRow): LoanerCarDto {
  return {
    id: row.id,
    plate: row.plate,
    model: row.model,
    status: row.status,
    mileageKm: row.mileage_km,
    fuelEighths: row.fuel_eighths,
    version: row.version,
    lentOn:
      row.loan_id !== null && row.repair_order_id !== null
        ? { loanId: row.loan_id, repairOrderId: row.repair_order_id, repairOrderNumber: row.repair_order_number ?? '' }
        : null,
  };
}

/** A loan as screens and the agreement read it; `now` dates the days of a loan still out. */
export async function loanDto(db: Db, row: repo.LoanRow, now: string): Promise<LoanDto> {
  const marks = await repo.findMarks(db, row.id);
  const returned =
    row.returned_at !== null && row.in_mileage_km !== null && row.in_fuel_eighths !== null && row.returned_by !== null
      ? {
          at: row.returned_at,
          mileageKm: row.in_mileage_km,
          fuelEighths: row.in_fuel_eighths,
          notes: row.return_notes,
          by: { id: row.returned_by, displayName: row.returned_by_name ?? '' },
        }
      : null;
  return {
    id: row.id,
    car: { id: row.car_id, plate: row.plate, model: row.model },
    repairOrder: { id: row.repair_order_id, number: row.repair_order_number },
    driverName: row.driver_name,
    licenceNumber: row.licence_number,
    out: {
      at: row.out_at,
      mileageKm: row.out_mileage_km,
      fuelEighths: row.out_fuel_eighths,
      by: { id: row.out_by, displayName: row.out_by_name },
    },
    expectedReturnAt: row.expected_return_at,
    returned,
    daysLent: daysLent(row.out_at, returned?.at ?? now),
    drivenKm: returned ? returned.mileageKm - row.out_mileage_km : null,
    marks: marks.map((m) => ({
      number: m.number,
      phase: m.phase,
      xPermille: m.x_permille,
      yPermille: m.y_permille,
      kind: m.kind,
      note: m.note,
    })),
  };
}
