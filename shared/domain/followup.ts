import { addDays } from './desk-time';

/**
 * The follow-up queue's pure rules (docs/domain.md "CSI, NPS and follow-up"): when a call is due, when a task gives up calling,
 * who has lapsed, when a maintenance reminder is due. Days are desk calendar days (YYYY-MM-DD, Asia/Shanghai).
 */

/** `campaign`: an outstanding car of a recall or service campaign, called to book the remedy (campaigns.queueCalls). */
export const FOLLOWUP_KINDS = ['csi_call', 'lapsed', 'maintenance_reminder', 'campaign'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

export const FOLLOWUP_STATUSES = ['open', 'done', 'sent'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const FOLLOWUP_CHANNELS = ['call', 'sms_letter'] as const;
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];

export const ATTEMPT_OUTCOMES = ['no_answer', 'call_back', 'wrong_number', 'done'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** The customer was not reached: these count towards the limit. A call back was a conversation; done closes the task. */
export const FAILED_OUTCOMES: readonly AttemptOutcome[] = ['no_answer', 'wrong_number'];
/** After this many failed attempts the task leaves the call queue for the SMS/letter list. */
export const MAX_FAILED_ATTEMPTS = 5;

/** Setting `followup.callDay`: the day after delivery the CSI call is due (1-7, default 3). */
export const CALL_DAY_DEFAULT = 3;
export const CALL_DAY_MIN = 1;
export const CALL_DAY_MAX = 7;

/** No visit for this many months: the vehicle has lapsed (retention call). */
export const LAPSED_MONTHS = 6;
/** Vehicles seen within this many months make the base of the lapsed rate and are the ones worth a lapsed call. */
export const ACTIVE_MONTHS = 24;
/** Maintenance interval: whichever comes first. */
export const SERVICE_INTERVAL_KM = 10_000;
export const SERVICE_INTERVAL_MONTHS = 12;

export type ReminderReason = 'date' | 'mileage';

/** The call day of an RO delivered on desk day `deliveredDay`: `callDay` calendar days later. */
export function csiCallDay(deliveredDay: string, callDay: number): string {
  return addDays(deliveredDay, callDay);
}

export function isFailedOutcome(outcome: AttemptOutcome): boolean {
  return FAILED_OUTCOMES.includes(outcome);
}

/** The channel after `failedAttempts` failed attempts: the fifth failure moves the task to SMS/letter. */
export function channelAfter(failedAttempts: number): FollowupChannel {
  return failedAttempts >= MAX_FAILED_ATTEMPTS ? 'sms_letter' : 'call';
}

/**
 * The calendar day `n` months after `day` (negative: before); a day the target month lacks falls back to its last
 * day (31 August + 6 months = 28 or 29 February).
 */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** The last visit day on or before which a vehicle counts as lapsed on `today`: six months back. */
export function lapsedCutoff(today: string): string {
  return addMonths(today, -LAPSED_MONTHS);
}

/** A vehicle whose last visit was on `lastVisitDay` has lapsed on `today` when that is six months ago or more. */
export function isLapsed(lastVisitDay: string, today: string): boolean {
  return lastVisitDay <= lapsedCutoff(today);
}

export interface MileageReading {
  /** Desk calendar day of the reading. */
  day: string;
  km: number;
}

function dayNumber(day: string): number {
  return Math.round(new Date(`${day}T00:00:00Z`).getTime() / 86_400_000);
}

/**
 * Average km per day over the vehicle's readings: (last km − first km) ÷ days between the first and the last reading.
 * Null when it cannot be told: fewer than two readings, all on one day, or no distance driven (a reading corrected
 * downwards gives no estimate either).
 */
export function kmPerDay(readings: readonly MileageReading[]): number | null {
  if (readings.length < 2) return null;
  const sorted = [...readings].sort((a, b) => (a.day === b.day ? a.km - b.km : a.day < b.day ? -1 : 1));
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const days = dayNumber(last.day) - dayNumber(first.day);
  const km = last.km - first.km;
  if (days <= 0 || km <= 0) return null;
  return km / days;
}

/** The day the vehicle is estimated to reach `targetKm`, from its latest reading and average daily distance. */
export function dayAtKm(readings: readonly MileageReading[], targetKm: number): string | null {
  const rate = kmPerDay(readings);
  if (rate === null) return null;
  const latest = readings.reduce((a, b) => (b.day > a.day || (b.day === a.day && b.km > a.km) ? b : a));
  if (latest.km >= targetKm) return latest.day;
  return addDays(latest.day, Math.ceil((targetKm - latest.km) / rate));
}

/**
 * When the next maintenance is due after the last maintenance visit (day and odometer then): 12 months later or at
 * 10,000 km more (estimated from the mileage history), whichever comes first. Without a km estimate (no odometer at
 * the visit, or too few readings) the date alone decides.
 */
export function maintenanceDue(
  last: { day: string; km: number | null },
  readings: readonly MileageReading[],
): { day: string; reason: ReminderReason } {
  const byDate = addMonths(last.day, SERVICE_INTERVAL_MONTHS);
  const byKm = last.km === null ? null : dayAtKm(readings, last.km + SERVICE_INTERVAL_KM);
  if (byKm !== null && byKm < byDate) return { day: byKm < last.day ? last.day : byKm, reason: 'mileage' };
  return { day: byDate, reason: 'date' };
}

/** The catalogue key of each kind's call script (renderer: `followup.scripts.<key>`); texts are never stored. */
export const SCRIPT_KEYS: Record<FollowupKind, string> = {
  csi_call: 'csiCall',
  lapsed: 'lapsed',
  maintenance_reminder: 'maintenanceReminder',
  campaign: 'campaign',
};
