/**
 * The desk's time zone: times are stored in UTC and shown, numbered and grouped into days on the dealership's wall
 * clock. BayDesk is for mainland-China dealerships (docs/domain.md "Money, time and identity"), so it is one constant:
 * an RO opened at 00:30 on 1 January in Beijing is numbered in the new year although it is still 31 December in UTC.
 */
export const DESK_TIME_ZONE = 'Asia/Shanghai';

const wallFormats = new Map<string, Intl.DateTimeFormat>();
function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormats.set(zone, format);
  }
  return format;
}

// Built at start-up, not on the first booking: a formatter with a time zone loads the zone's data once.
wallFormat(DESK_TIME_ZONE);

/** An instant on the desk's wall clock: its calendar day (YYYY-MM-DD) and minutes after midnight. */
export function wallClock(at: Date, zone: string = DESK_TIME_ZONE): { day: string; minutes: number } {
  const parts = Object.fromEntries(
    wallFormat(zone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant at which the desk's wall clock shows `day` at `minutes` after midnight. */
export function instantAt(day: string, minutes: number, zone: string = DESK_TIME_ZONE): Date {
  // Guess the wall time as UTC, then move by the zone's offset at that moment (exact for zones without a DST jump
  // that day, which is every day in Asia/Shanghai since 1991).
  const guess = new Date(`${day}T00:00:00.000Z`).getTime() + minutes * 60_000;
  const seen = wallClock(new Date(guess), zone);
  const seenAt = new Date(`${seen.day}T00:00:00.000Z`).getTime() + seen.minutes * 60_000;
  return new Date(guess - (seenAt - guess));
}

/** A datetime-local value on the desk's clock (DESK_TIME_ZONE) for an ISO instant: "2026-03-02T17:00". */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const { day, minutes } = wallClock(new Date(iso));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * A datetime-local value read on the desk's clock, as the ISO UTC instant the contract takes; '' is null (no
 * promise), text the browser could not have produced is returned as typed for the schema to refuse.
 */
export function fromLocalInput(local: string): string | null {
  if (!local.trim()) return null;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local.trim());
  if (!match) return local;
  const at = instantAt(match[1]!, Number(match[2]) * 60 + Number(match[3]));
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/** The day `n` days after `day` (negative: before), by the calendar. */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The day after `day` (YYYY-MM-DD), by the calendar. */
export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** The calendar day on the desk's wall clock at `at`, as YYYY-MM-DD. */
export function deskDay(at: Date): string {
  return wallClock(at).day;
}

/** The calendar year on the desk's wall clock at `at` (an RO opened at 00:30 on 1 January in Beijing: the new year). */
export function deskYear(at: Date): number {
  return Number(deskDay(at).slice(0, 4));
}

/** The UTC instant (ISO) at which the desk's calendar day `day` (YYYY-MM-DD) begins. */
export function deskDayStart(day: string): string {
  return instantAt(day, 0).toISOString();
}
