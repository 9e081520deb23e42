/**
 * The desk's way of writing a day and a time: 2026-12-07 and 14:30 (24-hour), whatever the screen's language. What
 * the fields hold is the string the forms always used: "2026-12-07" for a day, "2026-12-07T14:30" (a local time on
 * the desk's clock) for a day and time. What a person may type is looser: 2026/12/7, 2026.12.07, 20261207, a space
 * or a T before the time, 9:05 or 0905.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-07" for a real calendar day typed in any of the accepted ways, else null. */
export function parseDayText(text: string): string | null {
  const trimmed = text.trim();
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(trimmed) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "14:30" for a 24-hour time typed as 14:30, 9:05, 0905 or 14.30, else null. */
export function parseTimeText(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim()) ?? /^(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** "2026-12-07T14:30" for a day and a time typed with a space or a T between them (seconds dropped), else null. */
export function parseDayTimeText(text: string): string | null {
  const match = /^(\S+)(?:\s+|T)(\d{1,2}[:.]\d{2}|\d{4})(?::\d{2}(?:\.\d+)?)?$/.exec(text.trim());
  if (!match) return null;
  const day = parseDayText(match[1]!);
  const time = parseTimeText(match[2]!);
  return day && time ? `${day}T${time}` : null;
}

/** How a held value is shown: the day as is, a day and time with a space instead of the T. */
export function showValue(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? value.replace('T', ' ') : value;
}

/** A day held as "2026-12-07" as a Date at local midnight (what the calendar shows), or undefined. */
export function dayAsDate(value: string): Date | undefined {
  const day = parseDayText(value.slice(0, 10));
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** A Date picked on the calendar (local midnight) as "2026-12-07". */
export function dateAsDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
