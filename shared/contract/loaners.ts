import { type } from '@orpc/contract';
import { z } from 'zod';
import { licenceProblem, normalizeLicence, SETTABLE_LOANER_STATUSES, type LoanerStatus } from '../domain/loaners';
import { normalizePlate, plateKind } from '../domain/plate';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, isoMonth, mileageKm, multiLine, refuseInvisible, singleLine, version } from './fields';
import { pageInput, type Page } from './paging';
import { addDamageMarkInput, FUEL_EIGHTHS_MAX, type DamageKind } from './repair-orders/check-in';

/** The people at reception read the fleet and its loans; the foreman sees which car a customer has. */
const READ = ['advisor', 'foreman', 'manager'] as const;
/** The advisors and the manager keep the fleet, lend and take back (as they write the RO). */
const WRITE = ['advisor', 'manager'] as const;

/** Fuel as the check-in records it: eighths of a tank, 0 empty, 8 full. */
const fuelEighths = z.int().min(0).max(FUEL_EIGHTHS_MAX);

/** A fleet plate: a Chinese plate of either kind (GA 36-2018), stored normalised; the dealership registers its own cars. */
const loanerPlate = z
  .string()
  .max(16)
  .superRefine(refuseInvisible(false))
  .transform(normalizePlate)
  .superRefine((plate, ctx) => {
    if (plate === '') ctx.addIssue(reasonIssue('required'));
    else if (plateKind(plate) === 'unknown') ctx.addIssue(reasonIssue('loaner.plateFormat'));
  });

/** The driver's licence number, trimmed and upper-cased; see licenceProblem for what is accepted. */
const licenceNumber = z
  .string()
  .max(40)
  .superRefine(refuseInvisible(false))
  .transform(normalizeLicence)
  .superRefine((licence, ctx) => {
    const problem = licence === '' ? null : licenceProblem(licence);
    if (licence === '') ctx.addIssue(reasonIssue('required'));
    else if (problem) ctx.addIssue(reasonIssue(`licence.${problem}`));
  });

/** A walk-around mark as the check-in places it (its position on the same diagram, its kind, a note). */
export const loanMarkInput = z.strictObject({
  xPermille: addDamageMarkInput.shape.xPermille,
  yPermille: addDamageMarkInput.shape.yPermille,
  kind: addDamageMarkInput.shape.kind,
  note: addDamageMarkInput.shape.note,
});
const marks = z.array(loanMarkInput).max(40).default([]);

export const createLoanerInput = z.strictObject({
  plate: loanerPlate,
  /** Make and model as a person says it: "大众 朗逸 1.5L". */
  model: singleLine().min(1).max(80),
  mileageKm,
  fuelEighths,
});

export const updateLoanerInput = z.strictObject({
  id,
  version,
  plate: loanerPlate,
  model: singleLine().min(1).max(80),
  /** Lent is set by a loan and ended by its return, never by hand. */
  status: z.enum(SETTABLE_LOANER_STATUSES),
});

export const loanersListInput = pageInput.extend({ status: z.enum(['available', 'lent', 'out_of_service']).optional() });

export const lendInput = z.strictObject({
  carId: id,
  /** The car as the form read it: another desk's loan of it meanwhile is refused. */
  carVersion: version,
  repairOrderId: id,
  driverName: singleLine().min(1).max(50),
  licenceNumber,
  outMileageKm: mileageKm,
  fuelEighths,
  /** Damage the car already has as it goes out, marked on the check-in's diagram. */
  marks,
  /** When the customer is expected to bring it back, ISO-8601 UTC. */
  expectedReturnAt: z.iso.datetime({ offset: true }),
});

export const returnLoanInput = z.strictObject({
  loanId: id,
  inMileageKm: mileageKm,
  fuelEighths,
  /** Damage found on return that the car did not have when it went out. */
  newMarks: marks,
  notes: multiLine().max(500).default(''),
});

export const utilisationInput = pageInput.extend({ month: isoMonth });

export interface LoanerCarDto {
  id: number;
  plate: string;
  model: string;
  status: LoanerStatus;
  /** The reading when it last came back (or was added). */
  mileageKm: number;
  fuelEighths: number;
  version: number;
  /** The open loan's RO, when lent. */
  lentOn: { loanId: number; repairOrderId: number; repairOrderNumber: string } | null;
}

export interface LoanMarkDto {
  /** 1, 2, 3… over the loan: the marks found on return continue the numbers of those it went out with. */
  number: number;
  /** Out: the car had it when lent; in: found on return. */
  phase: 'out' | 'in';
  xPermille: number;
  yPermille: number;
  kind: DamageKind;
  note: string;
}

export interface LoanDto {
  id: number;
  car: { id: number; plate: string; model: string };
  repairOrder: { id: number; number: string };
  driverName: string;
  licenceNumber: string;
  out: { at: string; mileageKm: number; fuelEighths: number; by: { id: number; displayName: string } };
  expectedReturnAt: string;
  returned: {
    at: string;
    mileageKm: number;
    fuelEighths: number;
    notes: string;
    by: { id: number; displayName: string };
  } | null;
  /** Calendar days on the desk's clock, both ends counted; while out, up to today. */
  daysLent: number;
  /** Km driven, once back. */
  drivenKm: number | null;
  marks: LoanMarkDto[];
}

export interface UtilisationRowDto {
  carId: number;
  plate: string;
  model: string;
  daysLent: number;
  daysAvailable: number;
  /** Lent ÷ available in basis points (10000 = every available day lent); null with no available day. */
  utilisationBp: number | null;
}

/** Loaner cars (代步车, issue 19 item 3): the fleet, loans against ROs, their return, the utilisation report. */
export const loanersContract = {
  /** The fleet by plate, a page at a time; optionally one status. */
  list: procedure.meta({ access: READ }).input(loanersListInput).output(type<Page<LoanerCarDto>>()),

  /** One car, with the RO it is lent on. */
  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<LoanerCarDto>()),

  /** Adds a car to the fleet, available; a plate already in the fleet is refused (loaner.plateTaken). */
  create: procedure.meta({ access: WRITE }).input(createLoanerInput).output(type<LoanerCarDto>()),

  /** Corrects plate or model, or takes the car out of service and back; a lent car's status is its loan's. */
  update: procedure.meta({ access: WRITE }).input(updateLoanerInput).output(type<LoanerCarDto>()),

  /**
   * Lends an available car against an open RO: out-mileage not below the car's last reading, fuel, the marks it
   * goes out with, the driver and their licence, the expected return. One open loan per car and per RO.
   */
  lend: procedure.meta({ access: WRITE }).input(lendInput).output(type<LoanDto>()),

  /** Takes the car back: in-mileage not below out-mileage, fuel, new damage; the car is available again. */
  returnLoan: procedure.meta({ access: WRITE }).input(returnLoanInput).output(type<LoanDto>()),

  /** One loan (what the agreement prints). */
  loan: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<LoanDto>()),

  /** The RO's open loan, or null: the RO page shows it. */
  openLoanOfRo: procedure
    .meta({ access: READ })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<LoanDto | null>()),

  /** The RO's loans, newest first (at most 20: an RO gets one car at a time, seldom more than a few in all). */
  loansOfRo: procedure
    .meta({ access: READ })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<LoanDto[]>()),

  /** Days lent and days available per car in a desk month, the fleet by plate a page at a time. */
  utilisation: procedure.meta({ access: READ }).input(utilisationInput).output(type<Page<UtilisationRowDto>>()),
};
