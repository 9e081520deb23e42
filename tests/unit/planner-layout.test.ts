import { describe, expect, it } from 'vitest';
import type { WorkshopJobDto } from '../../shared/contract/workshop';
import { instantAt } from '../../shared/domain/desk-time';
import { formStarts, minutesAtRatio, placeJobs, timeAxis } from '../../renderer/src/workshop/planner-layout';

const DAY = '2026-11-24';
const axis = timeAxis({ opensAt: 8 * 60 + 30, closesAt: 17 * 60 + 30 });

function job(jobId: number, soldMilli: number, plannedAt: number | null, clockedAt: number | null = null): WorkshopJobDto {
  return {
    jobId,
    soldMilli,
    plannedStartAt: plannedAt === null ? null : instantAt(DAY, plannedAt).toISOString(),
    firstClockedAt: clockedAt === null ? null : instantAt(DAY, clockedAt).toISOString(),
    clockedMinutes: 0,
  } as WorkshopJobDto;
}

describe('the workshop planner’s layout', () => {
  it('shows whole hours around the opening hours', () => {
    expect(axis).toMatchObject({ from: 480, to: 1080 });
    expect(axis.hours).toHaveLength(10);
  });

  it('snaps a drop to 15 minutes, within the opening hours', () => {
    expect(minutesAtRatio(axis, 0.2)).toBe(600); // 10:00
    expect(minutesAtRatio(axis, 0.2 + 14 / 600)).toBe(600);
    expect(minutesAtRatio(axis, 0)).toBe(510); // not before 08:30
    expect(minutesAtRatio(axis, 1)).toBe(1035); // the last start before 17:30
  });

  it('offers every half hour from opening to the last before closing', () => {
    const starts = formStarts(axis);
    expect(starts[0]).toBe(510);
    expect(starts.at(-1)).toBe(1020);
  });

  it('makes a bar as long as the sold hours, where planned or else where clocked, and lanes for overlaps', () => {
    const { placed, unplaced, lanes } = placeJobs(
      [job(1, 2000, 600), job(2, 1000, 660), job(3, 500, null, 780), job(4, 1000, null), job(5, 0, 900)],
      DAY,
      axis,
    );
    expect(unplaced.map((j) => j.jobId)).toEqual([4]);
    expect(placed.map((b) => [b.job.jobId, b.start, b.end, b.kind, b.lane])).toEqual([
      [1, 600, 720, 'planned', 0],
      [2, 660, 720, 'planned', 1],
      [3, 780, 810, 'clocked', 0],
      [5, 900, 930, 'planned', 0],
    ]);
    expect(placed.find((b) => b.job.jobId === 5)!.estimated).toBe(true);
    expect(lanes).toBe(2);
  });

  it('leaves a job planned on another day off this day’s planner', () => {
    const other = { ...job(6, 1000, null), plannedStartAt: instantAt('2026-11-23', 600).toISOString() };
    expect(placeJobs([other], DAY, axis).unplaced).toHaveLength(1);
  });
});
