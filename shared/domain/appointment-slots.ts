/**
 * The appointment board's calendar: the desk's wall clock (Asia/Shanghai), slots of a fixed length between opening
 * and closing time, and the capacity rules. Pure, so the core and the booking form say the same thing.
 */

import { addDays, DESK_TIME_ZONE, wallClock } from './desk-time';

/** Why a customer is coming in; the advisor's first sorting of the visit. */
export const APPOINTMENT_REASONS = ['maintenance', 'repair', 'warranty', 'recall', 'bodywork'] as const;
export type AppointmentReason = (typeof APPOINTMENT_REASONS)[number];

/** booked -> arrived -> converted (an RO), or booked -> no_show / cancelled. No CHECK in SQL: the list may grow. */
export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'no_show', 'cancelled', 'converted'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Cancelled and no-show appointments free their slot and their workshop hours. */
export function takesCapacity(status: AppointmentStatus): boolean {
  return status !== 'cancelled' && status !== 'no_show';
}

export interface SlotSettings {
  /** Length of one reception slot, minutes. */
  slotMinutes: number;
  /** Opening and closing time on the desk's wall clock, minutes after midnight; the last slot ends at closing. */
  opensAt: number;
  closesAt: number;
  /** Appointments one advisor takes in one slot. */
  perAdvisorSlot: number;
  /** Labor hours the workshop can take from appointments in one day, thousandths. */
  workshopDayHoursMilli: number;
}

export const SLOT_DEFAULTS: SlotSettings = {
  slotMinutes: 30,
  opensAt: 8 * 60 + 30,
  closesAt: 17 * 60 + 30,
  perAdvisorSlot: 2,
  workshopDayHoursMilli: 40_000,
};

/** 'HH:MM' -> minutes after midnight; null when it is not a time of day. */
export function parseHm(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Minutes after midnight -> 'HH:MM'. */
export function formatHm(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The start of every slot of a day, minutes after midnight; a slot that would run past closing is not offered. */
export function slotStarts(settings: Pick<SlotSettings, 'slotMinutes' | 'opensAt' | 'closesAt'>): number[] {
  const starts: number[] = [];
  if (settings.slotMinutes <= 0) return starts;
  for (let at = settings.opensAt; at + settings.slotMinutes <= settings.closesAt; at += settings.slotMinutes) starts.push(at);
  return starts;
}

/** The Monday of the week holding `day` (weeks run Monday to Sunday, as on a Chinese calendar). */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The days a board shows: the day itself, or its week Monday to Sunday. */
export function boardDays(day: string, span: 'day' | 'week'): string[] {
  if (span === 'day') return [day];
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * Why an appointment may not start at `startsAt` (null: it may): not on a slot's start, outside opening hours, or
 * already past (a slot that has begun is past: the customer could not come on time).
 */
export function slotProblem(
  startsAt: Date,
  now: Date,
  settings: Pick<SlotSettings, 'slotMinutes' | 'opensAt' | 'closesAt'>,
  zone: string = DESK_TIME_ZONE,
): 'appointment.past' | 'appointment.offSlot' | 'appointment.closed' | null {
  if (startsAt.getTime() <= now.getTime()) return 'appointment.past';
  const { minutes } = wallClock(startsAt, zone);
  if (startsAt.getUTCSeconds() !== 0 || startsAt.getUTCMilliseconds() !== 0) return 'appointment.offSlot';
  if (!slotStarts(settings).includes(minutes)) {
    return minutes < settings.opensAt || minutes + settings.slotMinutes > settings.closesAt
      ? 'appointment.closed'
      : 'appointment.offSlot';
  }
  return null;
}

/** Whether one more appointment fits an advisor's slot holding `taken` of them already. */
export function slotHasRoom(taken: number, perAdvisorSlot: number): boolean {
  return taken + 1 <= perAdvisorSlot;
}

/** Whether `hoursMilli` more fits a workshop day with `bookedMilli` booked: exactly at capacity fits. */
export function dayHasRoom(bookedMilli: number, hoursMilli: number, capacityMilli: number): boolean {
  return bookedMilli + hoursMilli <= capacityMilli;
}

/** The statuses an appointment may move to from `status` by hand (convert has its own procedure). */
export function appointmentMayBecome(status: AppointmentStatus, to: 'arrived' | 'no_show' | 'cancelled' | 'converted'): boolean {
  switch (to) {
    case 'arrived':
    case 'no_show':
      return status === 'booked';
    case 'cancelled':
      // A customer who came and left without an RO is cancelled too, with the reason.
      return status === 'booked' || status === 'arrived';
    case 'converted':
      return status === 'arrived';
  }
}
