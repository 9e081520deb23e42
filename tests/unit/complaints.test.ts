import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_STEPS,
  COMPLAINT_STEP_NUMBER,
  FIRST_RESPONSE_HOURS,
  closureRate,
  closureState,
  complaintNumber,
  draftCustomerSays,
  draftTarget,
  isLateResponse,
  type LowAnswer,
  isOverdue,
  resolutionHasAmount,
  responseDueAt,
  stepOutcome,
} from '../../shared/domain/complaints';

describe('the eight steps (seed 004)', () => {
  it('walks 1 to 8 in order when every decision is yes', () => {
    const walked: string[] = ['record'];
    let next = stepOutcome('record').next;
    while (next) {
      walked.push(next);
      next = stepOutcome(next, true).next;
    }
    expect(walked).toEqual([...COMPLAINT_STEPS]);
    expect(walked.map((s) => COMPLAINT_STEP_NUMBER[s as keyof typeof COMPLAINT_STEP_NUMBER])).toEqual([
      1, 2, 3, 4, 5, 6, 7, 7, 8,
    ]);
    expect(stepOutcome('summary')).toEqual({ next: null, status: 'closed' });
  });

  it('closes as invalid when judged not valid at step 2', () => {
    expect(stepOutcome('validity', false)).toEqual({ next: null, status: 'invalid' });
    expect(stepOutcome('validity', true)).toEqual({ next: 'assign', status: 'open' });
  });

  it('goes back to step 5 on a manager’s rejection and on an unsatisfied callback', () => {
    expect(stepOutcome('approve', false)).toEqual({ next: 'propose', status: 'open' });
    expect(stepOutcome('approve', true)).toEqual({ next: 'carry_out', status: 'open' });
    expect(stepOutcome('callback', false)).toEqual({ next: 'propose', status: 'open' });
    expect(stepOutcome('callback', true)).toEqual({ next: 'summary', status: 'open' });
  });

  it('asks for an amount only for money resolutions', () => {
    expect(['redo', 'discount', 'refund', 'compensation', 'explanation'].map((k) => resolutionHasAmount(k as never))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('numbers complaints TS<year>-<6 digits>', () => {
    expect(complaintNumber(2026, 1)).toBe('TS2026-000001');
    expect(complaintNumber(2027, 123456)).toBe('TS2027-123456');
  });
});

describe('first-response targets and overdue', () => {
  const created = '2026-11-24T02:00:00.000Z';

  it('gives 24 h, 8 h, 4 h, 4 h', () => {
    expect(FIRST_RESPONSE_HOURS).toEqual({ ordinary: 24, escalated: 8, major: 4, major_urgent: 4 });
    expect(responseDueAt(created, 'ordinary')).toBe('2026-11-25T02:00:00.000Z');
    expect(responseDueAt(created, 'escalated')).toBe('2026-11-24T10:00:00.000Z');
    expect(responseDueAt(created, 'major')).toBe('2026-11-24T06:00:00.000Z');
    expect(responseDueAt(created, 'major_urgent')).toBe('2026-11-24T06:00:00.000Z');
  });

  it('is overdue only after the due time, while open and unanswered', () => {
    const c = { status: 'open' as const, responseDueAt: '2026-11-24T06:00:00.000Z', firstResponseAt: null };
    expect(isOverdue(c, new Date('2026-11-24T06:00:00.000Z'))).toBe(false);
    expect(isOverdue(c, new Date('2026-11-24T06:00:01.000Z'))).toBe(true);
    expect(isOverdue({ ...c, firstResponseAt: '2026-11-24T07:00:00.000Z' }, new Date('2026-11-25T00:00:00.000Z'))).toBe(false);
    expect(isOverdue({ ...c, status: 'invalid' }, new Date('2026-11-25T00:00:00.000Z'))).toBe(false);
  });

  it('marks a first response after the due time as late', () => {
    const due = '2026-11-24T06:00:00.000Z';
    expect(isLateResponse({ responseDueAt: due, firstResponseAt: null })).toBe(false);
    expect(isLateResponse({ responseDueAt: due, firstResponseAt: due })).toBe(false);
    expect(isLateResponse({ responseDueAt: due, firstResponseAt: '2026-11-24T06:00:01.000Z' })).toBe(true);
  });
});

describe('two-week closure rate', () => {
  const asOf = new Date('2026-11-30T00:00:00.000Z');

  it('sorts each complaint as of the reckoning time', () => {
    // Closed on day 20: still counts as closed.
    expect(
      closureState({ status: 'closed', createdAt: '2026-10-01T00:00:00.000Z', closedAt: '2026-10-21T00:00:00.000Z' }, asOf),
    ).toBe('closed');
    // Closed after asOf: it was open at asOf, created 15 days before.
    expect(
      closureState({ status: 'closed', createdAt: '2026-11-15T00:00:00.000Z', closedAt: '2026-12-01T00:00:00.000Z' }, asOf),
    ).toBe('open_over_two_weeks');
    // Exactly 14 days open is not more than 14 days.
    expect(closureState({ status: 'open', createdAt: '2026-11-16T00:00:00.000Z', closedAt: null }, asOf)).toBe(
      'open_under_two_weeks',
    );
    expect(closureState({ status: 'open', createdAt: '2026-11-15T23:59:59.000Z', closedAt: null }, asOf)).toBe(
      'open_over_two_weeks',
    );
    expect(
      closureState({ status: 'invalid', createdAt: '2026-10-01T00:00:00.000Z', closedAt: '2026-10-01T01:00:00.000Z' }, asOf),
    ).toBe('not_counted');
    expect(closureState({ status: 'open', createdAt: '2026-12-01T00:00:00.000Z', closedAt: null }, asOf)).toBe('not_counted');
  });

  it('is closed ÷ (closed + open over two weeks), null with nothing to count', () => {
    expect(closureRate(3, 1)).toBe(0.75);
    expect(closureRate(0, 2)).toBe(0);
    expect(closureRate(0, 0)).toBeNull();
  });
});

describe('drafts from a dissatisfied survey', () => {
  const courtesy: LowAnswer = { position: 3, text: '服务顾问的礼貌', scale: 'scale_1_10', factor: 'service_advisor', value: 5 };
  const quality: LowAnswer = { position: 8, text: '维修保养的质量', scale: 'scale_1_10', factor: 'service_quality', value: 4 };
  const facility: LowAnswer = {
    position: 5,
    text: '休息区的舒适和整洁',
    scale: 'scale_1_10',
    factor: 'service_facility',
    value: 4,
  };
  const recommend: LowAnswer = { position: 9, text: '推荐', scale: 'recommend_0_10', factor: null, value: 0 };
  const fixed: LowAnswer = { position: 10, text: '车辆问题是否一次修好？', scale: 'yes_no', factor: null, value: false };

  it('points at whom the lowest factor answer names; the earlier question on a tie', () => {
    expect(draftTarget([courtesy])).toEqual({ department: 'service', person: 'advisor' });
    expect(draftTarget([courtesy, quality])).toEqual({ department: 'workshop', person: 'technician' });
    // Quality (position 8) and facility (position 5) both at 4: the facility comes first in the survey.
    expect(draftTarget([quality, facility])).toEqual({ department: 'service', person: null });
    // A 0 on recommend and a "no" carry no factor: they do not outweigh a factor answer, and alone name no one.
    expect(draftTarget([recommend, courtesy])).toEqual({ department: 'service', person: 'advisor' });
    expect(draftTarget([recommend, fixed])).toEqual({ department: 'service', person: null });
  });

  it('says the low answers in question order, then the verbatims in quotes, within the field’s length', () => {
    expect(draftCustomerSays([fixed, courtesy, recommend], ['  等太久了 ', ''])).toBe(
      '服务顾问的礼貌：5/10\n推荐：0/10\n车辆问题是否一次修好？：否\n“等太久了”',
    );
    const long = draftCustomerSays([courtesy], ['很'.repeat(3000)]);
    expect(long).toHaveLength(2000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves drafts and dismissed drafts out of the two-week closure rate', () => {
    const asOf = new Date('2026-12-31T00:00:00.000Z');
    for (const status of ['draft', 'dismissed'] as const)
      expect(closureState({ status, createdAt: '2026-10-01T00:00:00.000Z', closedAt: null }, asOf)).toBe('not_counted');
  });
});
