import { type } from '@orpc/contract';
import { z } from 'zod';
import { APPOINTMENT_REASONS, type AppointmentReason, type AppointmentStatus } from '../domain/appointment-slots';
import type { ContactChannel } from '../domain/enums';
import { procedure } from './base';
import { hoursMilli } from './catalog';
import { id, isoDate, multiLine, version } from './fields';
import { createInput as roCreateInput, MAX_CONCERNS } from './repair-orders';

/** Appointments (issue 3 item 1): the advisor's booking board. */

/** The workshop and the CSI desk look at the board (the foreman plans, CSI calls to remind); advisors and the manager book. */
const READ = ['advisor', 'foreman', 'csi_agent', 'manager'] as const;
const WRITE = ['advisor', 'manager'] as const;
/** The reminder call is made by the advisor or by the CSI desk. */
const REMIND = ['advisor', 'csi_agent', 'manager'] as const;

/** Concerns as the RO takes them: each becomes a job when the appointment turns into an RO. */
const concern = roCreateInput.shape.concerns.element;
/** An explicit instant with its zone (stored UTC); it must be the start of a slot on the desk's wall clock. */
const startsAt = z.iso.datetime({ offset: true });

export const bookInput = z.strictObject({
  vehicleId: id,
  /** Who the appointment is for; by default the vehicle's current owner. */
  customerId: id.optional(),
  advisorId: id,
  startsAt,
  reason: z.enum(APPOINTMENT_REASONS),
  /** The customer's words, one concern each (one job each on the RO). */
  concerns: z.array(concern).min(1).max(MAX_CONCERNS),
  /** Labor hours the visit takes from the workshop's day, thousandths (1.5 h = 1500). */
  estimatedHoursMilli: hoursMilli,
  note: multiLine().max(500).default(''),
});
export type BookInput = z.input<typeof bookInput>;

export const rescheduleInput = z.strictObject({
  id,
  version,
  advisorId: id,
  startsAt,
  estimatedHoursMilli: hoursMilli.optional(),
});

export const statusInput = z.strictObject({ id, version });

export const cancelInput = z.strictObject({ id, version, reason: multiLine().min(1).max(200) });

export const BOARD_SPANS = ['day', 'week'] as const;
export type BoardSpan = (typeof BOARD_SPANS)[number];

export const boardInput = z.strictObject({
  /** A calendar day on the desk (Asia/Shanghai); today when left out. The week view shows its Monday to Sunday. */
  day: isoDate.optional(),
  span: z.enum(BOARD_SPANS).default('day'),
  advisorId: id.optional(),
});

export const remindersInput = z.strictObject({
  /** A calendar day on the desk; tomorrow when left out. */
  day: isoDate.optional(),
});

export interface AppointmentDto {
  id: number;
  status: AppointmentStatus;
  startsAt: string;
  /** The desk's calendar day and wall-clock time of startsAt (YYYY-MM-DD, HH:MM). */
  day: string;
  time: string;
  advisor: { id: number; displayName: string };
  customer: { id: number; name: string };
  vehicle: { id: number; plate: string; makeModel: string };
  reason: AppointmentReason;
  concerns: string[];
  estimatedHoursMilli: number;
  note: string;
  cancelReason: string;
  arrivedAt: string | null;
  /** The RO it became (status converted). */
  repairOrderId: number | null;
  /** When and by whom the reminder call was made. */
  remindedAt: string | null;
  remindedBy: { id: number; displayName: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BoardDayDto {
  day: string;
  /** Hours of the day's appointments that take capacity (not cancelled, not no-show), thousandths. */
  bookedHoursMilli: number;
  capacityHoursMilli: number;
}

export interface BoardDto {
  /** The first day shown (the Monday for a week) and the day asked for. */
  day: string;
  span: BoardSpan;
  /** Today on the desk's calendar and the core's clock, to tell past slots from open ones. */
  today: string;
  now: string;
  days: BoardDayDto[];
  /** Slot starts on the desk's wall clock (HH:MM). */
  slots: string[];
  slotMinutes: number;
  perAdvisorSlot: number;
  /** Active advisors, plus anyone else who holds an appointment shown. */
  advisors: { id: number; displayName: string }[];
  appointments: AppointmentDto[];
}

export interface ReminderDto extends AppointmentDto {
  phones: string[];
  preferredContact: ContactChannel;
  consentToContact: boolean;
}

export const appointmentsContract = {
  /**
   * The board of one day or one week: appointments (of one advisor if asked), the slot grid, each day's workshop hours
   * booked against capacity, and the advisors who take appointments.
   */
  board: procedure.meta({ access: READ }).input(boardInput).output(type<BoardDto>()),

  get: procedure.meta({ access: READ }).input(z.strictObject({ id })).output(type<AppointmentDto>()),

  /** A vehicle's appointments, latest first. */
  listForVehicle: procedure
    .meta({ access: READ })
    .input(z.strictObject({ vehicleId: id }))
    .output(type<AppointmentDto[]>()),

  /**
   * Books a slot. Refused (RULE, nothing written): a time already past, not a slot start, outside opening hours, the
   * advisor's slot full (`appointment.slotFull`), or the workshop's day full (`appointment.workshopFull`).
   */
  book: procedure.meta({ access: WRITE }).input(bookInput).output(type<AppointmentDto>()),

  /** Moves a booked appointment to another slot or advisor, with the same checks as book (not counting itself). */
  reschedule: procedure.meta({ access: WRITE }).input(rescheduleInput).output(type<AppointmentDto>()),

  /** The customer came (booked -> arrived). */
  arrive: procedure.meta({ access: WRITE }).input(statusInput).output(type<AppointmentDto>()),

  /** The customer did not come (booked -> no_show), only once the start time has passed; frees the capacity. */
  noShow: procedure.meta({ access: WRITE }).input(statusInput).output(type<AppointmentDto>()),

  /** Cancelled with the reason given (booked or arrived -> cancelled); frees the capacity. */
  cancel: procedure.meta({ access: WRITE }).input(cancelInput).output(type<AppointmentDto>()),

  /**
   * Turns an arrived appointment into an RO (one job per concern, no promised time) and links it, in one transaction.
   * The RO's advisor is the acting advisor; a manager converting leaves it with the appointment's advisor.
   */
  convert: procedure
    .meta({ access: WRITE })
    .input(statusInput)
    .output(type<{ repairOrderId: number; appointment: AppointmentDto }>()),

  /** Booked appointments of a day (tomorrow by default) with what the reminder call needs. */
  reminders: procedure.meta({ access: READ }).input(remindersInput).output(type<{ day: string; rows: ReminderDto[] }>()),

  /** Records that the reminder call was made (who and when). */
  markReminded: procedure.meta({ access: REMIND }).input(statusInput).output(type<AppointmentDto>()),
};
