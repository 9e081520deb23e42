import { DESK_TIME_ZONE } from './desk-time';
/**
 * The repair quality-guarantee period (质量保证期) of 机动车维修管理规定 art. 38 for cars (docs/domain.md
 * "Statutory periods"): counted from the day of handover (竣工出厂之日), in km driven or days, whichever is reached first
 * (以先达到者为准). It is printed on the settlement statement, and a comeback inside it is free unless a non-repair
 * cause is shown.
 *
 * Days are counted by the Civil Code's rule for periods counted in days (民法典 第二百零一条: 按照年、月、日计算期间的，
 * 开始的当日不计入，自下一日开始计算): the handover day is not counted, and day 1 is the day after it. This is also the
 * reading that favours the customer.
 */
export const GUARANTEE_CATEGORIES = ['whole_vehicle_or_assembly', 'level2_maintenance', 'level1_minor_special'] as const;
/**
 * whole_vehicle_or_assembly: 整车修理 / 总成修理; level2_maintenance: 二级维护;
 * level1_minor_special: 一级维护, 小修, 专项修理.
 */
export type GuaranteeCategory = (typeof GUARANTEE_CATEGORIES)[number];

export interface GuaranteePeriod {
  /** Distance covered after handover, in km. */
  km: number;
  /** Calendar days covered, counted from the day after handover (民法典 art. 201: the handover day is not counted). */
  days: number;
}

const PERIODS: Readonly<Record<GuaranteeCategory, Readonly<GuaranteePeriod>>> = {
  whole_vehicle_or_assembly: { km: 20_000, days: 100 },
  level2_maintenance: { km: 5_000, days: 30 },
  level1_minor_special: { km: 2_000, days: 10 },
};

/**
 * The desk's time zone when the caller gives none. The calendar day of a handover is the day on the desk's wall
 * clock, not in UTC (a car handed over at 07:30 in Beijing is still the previous day in UTC).
 */
export const DEFAULT_GUARANTEE_TIME_ZONE = DESK_TIME_ZONE;

/** The statutory guarantee period of a job category. */
export function guaranteePeriod(category: GuaranteeCategory): GuaranteePeriod {
  return { ...PERIODS[category] };
}

export interface GuaranteeStart {
  category: GuaranteeCategory;
  /** Handover time, ISO-8601 with Z or an offset (stored UTC, e.g. "2025-03-01T06:30:00.000Z"). */
  deliveredAt: string;
  /** Odometer at handover, whole km. */
  deliveredKm: number;
}

export interface GuaranteeEnds {
  /** The last covered day (YYYY-MM-DD, in the desk's time zone): coverage runs to the end of that day. */
  untilDate: string;
  /** The last covered odometer reading: coverage holds up to and including it. */
  untilKm: number;
}

// An offset is required: a time without one would be read in whatever zone the machine runs in.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** True when year-month-day names a real calendar day (Date would quietly roll 30 February over into March). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function parseInstant(iso: string, what: string): Date {
  const match = ISO_INSTANT.exec(iso);
  const at = new Date(iso);
  if (!match || Number.isNaN(at.getTime()) || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`${what} must be an ISO-8601 time with Z or an offset (got ${JSON.stringify(iso)})`);
  }
  return at;
}

function checkKm(km: number, what: string): void {
  if (!Number.isSafeInteger(km) || km < 0) throw new RangeError(`${what} must be a whole, non-negative number of km (got ${km})`);
}

/** The calendar date (YYYY-MM-DD) of an instant on the wall clock of a time zone. */
export function localDate(at: Date, timeZone: string = DEFAULT_GUARANTEE_TIME_ZONE): string {
  // formatToParts rather than a locale's whole string, whose order and separators are the locale's to change.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    at,
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A YYYY-MM-DD date plus whole days, on the proleptic Gregorian calendar (UTC midnight is only a carrier here). */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * When the guarantee of a job handed over at `deliveredAt` with `deliveredKm` on the odometer runs out.
 *
 * Day counting (民法典 第二百零一条: 开始的当日不计入，自下一日开始计算): the handover day, on the desk's calendar,
 * is not counted; day 1 is the next day, so a period of N days ends at the end of day handover + N: handed over on
 * 1 March, the 10-day period runs 2..11 March and covers to the end of 11 March. The car is of course covered from
 * the moment of handover: the rest of the handover day is inside the guarantee too, it just does not use up a day.
 * Distance: covered up to and including deliveredKm + km.
 *
 * Throws RangeError for a deliveredAt without a zone offset or that is not a real time, or a negative km.
 */
export function guaranteeEnds(start: GuaranteeStart, timeZone: string = DEFAULT_GUARANTEE_TIME_ZONE): GuaranteeEnds {
  const { km, days } = PERIODS[start.category];
  checkKm(start.deliveredKm, 'deliveredKm');
  const handoverDay = localDate(parseInstant(start.deliveredAt, 'deliveredAt'), timeZone);
  return { untilDate: addDays(handoverDay, days), untilKm: start.deliveredKm + km };
}

export interface GuaranteeCheck {
  /** When the car comes back (or the claim is made), ISO-8601 with Z or an offset. */
  at: string;
  /** Odometer at that time, whole km. */
  km: number;
}

/**
 * True while both limits still hold: the day of `check.at` (desk calendar) is no later than untilDate and the odometer
 * is no more than untilKm. Whichever limit is passed first ends the guarantee. Use the same time zone as for
 * guaranteeEnds. A reading below deliveredKm (a replaced cluster, a typo) does not end the guarantee: only passing
 * a limit does.
 */
export function isInsideGuarantee(
  ends: GuaranteeEnds,
  check: GuaranteeCheck,
  timeZone: string = DEFAULT_GUARANTEE_TIME_ZONE,
): boolean {
  checkKm(check.km, 'km');
  const day = localDate(parseInstant(check.at, 'at'), timeZone);
  // YYYY-MM-DD strings compare in date order.
  return day <= ends.untilDate && check.km <= ends.untilKm;
}
