import { describe, expect, it } from 'vitest';
import { openMinutesBetween, promiseRisk, type PromiseRiskJob } from '../../shared/domain/promise-risk';

// Desk hours 08:30-17:30 Beijing (= 00:30-09:30 UTC). "Now" is Tuesday 24 Nov 2026, 10:00 in Beijing (02:00 UTC).
const HOURS = { opensAt: 8 * 60 + 30, closesAt: 17 * 60 + 30 };
const NOW = new Date('2026-11-24T02:00:00Z');
const at = (beijing: string) => new Date(`${beijing}+08:00`);

function job(overrides: Partial<PromiseRiskJob> = {}): PromiseRiskJob {
  return { soldMilli: 1000, clockedMilli: 0, done: false, waitingForParts: false, pendingApproval: false, ...overrides };
}

describe('opening time left before a promise', () => {
  it('counts only the hours between opening and closing on the desk clock', () => {
    // 10:00 -> 17:30 today is 7.5 h; tomorrow 08:30 -> 12:00 is 3.5 h: 11 h in all, the night not counted.
    expect(openMinutesBetween(NOW, at('2026-11-25T12:00:00'), HOURS)).toBe(11 * 60);
    // Promised at 20:00 today: the workshop closes at 17:30, so 7.5 h.
    expect(openMinutesBetween(NOW, at('2026-11-24T20:00:00'), HOURS)).toBe(7.5 * 60);
    expect(openMinutesBetween(NOW, NOW, HOURS)).toBe(0);
  });
});

describe('the promise-time rule', () => {
  it('is on track when the hours left fit before the promise', () => {
    // 3 h sold, 1 h clocked: 2 h left; 16:00 today leaves 6 h.
    const risk = promiseRisk(at('2026-11-24T16:00:00'), NOW, [job({ soldMilli: 3000, clockedMilli: 1000 })], HOURS);
    expect(risk).toEqual({ level: 'on_track', reasons: [], remainingMilli: 2000, availableMilli: 6000 });
  });

  it('is at risk on hours when the work left exceeds the opening time left', () => {
    // 5 h + 2 h still to do; promised 15:00 today leaves 5 h.
    const risk = promiseRisk(at('2026-11-24T15:00:00'), NOW, [job({ soldMilli: 5000 }), job({ soldMilli: 2000 })], HOURS);
    expect(risk.level).toBe('at_risk');
    expect(risk.reasons).toEqual(['hours']);
    expect(risk.remainingMilli).toBe(7000);
    expect(risk.availableMilli).toBe(5000);
  });

  it('does not count work already done, nor clocked time beyond the sold hours', () => {
    const jobs = [job({ soldMilli: 8000, done: true }), job({ soldMilli: 1000, clockedMilli: 2500 })];
    expect(promiseRisk(at('2026-11-24T11:00:00'), NOW, jobs, HOURS)).toMatchObject({ level: 'on_track', remainingMilli: 0 });
  });

  it('is at risk while a job waits for parts or for the customer, whatever the hours', () => {
    const later = at('2026-11-27T17:00:00');
    expect(promiseRisk(later, NOW, [job({ waitingForParts: true })], HOURS).reasons).toEqual(['parts']);
    expect(promiseRisk(later, NOW, [job({ pendingApproval: true })], HOURS).reasons).toEqual(['approval']);
    // A done job waiting for nothing more does not count as waiting for parts.
    expect(promiseRisk(later, NOW, [job({ done: true, waitingForParts: true })], HOURS).level).toBe('on_track');
  });

  it('is late once the promised time has passed', () => {
    expect(promiseRisk(at('2026-11-24T09:59:00'), NOW, [job()], HOURS)).toMatchObject({ level: 'late', reasons: ['late'] });
  });
});

describe('parts to order and the promise (issue 5)', () => {
  const promise = at('2026-11-25T16:00:00');

  it('is at risk for parts when a quantity to order has no expected date', () => {
    const risk = promiseRisk(promise, NOW, [job({ partsToOrder: { expectedAt: null } })], HOURS);
    expect(risk.level).toBe('at_risk');
    expect(risk.reasons).toEqual(['parts']);
  });

  it('is at risk for parts when the parts are expected after the promised time', () => {
    const risk = promiseRisk(promise, NOW, [job({ partsToOrder: { expectedAt: at('2026-11-26T00:00:00') } })], HOURS);
    expect(risk.reasons).toEqual(['parts']);
  });

  it('stays on track when the parts are expected before the promise, or the job is done', () => {
    expect(promiseRisk(promise, NOW, [job({ partsToOrder: { expectedAt: at('2026-11-25T00:00:00') } })], HOURS).level).toBe(
      'on_track',
    );
    expect(promiseRisk(promise, NOW, [job({ done: true, partsToOrder: { expectedAt: null } })], HOURS).level).toBe('on_track');
  });
});
