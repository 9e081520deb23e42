import { describe, expect, it } from 'vitest';
import {
  addMonths,
  channelAfter,
  csiCallDay,
  dayAtKm,
  isFailedOutcome,
  isLapsed,
  kmPerDay,
  maintenanceDue,
  MAX_FAILED_ATTEMPTS,
} from '../../shared/domain/followup';

describe('csi call day', () => {
  it('is N calendar days after the desk day of delivery, across a month end', () => {
    expect(csiCallDay('2026-11-24', 3)).toBe('2026-11-27');
    expect(csiCallDay('2026-11-29', 3)).toBe('2026-12-02');
    expect(csiCallDay('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('attempts and channel', () => {
  it('counts no answer and wrong number as failed, not call back or done', () => {
    expect(isFailedOutcome('no_answer')).toBe(true);
    expect(isFailedOutcome('wrong_number')).toBe(true);
    expect(isFailedOutcome('call_back')).toBe(false);
    expect(isFailedOutcome('done')).toBe(false);
  });
  it('moves to SMS/letter on the fifth failure', () => {
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(channelAfter(4)).toBe('call');
    expect(channelAfter(5)).toBe('sms_letter');
  });
});

describe('months and lapsed', () => {
  it('adds months, clamping to the last day of a short month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-24', -6)).toBe('2026-05-24');
    expect(addMonths('2026-01-15', -24)).toBe('2024-01-15');
  });
  it('a vehicle last seen six months ago to the day has lapsed; a day later it has not', () => {
    expect(isLapsed('2026-05-24', '2026-11-24')).toBe(true);
    expect(isLapsed('2026-05-25', '2026-11-24')).toBe(false);
  });
});

describe('mileage estimate', () => {
  const readings = [
    { day: '2026-01-01', km: 20_000 },
    { day: '2026-03-02', km: 21_200 }, // 60 days later
    { day: '2026-05-01', km: 22_400 }, // 120 days after the first: 2,400 km / 120 days = 20 km/day
  ];
  it('averages km per day between the first and last reading', () => {
    expect(kmPerDay(readings)).toBe(20);
    expect(kmPerDay([readings[0]!])).toBeNull();
    expect(kmPerDay([readings[0]!, { day: '2026-01-01', km: 20_500 }])).toBeNull();
  });
  it('estimates the day a km target is reached from the latest reading', () => {
    // 30,000 − 22,400 = 7,600 km at 20 km/day = 380 days after 1 May 2026.
    expect(dayAtKm(readings, 30_000)).toBe('2027-05-16');
  });
  it('maintenance is due at 10,000 km or 12 months, whichever first', () => {
    // Last service 1 Jan 2026 at 20,000 km: 30,000 km estimated on 16 May 2027, after 1 Jan 2027 -> by date.
    expect(maintenanceDue({ day: '2026-01-01', km: 20_000 }, readings)).toEqual({ day: '2027-01-01', reason: 'date' });
    // A heavy driver: 100 km/day -> 10,000 km after 100 days.
    const heavy = [
      { day: '2026-01-01', km: 20_000 },
      { day: '2026-02-10', km: 24_000 },
    ];
    expect(maintenanceDue({ day: '2026-01-01', km: 20_000 }, heavy)).toEqual({ day: '2026-04-11', reason: 'mileage' });
    // No odometer at the visit: the date alone decides.
    expect(maintenanceDue({ day: '2026-01-01', km: null }, heavy)).toEqual({ day: '2027-01-01', reason: 'date' });
  });
});
