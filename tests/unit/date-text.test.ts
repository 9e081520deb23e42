import { describe, expect, it } from 'vitest';
import { parseDayText, parseDayTimeText, parseTimeText, showValue } from '../../renderer/src/ui/date-text';

// The desk's date fields take a day typed the ways people type one, and hold the string the native inputs held.
describe('typed days and times', () => {
  it('reads a day with dashes, slashes or dots, without leading zeros, or as eight digits', () => {
    for (const typed of ['2026-12-07', '2026/12/7', '2026.12.07', ' 20261207 ']) expect(parseDayText(typed)).toBe('2026-12-07');
  });

  it('refuses a day that is not on the calendar, or half typed', () => {
    for (const typed of ['2026-02-30', '2026-13-01', '2026-12', '12/07/2026', 'tomorrow', ''])
      expect(parseDayText(typed)).toBeNull();
  });

  it('reads a 24-hour time and refuses one past 23:59', () => {
    expect(parseTimeText('9:05')).toBe('09:05');
    expect(parseTimeText('1730')).toBe('17:30');
    expect(parseTimeText('24:00')).toBeNull();
    expect(parseTimeText('5pm')).toBeNull();
  });

  it('reads a day and time with a space or a T, dropping seconds, as the datetime-local string', () => {
    expect(parseDayTimeText('2026-12-07 14:30')).toBe('2026-12-07T14:30');
    expect(parseDayTimeText('2026-12-07T14:30')).toBe('2026-12-07T14:30');
    expect(parseDayTimeText('2026/12/7 9:05:59')).toBe('2026-12-07T09:05');
    expect(parseDayTimeText('2026-12-07')).toBeNull();
  });

  it('shows a held day and time with a space', () => {
    expect(showValue('2026-12-07T14:30')).toBe('2026-12-07 14:30');
    expect(showValue('2026-12-07')).toBe('2026-12-07');
  });
});
