import { describe, expect, it } from 'vitest';
import {
  ageBucket,
  canMoveClaim,
  CLAIM_STATUSES,
  laborAmountFen,
  mustReturn,
  settlementVerdict,
  submissionTarget,
  untaggedReturns,
} from '../../shared/domain/warranty-claims';

describe('warranty claim status rules', () => {
  it('follows draft → submitted → rejected → corrected → resubmitted → paid, and nothing leaves paid', () => {
    const path = ['draft', 'submitted', 'rejected', 'corrected', 'resubmitted', 'paid'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveClaim(path[i - 1]!, path[i]!)).toBe(true);
    for (const to of CLAIM_STATUSES) expect(canMoveClaim('paid', to)).toBe(false);
  });

  it('refuses shortcuts: a draft is never paid, a rejection is corrected before it is resubmitted', () => {
    expect(canMoveClaim('draft', 'paid')).toBe(false);
    expect(canMoveClaim('draft', 'rejected')).toBe(false);
    expect(canMoveClaim('rejected', 'resubmitted')).toBe(false);
    expect(canMoveClaim('rejected', 'submitted')).toBe(false);
    expect(canMoveClaim('partly_paid', 'paid')).toBe(true);
    expect(canMoveClaim('partly_paid', 'rejected')).toBe(false);
  });

  it('a batch submits drafts and resubmits corrected claims, nothing else', () => {
    expect(submissionTarget('draft')).toBe('submitted');
    expect(submissionTarget('corrected')).toBe('resubmitted');
    for (const s of ['submitted', 'accepted', 'rejected', 'resubmitted', 'partly_paid', 'paid'] as const)
      expect(submissionTarget(s)).toBeNull();
  });

  it('names the parts that must be returned and have no old-part tag', () => {
    const parts = [
      { partNumber: 'A-1', oldPartTag: null },
      { partNumber: 'B-2', oldPartTag: 'JJ2026-000001' },
      { partNumber: 'C-3', oldPartTag: null },
    ];
    expect(untaggedReturns('all', 'B-2', parts)).toEqual(['A-1', 'C-3']);
    expect(untaggedReturns('causal', 'B-2', parts)).toEqual([]);
    expect(untaggedReturns('causal', 'a-1', parts)).toEqual(['A-1']);
    expect(mustReturn('causal', 'X', '')).toBe(false);
  });

  it('judges the OEM answer: paid in full, partly paid with the rest to write off, rejected, refused', () => {
    expect(settlementVerdict('submitted', 83_000, { outcome: 'paid', amountFen: 83_000 })).toEqual({
      ok: true,
      to: 'paid',
      paidFen: 83_000,
      writtenOffFen: 0,
    });
    expect(settlementVerdict('resubmitted', 83_000, { outcome: 'paid', amountFen: 80_000 })).toEqual({
      ok: true,
      to: 'partly_paid',
      paidFen: 80_000,
      writtenOffFen: 3_000,
    });
    expect(settlementVerdict('accepted', 83_000, { outcome: 'rejected', amountFen: 0 })).toMatchObject({ to: 'rejected' });
    expect(settlementVerdict('draft', 83_000, { outcome: 'paid', amountFen: 1 })).toEqual({
      ok: false,
      reason: 'warrantyClaim.notOutstanding',
    });
    expect(settlementVerdict('submitted', 83_000, { outcome: 'paid', amountFen: 90_000 })).toMatchObject({
      reason: 'warrantyClaim.overpaid',
    });
    expect(settlementVerdict('submitted', 83_000, { outcome: 'paid', amountFen: 0 })).toMatchObject({
      reason: 'warrantyClaim.nothingPaid',
    });
  });

  it('prices labor at the OEM rate rounded half-up once, and buckets ages', () => {
    expect(laborAmountFen(1500, 10_000)).toBe(15_000);
    expect(laborAmountFen(333, 10_001)).toBe(3330);
    expect([0, 30, 31, 60, 61, 90, 91].map(ageBucket)).toEqual([
      'd0_30',
      'd0_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90_plus',
    ]);
  });
});
