import { describe, expect, it } from 'vitest';
import {
  appointmentMayBecome,
  boardDays,
  dayHasRoom,
  formatHm,
  parseHm,
  SLOT_DEFAULTS,
  slotHasRoom,
  slotProblem,
  slotStarts,
  takesCapacity,
  weekStart,
} from '../../shared/domain/appointment-slots';
import { instantAt, wallClock } from '../../shared/domain/desk-time';
import { addDays } from '../../shared/domain/desk-time';

const NOW = new Date('2026-11-24T02:00:00.000Z'); // 10:00 in Beijing

describe('appointment slots: the desk calendar', () => {
  it('reads the wall clock in Beijing, not UTC', () => {
    expect(wallClock(new Date('2026-11-24T16:30:00.000Z'))).toEqual({ day: '2026-11-25', minutes: 30 });
    expect(wallClock(new Date('2026-11-24T15:59:00.000Z'))).toEqual({ day: '2026-11-24', minutes: 23 * 60 + 59 });
    expect(wallClock(new Date('2026-11-24T00:30:00.000Z'), 'UTC')).toEqual({ day: '2026-11-24', minutes: 30 });
  });

  it('finds the instant of a wall-clock time, the round trip of wallClock', () => {
    expect(instantAt('2026-11-25', 9 * 60).toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(instantAt('2026-11-25', 0).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(instantAt('2026-01-01', 8 * 60 + 30).toISOString()).toBe('2026-01-01T00:30:00.000Z');
    // A zone with daylight saving keeps the round trip on an ordinary day.
    expect(instantAt('2026-07-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('counts days by the calendar across months and years, weeks Monday to Sunday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekStart('2026-11-24')).toBe('2026-11-23'); // Tuesday -> Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday belongs to the week before
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(boardDays('2026-11-24', 'day')).toEqual(['2026-11-24']);
    expect(boardDays('2026-12-31', 'week')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('parses and formats times of day', () => {
    expect(parseHm('08:30')).toBe(510);
    expect(parseHm('24:00')).toBeNull();
    expect(parseHm('8:30')).toBeNull();
    expect(parseHm('08:60')).toBeNull();
    expect(formatHm(510)).toBe('08:30');
    expect(formatHm(17 * 60)).toBe('17:00');
  });
});

describe('appointment slots: the grid and its rules', () => {
  it('offers slots from opening to the last that ends by closing', () => {
    const slots = slotStarts(SLOT_DEFAULTS).map(formatHm);
    expect(slots).toHaveLength(18);
    expect(slots[0]).toBe('08:30');
    expect(slots.at(-1)).toBe('17:00');
    // A 45-minute slot that would run past closing is not offered.
    expect(slotStarts({ slotMinutes: 45, opensAt: 9 * 60, closesAt: 10 * 60 + 40 }).map(formatHm)).toEqual(['09:00', '09:45']);
    expect(slotStarts({ slotMinutes: 0, opensAt: 0, closesAt: 60 })).toEqual([]);
  });

  it('refuses a start already past or under way, between slots, or outside opening hours', () => {
    const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
    expect(slotProblem(at('2026-11-24', '09:30'), NOW, SLOT_DEFAULTS)).toBe('appointment.past');
    expect(slotProblem(at('2026-11-24', '10:00'), NOW, SLOT_DEFAULTS)).toBe('appointment.past');
    expect(slotProblem(at('2026-11-24', '10:30'), NOW, SLOT_DEFAULTS)).toBeNull();
    expect(slotProblem(at('2026-11-25', '10:15'), NOW, SLOT_DEFAULTS)).toBe('appointment.offSlot');
    expect(slotProblem(new Date(at('2026-11-25', '10:30').getTime() + 1000), NOW, SLOT_DEFAULTS)).toBe('appointment.offSlot');
    expect(slotProblem(at('2026-11-25', '08:00'), NOW, SLOT_DEFAULTS)).toBe('appointment.closed');
    expect(slotProblem(at('2026-11-25', '17:00'), NOW, SLOT_DEFAULTS)).toBeNull();
    expect(slotProblem(at('2026-11-25', '17:30'), NOW, SLOT_DEFAULTS)).toBe('appointment.closed');
  });

  it('fits up to the capacity exactly, not beyond', () => {
    expect(slotHasRoom(1, 2)).toBe(true);
    expect(slotHasRoom(2, 2)).toBe(false);
    expect(slotHasRoom(0, 0)).toBe(false);
    expect(dayHasRoom(39_500, 500, 40_000)).toBe(true);
    expect(dayHasRoom(39_500, 501, 40_000)).toBe(false);
  });

  it('cancelled and no-show appointments free their capacity; status changes follow the flow', () => {
    expect(takesCapacity('booked')).toBe(true);
    expect(takesCapacity('arrived')).toBe(true);
    expect(takesCapacity('converted')).toBe(true);
    expect(takesCapacity('cancelled')).toBe(false);
    expect(takesCapacity('no_show')).toBe(false);
    expect(appointmentMayBecome('booked', 'arrived')).toBe(true);
    expect(appointmentMayBecome('arrived', 'arrived')).toBe(false);
    expect(appointmentMayBecome('booked', 'converted')).toBe(false);
    expect(appointmentMayBecome('arrived', 'converted')).toBe(true);
    expect(appointmentMayBecome('arrived', 'cancelled')).toBe(true);
    expect(appointmentMayBecome('converted', 'cancelled')).toBe(false);
    expect(appointmentMayBecome('no_show', 'arrived')).toBe(false);
  });
});
