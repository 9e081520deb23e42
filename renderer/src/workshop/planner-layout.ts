import type { BoardDto, WorkshopJobDto } from '../../../shared/contract/workshop';
import { instantAt, wallClock } from '../../../shared/domain/desk-time';

/*
 * Where things sit on the workshop planner (issue 17 item 4): the time axis is the board's day from the hour the
 * workshop opens to the hour after it closes; a job's bar starts where it is planned (or, unplanned, where its first
 * clocking started that day) and is as long as its sold hours. Pure, so the screen and its tests agree.
 */

/** The planner snaps a drop to this many minutes. */
export const SNAP_MINUTES = 15;
/** The keyboard form offers starts this many minutes apart. */
export const FORM_STEP_MINUTES = 30;
/** A job with no sold hours still gets a bar this long, drawn as an estimate. */
const UNSOLD_MINUTES = 30;

export interface TimeAxis {
  /** Minutes after midnight on the desk's clock where the axis starts and ends (whole hours). */
  from: number;
  to: number;
  opensAt: number;
  closesAt: number;
  /** Every whole hour the axis shows, minutes after midnight. */
  hours: number[];
}

export function timeAxis(hours: BoardDto['hours']): TimeAxis {
  const from = Math.floor(hours.opensAt / 60) * 60;
  const to = Math.max(from + 60, Math.ceil(hours.closesAt / 60) * 60);
  const marks: number[] = [];
  for (let at = from; at < to; at += 60) marks.push(at);
  return { from, to, opensAt: hours.opensAt, closesAt: hours.closesAt, hours: marks };
}

/** A span of minutes as a share of the axis, percent (for left and width). */
export function percentOf(axis: TimeAxis, minutes: number): number {
  return (minutes / (axis.to - axis.from)) * 100;
}

export interface PlacedJob {
  job: WorkshopJobDto;
  /** Minutes after midnight the bar starts and ends, clipped to the axis. */
  start: number;
  end: number;
  /** planned: the foreman put it there; clocked: it stands where the technician first clocked on. */
  kind: 'planned' | 'clocked';
  /** No sold hours: the bar's length is a guess. */
  estimated: boolean;
  lane: number;
}

/** Where the job's bar starts on `day`, or null when it has no place on that day's planner. */
function barStart(job: WorkshopJobDto, day: string): { minutes: number; kind: PlacedJob['kind'] } | null {
  for (const [at, kind] of [
    [job.plannedStartAt, 'planned'],
    [job.firstClockedAt, 'clocked'],
  ] as const) {
    if (at === null) continue;
    const wall = wallClock(new Date(at));
    if (wall.day === day) return { minutes: wall.minutes, kind };
  }
  return null;
}

/**
 * A technician's jobs laid out on the axis: bars that overlap go to separate lanes (the first free one, in order of
 * start); the jobs with no place on the day are returned apart.
 */
export function placeJobs(
  jobs: readonly WorkshopJobDto[],
  day: string,
  axis: TimeAxis,
): { placed: PlacedJob[]; unplaced: WorkshopJobDto[]; lanes: number } {
  const placed: PlacedJob[] = [];
  const unplaced: WorkshopJobDto[] = [];
  for (const job of jobs) {
    const start = barStart(job, day);
    if (!start) {
      unplaced.push(job);
      continue;
    }
    const estimated = job.soldMilli <= 0;
    const length = estimated ? Math.max(UNSOLD_MINUTES, job.clockedMinutes) : Math.round((job.soldMilli * 60) / 1000);
    const from = Math.min(Math.max(start.minutes, axis.from), axis.to - SNAP_MINUTES);
    placed.push({ job, start: from, end: Math.min(axis.to, from + Math.max(length, 1)), kind: start.kind, estimated, lane: 0 });
  }
  placed.sort((a, b) => a.start - b.start || a.job.jobId - b.job.jobId);
  const laneEnds: number[] = [];
  for (const bar of placed) {
    let lane = laneEnds.findIndex((end) => end <= bar.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = bar.end;
    bar.lane = lane;
  }
  return { placed, unplaced, lanes: Math.max(1, laneEnds.length) };
}

/** The start a drop at `ratio` (0..1 across the axis) means: snapped, and within the opening hours. */
export function minutesAtRatio(axis: TimeAxis, ratio: number): number {
  const raw = axis.from + Math.min(1, Math.max(0, ratio)) * (axis.to - axis.from);
  const snapped = Math.floor(raw / SNAP_MINUTES) * SNAP_MINUTES;
  const lastStart = Math.ceil(axis.closesAt / SNAP_MINUTES) * SNAP_MINUTES - SNAP_MINUTES;
  return Math.min(Math.max(snapped, Math.ceil(axis.opensAt / SNAP_MINUTES) * SNAP_MINUTES), lastStart);
}

/** The starts the keyboard form offers: every half hour from opening to the last before closing. */
export function formStarts(axis: TimeAxis): number[] {
  const starts: number[] = [];
  for (let at = axis.opensAt; at < axis.closesAt; at += FORM_STEP_MINUTES) starts.push(at);
  return starts;
}

/** The ISO instant of `minutes` after midnight on the desk's `day`. */
export function startInstant(day: string, minutes: number): string {
  return instantAt(day, minutes).toISOString();
}

/** The job's planned start on `day` as minutes after midnight, or null. */
export function plannedMinutes(job: WorkshopJobDto, day: string): number | null {
  if (job.plannedStartAt === null) return null;
  const wall = wallClock(new Date(job.plannedStartAt));
  return wall.day === day ? wall.minutes : null;
}
