import type { ScalePreset } from './presets';

/**
 * Desk days without Intl: the generator asks for the desk's day of millions of instants, and Intl's formatter (what
 * shared/domain/desk-time does, correctly for any zone) costs microseconds a call. The desk's zone, Asia/Shanghai,
 * has been UTC+8 without daylight saving since 1991, so a fixed offset gives the same days as wallClock for every
 * instant the generator makes.
 */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const DESK_OFFSET = 8 * HOUR;

/** Days since 1970-01-01 on the desk's wall clock. */
export function deskDay(ms: number): number {
  return Math.floor((ms + DESK_OFFSET) / DAY);
}

/** The instant the desk's wall clock shows `minutes` after midnight on desk day `day`. */
export function deskInstant(day: number, minutes: number): number {
  return day * DAY - DESK_OFFSET + minutes * MINUTE;
}

/** Minutes after midnight on the desk's wall clock. */
export function deskMinutes(ms: number): number {
  return Math.floor((ms + DESK_OFFSET - deskDay(ms) * DAY) / MINUTE);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (day + 4) % 7;
}

const yearCache = new Map<number, number>();
/** The desk's calendar year of a desk day (RO, certificate and complaint numbers restart each year). */
export function deskYear(day: number): number {
  let year = yearCache.get(day);
  if (year === undefined) {
    year = new Date(day * DAY).getUTCFullYear();
    yearCache.set(day, year);
  }
  return year;
}

/** YYYY-MM-DD of a desk day (technician attendance is kept per desk day). */
export function dayText(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

const dayPrefix = new Map<number, string>();
const MINUTE_TEXT = Array.from(
  { length: 1440 },
  (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:`,
);

/**
 * ISO-8601 UTC, exactly as the core writes (new Date().toISOString()). The generator writes tens of millions of
 * them, nearly all on the minute, so the day's part is made once per day and the minute's once at all.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  const rest = ms - day * DAY;
  const minute = Math.floor(rest / MINUTE);
  if (rest - minute * MINUTE !== 0) return new Date(ms).toISOString();
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  return `${prefix}${MINUTE_TEXT[minute]}00.000Z`;
}

/**
 * Relative traffic of a weekday: a service department is busiest on Monday and Saturday and nearly shut on Sunday.
 * The figures average to 1 over a week, so a year's volume is its per-day figure times its days.
 */
const WEEKDAY_LOAD = [0.25, 1.22, 1.08, 1.05, 1.05, 1.12, 1.23];

/** The Spring Festival week is quiet too (the date moves each year; the second week of February is near enough). */
function holidayLoad(day: number): number {
  const date = new Date(day * DAY);
  return date.getUTCMonth() === 1 && date.getUTCDate() >= 8 && date.getUTCDate() <= 14 ? 0.35 : 1;
}

/** The average ROs a day `index` days into the history (before the weekday and the holidays). */
export function baseVolume(preset: ScalePreset, index: number): number {
  const year = Math.min(Math.floor(index / 365.25), preset.perDay.length - 1);
  // Within a year the figure moves halfway towards the next year's, so growth has no steps at New Year.
  const next = preset.perDay[Math.min(year + 1, preset.perDay.length - 1)]!;
  const within = (index - year * 365.25) / 365.25;
  return preset.perDay[year]! + (next - preset.perDay[year]!) * Math.max(0, within - 0.5);
}

/** How many ROs desk day `day` opens, `index` days after the first day of the history. */
export function visitsOn(preset: ScalePreset, index: number, day: number, jitter: number): number {
  return Math.max(0, Math.round(baseVolume(preset, index) * WEEKDAY_LOAD[weekday(day)]! * holidayLoad(day) * jitter));
}
