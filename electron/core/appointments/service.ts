import type { z } from 'zod';
import type {
  AppointmentDto,
  BoardDto,
  ReminderDto,
  boardInput,
  bookInput,
  cancelInput,
  remindersInput,
  rescheduleInput,
} from '../../../shared/contract/appointments';
import {
  appointmentMayBecome,
  boardDays,
  dayHasRoom,
  formatHm,
  slotHasRoom,
  slotProblem,
  slotStarts,
  takesCapacity,
  type SlotSettings,
} from '../../../shared/domain/appointment-slots';
import { instantAt, wallClock } from '../../../shared/domain/desk-time';
import { formatQuantity } from '../../../shared/domain/money';
import type { Actor, CoreDeps } from '../context';
import type { Db } from '../db/connection';
import { fail, notFound, staleVersion } from '../errors';
import { openRepairOrder } from '../repair-orders/service';
import { findVehicle } from '../vehicles/repository';
import { visitCustomer } from '../vehicles/service';
import * as repo from './repository';
import { slotSettings } from '../settings/appointment-slots';
import { addDays } from '../../../shared/domain/desk-time';

// --- reading ---

function concernsOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function toDto(row: repo.AppointmentRow): AppointmentDto {
  const wall = wallClock(new Date(row.starts_at));
  return {
    id: row.id,
    status: row.status,
    startsAt: row.starts_at,
    day: wall.day,
    time: formatHm(wall.minutes),
    advisor: { id: row.advisor_id, displayName: row.advisor_name },
    customer: { id: row.customer_id, name: row.customer_name },
    vehicle: { id: row.vehicle_id, plate: row.plate, makeModel: `${row.make} ${row.model}` },
    reason: row.reason,
    concerns: concernsOf(row.concerns),
    estimatedHoursMilli: row.estimated_hours_milli,
    note: row.note,
    cancelReason: row.cancel_reason,
    arrivedAt: row.arrived_at,
    repairOrderId: row.repair_order_id,
    remindedAt: row.reminded_at,
    remindedBy: row.reminded_by !== null ? { id: row.reminded_by, displayName: row.reminded_by_name ?? '' } : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadAppointment(db: Db, id: number): Promise<AppointmentDto> {
  const row = await repo.findAppointmentWithNames(db, id);
  if (!row) notFound('appointment');
  return toDto(row);
}

/** The UTC instants at which the desk's calendar day `day` begins and the next one begins. */
function dayRange(day: string): { from: string; before: string } {
  return { from: instantAt(day, 0).toISOString(), before: instantAt(addDays(day, 1), 0).toISOString() };
}

export function get(deps: CoreDeps, id: number): Promise<AppointmentDto> {
  return loadAppointment(deps.db, id);
}

export async function listForVehicle(deps: CoreDeps, vehicleId: number): Promise<AppointmentDto[]> {
  if (!(await findVehicle(deps.db, vehicleId))) notFound('vehicle');
  return (await repo.listForVehicle(deps.db, vehicleId)).map(toDto);
}

export async function board(deps: CoreDeps, input: z.output<typeof boardInput>): Promise<BoardDto> {
  const at = deps.clock.now();
  const today = wallClock(at).day;
  const day = input.day ?? today;
  const days = boardDays(day, input.span);
  const first = days[0] ?? day;
  const last = days[days.length - 1] ?? day;
  const [settings, rows, advisorRows] = await Promise.all([
    slotSettings(deps.db),
    repo.listInRange(deps.db, { from: dayRange(first).from, before: dayRange(last).before }),
    repo.listAdvisors(deps.db),
  ]);
  const all = rows.map(toDto);
  // The workshop's hours are the whole workshop's, whichever advisor the board is narrowed to.
  const booked = new Map<string, number>();
  for (const appointment of all) {
    if (takesCapacity(appointment.status)) {
      booked.set(appointment.day, (booked.get(appointment.day) ?? 0) + appointment.estimatedHoursMilli);
    }
  }
  const shown = input.advisorId === undefined ? all : all.filter((a) => a.advisor.id === input.advisorId);
  const advisors = advisorRows.map((row) => ({ id: row.id, displayName: row.display_name }));
  for (const appointment of shown) {
    // Someone no longer an active advisor keeps the appointments they hold on the board until they are moved.
    if (!advisors.some((a) => a.id === appointment.advisor.id)) advisors.push(appointment.advisor);
  }
  return {
    day: first,
    span: input.span,
    today,
    now: at.toISOString(),
    days: days.map((d) => ({ day: d, bookedHoursMilli: booked.get(d) ?? 0, capacityHoursMilli: settings.workshopDayHoursMilli })),
    slots: slotStarts(settings).map(formatHm),
    slotMinutes: settings.slotMinutes,
    perAdvisorSlot: settings.perAdvisorSlot,
    advisors,
    appointments: shown,
  };
}

export async function reminders(
  deps: CoreDeps,
  input: z.output<typeof remindersInput>,
): Promise<{ day: string; rows: ReminderDto[] }> {
  const day = input.day ?? addDays(wallClock(deps.clock.now()).day, 1);
  const rows = await repo.listInRange(deps.db, { ...dayRange(day), statuses: ['booked'] });
  const phones = await repo.phonesOf(deps.db, [...new Set(rows.map((row) => row.customer_id))]);
  return {
    day,
    rows: rows.map((row) => ({
      ...toDto(row),
      phones: phones.get(row.customer_id) ?? [],
      preferredContact: row.preferred_contact,
      consentToContact: row.consent_to_contact === 1,
    })),
  };
}

// --- writing ---

/**
 * Whether `advisorId` may take an appointment at `startsAt` for `hoursMilli` of workshop time: a slot start ahead of
 * now within opening hours, room in the advisor's slot, room in the workshop's day. `exceptId` is the appointment
 * being moved (it does not count against itself). Runs in the caller's transaction, so the counts cannot change
 * before the write.
 */
async function checkCapacity(
  trx: Db,
  settings: SlotSettings,
  now: Date,
  slot: { advisorId: number; startsAt: Date; hoursMilli: number; exceptId: number | null },
): Promise<void> {
  const advisor = await repo.findUser(trx, slot.advisorId);
  if (!advisor) fail('NOT_FOUND', 'notFound', 'advisorId', { what: 'advisor' });
  if (advisor.role !== 'advisor' || advisor.active !== 1)
    fail('RULE', 'appointment.notAdvisor', 'advisorId', { name: advisor.display_name });

  const problem = slotProblem(slot.startsAt, now, settings);
  if (problem === 'appointment.closed') {
    fail('RULE', problem, 'startsAt', { opens: formatHm(settings.opensAt), closes: formatHm(settings.closesAt) });
  }
  if (problem === 'appointment.offSlot') fail('RULE', problem, 'startsAt', { minutes: settings.slotMinutes });
  if (problem) fail('RULE', problem, 'startsAt');

  const startsAt = slot.startsAt.toISOString();
  const taken = await repo.countInSlot(trx, slot.advisorId, startsAt, slot.exceptId);
  if (!slotHasRoom(taken, settings.perAdvisorSlot)) {
    fail('RULE', 'appointment.slotFull', 'startsAt', { advisor: advisor.display_name, max: settings.perAdvisorSlot });
  }
  const { from, before } = dayRange(wallClock(slot.startsAt).day);
  const bookedMilli = await repo.hoursInRange(trx, from, before, slot.exceptId);
  if (!dayHasRoom(bookedMilli, slot.hoursMilli, settings.workshopDayHoursMilli)) {
    fail('RULE', 'appointment.workshopFull', 'estimatedHoursMilli', {
      booked: formatQuantity(bookedMilli),
      capacity: formatQuantity(settings.workshopDayHoursMilli),
    });
  }
}

export async function book(deps: CoreDeps, actor: Actor, input: z.output<typeof bookInput>): Promise<AppointmentDto> {
  const at = deps.clock.now();
  const now = at.toISOString();
  const booked = await deps.db.transaction().execute(async (trx) => {
    const customer = await visitCustomer(trx, input.vehicleId, input.customerId);

    const startsAt = new Date(input.startsAt);
    await checkCapacity(trx, await slotSettings(trx), at, {
      advisorId: input.advisorId,
      startsAt,
      hoursMilli: input.estimatedHoursMilli,
      exceptId: null,
    });
    const id = await repo.insertAppointment(trx, {
      customer_id: customer.id,
      vehicle_id: input.vehicleId,
      advisor_id: input.advisorId,
      starts_at: startsAt.toISOString(),
      reason: input.reason,
      concerns: JSON.stringify(input.concerns),
      estimated_hours_milli: input.estimatedHoursMilli,
      note: input.note,
      status: 'booked',
      cancel_reason: '',
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    return loadAppointment(trx, id);
  });
  deps.events.publish({ area: 'appointments', id: booked.id });
  return booked;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findAppointment>>>;

/**
 * One write to an appointment, in one transaction: it must exist and still be at `version`; `apply` checks the rule
 * and returns the changes; the version moves on. Returns the fresh appointment.
 */
async function editAppointment(
  deps: CoreDeps,
  input: { id: number; version: number },
  apply: (trx: Db, row: Row, at: Date) => Promise<Parameters<typeof repo.updateAppointment>[3]>,
): Promise<AppointmentDto> {
  const at = deps.clock.now();
  const appointment = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findAppointment(trx, input.id);
    if (!row) notFound('appointment');
    if (row.version !== input.version) staleVersion();
    const changes = await apply(trx, row, at);
    if (!(await repo.updateAppointment(trx, row.id, input.version, changes))) staleVersion();
    return loadAppointment(trx, row.id);
  });
  deps.events.publish({ area: 'appointments', id: appointment.id });
  return appointment;
}

/** Refuses a status change the appointment's status does not allow, naming the status it is in. */
function checkMay(row: Row, to: Parameters<typeof appointmentMayBecome>[1]): void {
  const status = row.status;
  if (!appointmentMayBecome(status, to)) fail('RULE', 'appointment.status', undefined, { status });
}

export function reschedule(deps: CoreDeps, input: z.output<typeof rescheduleInput>): Promise<AppointmentDto> {
  return editAppointment(deps, input, async (trx, row, at) => {
    if (row.status !== 'booked') fail('RULE', 'appointment.status', undefined, { status: row.status });
    const startsAt = new Date(input.startsAt);
    const hoursMilli = input.estimatedHoursMilli ?? row.estimated_hours_milli;
    await checkCapacity(trx, await slotSettings(trx), at, { advisorId: input.advisorId, startsAt, hoursMilli, exceptId: row.id });
    return {
      advisor_id: input.advisorId,
      starts_at: startsAt.toISOString(),
      estimated_hours_milli: hoursMilli,
      // A new time needs a new reminder call.
      reminded_at: null,
      reminded_by: null,
      updated_at: at.toISOString(),
    };
  });
}

export function arrive(deps: CoreDeps, input: { id: number; version: number }): Promise<AppointmentDto> {
  return editAppointment(deps, input, async (_trx, row, at) => {
    checkMay(row, 'arrived');
    return { status: 'arrived', arrived_at: at.toISOString(), updated_at: at.toISOString() };
  });
}

export function noShow(deps: CoreDeps, input: { id: number; version: number }): Promise<AppointmentDto> {
  return editAppointment(deps, input, async (_trx, row, at) => {
    checkMay(row, 'no_show');
    // Until the slot has begun the customer may still come: only then is it a no-show.
    if (new Date(row.starts_at).getTime() > at.getTime()) {
      fail('RULE', 'appointment.notYet', undefined, { time: formatHm(wallClock(new Date(row.starts_at)).minutes) });
    }
    return { status: 'no_show', updated_at: at.toISOString() };
  });
}

export function cancel(deps: CoreDeps, input: z.output<typeof cancelInput>): Promise<AppointmentDto> {
  return editAppointment(deps, input, async (_trx, row, at) => {
    checkMay(row, 'cancelled');
    return { status: 'cancelled', cancel_reason: input.reason, updated_at: at.toISOString() };
  });
}

export function markReminded(deps: CoreDeps, actor: Actor, input: { id: number; version: number }): Promise<AppointmentDto> {
  return editAppointment(deps, input, async (_trx, row, at) => {
    if (row.status !== 'booked') fail('RULE', 'appointment.status', undefined, { status: row.status });
    return { reminded_at: at.toISOString(), reminded_by: actor.id, updated_at: at.toISOString() };
  });
}

/**
 * Opens the RO for an arrived appointment and links it, in one transaction: a refused RO leaves the appointment
 * arrived. The advisor receiving the car writes the RO; a manager converting for an advisor leaves it with the
 * advisor the customer booked with, so it shows among that advisor's open ROs.
 */
export async function convert(
  deps: CoreDeps,
  actor: Actor,
  input: { id: number; version: number },
): Promise<{ repairOrderId: number; appointment: AppointmentDto }> {
  let repairOrderId = 0;
  const appointment = await editAppointment(deps, input, async (trx, row, at) => {
    checkMay(row, 'converted');
    const concerns = concernsOf(row.concerns);
    repairOrderId = await openRepairOrder(
      trx,
      actor,
      { vehicleId: row.vehicle_id, customerId: row.customer_id, promisedAt: null, concerns },
      at,
      actor.role === 'advisor' ? actor.id : row.advisor_id,
    );
    return { status: 'converted', repair_order_id: repairOrderId, updated_at: at.toISOString() };
  });
  deps.events.publish({ area: 'repairOrders', id: repairOrderId });
  return { repairOrderId, appointment };
}
