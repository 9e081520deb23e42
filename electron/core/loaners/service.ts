import type { z } from 'zod';
import type {
  createLoanerInput,
  lendInput,
  LoanDto,
  LoanerCarDto,
  loanersListInput,
  returnLoanInput,
  updateLoanerInput,
} from '../../../shared/contract/loaners';
import type { Page } from '../../../shared/contract/paging';
import { daysLent } from '../../../shared/domain/loaners';
import { isOpenStatus } from '../../../shared/domain/repair-order-status';
import { recordAudit, changedFields } from '../audit/record';
import { isoNow } from '../clock';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound, staleVersion } from '../errors';
import { carDto, loanDto } from './mapping';
import * as repo from './repository';

/** Other desks' fleet, RO pages and report read again (after the commit: a rolled-back write tells nobody). */
function announce(deps: CoreDeps, written: LoanerCarDto | LoanDto): void {
  deps.events.publish({ area: 'loaners', id: 'car' in written ? written.car.id : written.id });
}

// Every write below checks all its rules before its first write, inside one transaction: a refused step leaves nothing.

async function loadCar(db: Db, id: number): Promise<LoanerCarDto> {
  const row = await repo.findCar(db, id);
  if (!row) notFound('loaner');
  return carDto(row);
}

async function loadLoan(db: Db, id: number, now: string): Promise<LoanDto> {
  const row = await repo.findLoan(db, id);
  if (!row) notFound('loan');
  return loanDto(db, row, now);
}

export async function list(deps: CoreDeps, input: z.output<typeof loanersListInput>): Promise<Page<LoanerCarDto>> {
  const rows = await repo.listCars(deps.db, input);
  return { rows: rows.slice(0, input.limit).map(carDto), hasMore: rows.length > input.limit };
}

export function get(deps: CoreDeps, id: number): Promise<LoanerCarDto> {
  return loadCar(deps.db, id);
}

export function loan(deps: CoreDeps, id: number): Promise<LoanDto> {
  return loadLoan(deps.db, id, isoNow(deps.clock));
}

export async function openLoanOfRo(deps: CoreDeps, repairOrderId: number): Promise<LoanDto | null> {
  const open = await repo.findOpenLoanOfRo(deps.db, repairOrderId);
  return open ? loadLoan(deps.db, open.id, isoNow(deps.clock)) : null;
}

const LOANS_OF_RO = 20;

export async function loansOfRo(deps: CoreDeps, repairOrderId: number): Promise<LoanDto[]> {
  const now = isoNow(deps.clock);
  const ids = await repo.loanIdsOfRo(deps.db, repairOrderId, LOANS_OF_RO);
  const loans: LoanDto[] = [];
  for (const { id } of ids) loans.push(await loadLoan(deps.db, id, now));
  return loans;
}

async function refuseTakenPlate(trx: Db, plate: string, ownId: number | null): Promise<void> {
  const other = await repo.findCarByPlate(trx, plate);
  if (other && other.id !== ownId) fail('RULE', 'loaner.plateTaken', 'plate', { plate });
}

export async function create(deps: CoreDeps, actor: Actor, input: z.output<typeof createLoanerInput>): Promise<LoanerCarDto> {
  const now = isoNow(deps.clock);
  const written = await deps.db.transaction().execute(async (trx) => {
    await refuseTakenPlate(trx, input.plate, null);
    const id = await repo.insertCar(trx, {
      plate: input.plate,
      model: input.model,
      status: 'available',
      mileage_km: input.mileageKm,
      fuel_eighths: input.fuelEighths,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      entity: 'loaner',
      entityId: id,
      action: 'loaner.created',
      at: now,
      details: { label: input.plate, values: { model: input.model, mileageKm: input.mileageKm } },
    });
    return loadCar(trx, id);
  });
  announce(deps, written);
  return written;
}

export async function update(deps: CoreDeps, actor: Actor, input: z.output<typeof updateLoanerInput>): Promise<LoanerCarDto> {
  const now = isoNow(deps.clock);
  const written = await deps.db.transaction().execute(async (trx) => {
    const car = await repo.findCar(trx, input.id);
    if (!car) notFound('loaner');
    if (car.version !== input.version) staleVersion();
    // A lent car's status is its loan's: only its return makes it available; it cannot go out of service meanwhile.
    if (car.status === 'lent' && input.status === 'out_of_service') {
      fail('RULE', 'loaner.lentStatus', 'status', { number: car.repair_order_number ?? '' });
    }
    const status = car.status === 'lent' ? 'lent' : input.status;
    await refuseTakenPlate(trx, input.plate, car.id);
    const changes = changedFields(
      { plate: car.plate, model: car.model, status: car.status },
      { plate: input.plate, model: input.model, status },
    );
    if (!changes) return carDto(car);
    if (car.status !== status) {
      if (status === 'out_of_service') await repo.startOutOfService(trx, car.id, now);
      else await repo.endOutOfService(trx, car.id, now);
    }
    await repo.updateCar(trx, car.id, car.version, {
      plate: input.plate,
      model: input.model,
      status,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      entity: 'loaner',
      entityId: car.id,
      action: 'loaner.changed',
      at: now,
      details: { label: input.plate, changes },
    });
    return loadCar(trx, car.id);
  });
  announce(deps, written);
  return written;
}

/**
 * Lends a car against an RO. The car must be available and unchanged since the form read it; the RO open (its car
 * still in the workshop) and without another open loan; the out-mileage not below the car's last reading; the
 * expected return after now. The car then carries the out reading and is lent.
 */
export async function lend(deps: CoreDeps, actor: Actor, input: z.output<typeof lendInput>): Promise<LoanDto> {
  const now = isoNow(deps.clock);
  const expected = new Date(input.expectedReturnAt).toISOString();
  const written = await deps.db.transaction().execute(async (trx) => {
    const car = await repo.findCar(trx, input.carId);
    if (!car) fail('NOT_FOUND', 'notFound', 'carId', { what: 'loaner' });
    if (car.status === 'lent') {
      fail('RULE', 'loan.carLent', 'carId', { plate: car.plate, number: car.repair_order_number ?? '' });
    }
    if (car.status === 'out_of_service') fail('RULE', 'loan.carOutOfService', 'carId', { plate: car.plate });
    if (car.version !== input.carVersion) staleVersion();
    const ro = await repo.findRepairOrder(trx, input.repairOrderId);
    if (!ro) fail('NOT_FOUND', 'notFound', 'repairOrderId', { what: 'repairOrder' });
    if (!isOpenStatus(ro.status)) fail('RULE', 'loan.roNotOpen', 'repairOrderId', { number: ro.number });
    const open = await repo.findOpenLoanOfRo(trx, ro.id);
    if (open) fail('RULE', 'loan.roHasLoan', 'repairOrderId', { number: ro.number });
    if (input.outMileageKm < car.mileage_km) fail('RULE', 'loan.belowLast', 'outMileageKm', { last: car.mileage_km });
    if (expected <= now) fail('RULE', 'loan.returnInPast', 'expectedReturnAt');

    const loanId = await repo.insertLoan(trx, {
      car_id: car.id,
      repair_order_id: ro.id,
      driver_name: input.driverName,
      licence_number: input.licenceNumber,
      out_at: now,
      out_mileage_km: input.outMileageKm,
      out_fuel_eighths: input.fuelEighths,
      out_by: actor.id,
      expected_return_at: expected,
    });
    await repo.insertMarks(
      trx,
      input.marks.map((mark, i) => ({
        loan_id: loanId,
        number: i + 1,
        phase: 'out' as const,
        x_permille: mark.xPermille,
        y_permille: mark.yPermille,
        kind: mark.kind,
        note: mark.note,
      })),
    );
    await repo.updateCar(trx, car.id, car.version, {
      status: 'lent',
      mileage_km: input.outMileageKm,
      fuel_eighths: input.fuelEighths,
      updated_at: now,
    });
    // The driver's name and licence stay out of the trail: the trail is never edited, a person's data must be erasable.
    await recordAudit(trx, actor, {
      entity: 'loaner',
      entityId: car.id,
      repairOrderId: ro.id,
      action: 'loaner.lent',
      at: now,
      details: {
        label: car.plate,
        values: { outMileageKm: input.outMileageKm, fuelEighths: input.fuelEighths, repairOrder: ro.number },
      },
    });
    return loadLoan(trx, loanId, now);
  });
  announce(deps, written);
  return written;
}

/** Takes a car back: in-mileage not below out-mileage; new damage numbered after the marks it went out with. */
export async function returnLoan(deps: CoreDeps, actor: Actor, input: z.output<typeof returnLoanInput>): Promise<LoanDto> {
  const now = isoNow(deps.clock);
  const written = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findLoan(trx, input.loanId);
    if (!row) fail('NOT_FOUND', 'notFound', 'loanId', { what: 'loan' });
    if (row.returned_at !== null) fail('RULE', 'loan.alreadyReturned', 'loanId', { plate: row.plate });
    if (input.inMileageKm < row.out_mileage_km) {
      fail('RULE', 'loan.inBelowOut', 'inMileageKm', { out: row.out_mileage_km });
    }
    const car = await repo.findCar(trx, row.car_id);
    if (!car) notFound('loaner');
    const marks = await repo.findMarks(trx, row.id);
    const first = marks.reduce((max, m) => Math.max(max, m.number), 0) + 1;

    await repo.returnLoan(trx, row.id, {
      returned_at: now,
      in_mileage_km: input.inMileageKm,
      in_fuel_eighths: input.fuelEighths,
      returned_by: actor.id,
      return_notes: input.notes,
    });
    await repo.insertMarks(
      trx,
      input.newMarks.map((mark, i) => ({
        loan_id: row.id,
        number: first + i,
        phase: 'in' as const,
        x_permille: mark.xPermille,
        y_permille: mark.yPermille,
        kind: mark.kind,
        note: mark.note,
      })),
    );
    await repo.updateCar(trx, car.id, car.version, {
      status: 'available',
      mileage_km: input.inMileageKm,
      fuel_eighths: input.fuelEighths,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      entity: 'loaner',
      entityId: car.id,
      repairOrderId: row.repair_order_id,
      action: 'loaner.returned',
      at: now,
      details: {
        label: row.plate,
        values: { inMileageKm: input.inMileageKm, fuelEighths: input.fuelEighths, daysLent: daysLent(row.out_at, now) },
      },
    });
    return loadLoan(trx, row.id, now);
  });
  announce(deps, written);
  return written;
}
