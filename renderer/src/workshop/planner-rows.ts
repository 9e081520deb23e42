import type { BayDto, BoardDto, BoardTechnicianDto, WorkshopJobDto } from '../../../shared/contract/workshop';
import { wallClock } from '../../../shared/domain/desk-time';
import { plannedMinutes, SNAP_MINUTES, startInstant, type TimeAxis } from './planner-layout';

/*
 * The rows of the workshop planner (issue 17 item 4): a row per technician, or, in the bay view, a row per active bay
 * of the manager's list and an "other" row for the jobs in a bay not (or no longer) in it. Also where the keyboard's
 * proposed slot may go. Pure, so the screen and its tests agree.
 */

/** Which rows the planner shows; each user's choice is kept on the desk. */
export type RowsView = 'technicians' | 'bays';
export const ROWS_VIEWS: readonly RowsView[] = ['technicians', 'bays'];

/** Where the foreman wants a job: a technician (null: the queue) at a start (null: no time), or a bay at a start. */
export type PlanTarget =
  | { jobId: number; technicianId: number | null; plannedStartAt: string | null }
  | { jobId: number; bay: string; plannedStartAt: string };

export interface PlannerRowModel {
  /** Unique among the rows: the technician's id, `bay-<name>`, or `bay-other` (the rows' test ids end in it). */
  key: string;
  /** What the row is named by (the technician, the bay), or null for the bay view's "other" row. */
  technician: BoardTechnicianDto | null;
  bay: BayDto | null;
  jobs: WorkshopJobDto[];
}

/** A bay name as the rows compare it: the words typed into a job and into the list may differ in case and spaces. */
const bayKey = (name: string): string => name.trim().toLowerCase();

export function technicianRows(board: BoardDto): PlannerRowModel[] {
  return board.technicians.map((technician) => ({
    key: String(technician.id),
    technician,
    bay: null,
    jobs: technician.jobs,
  }));
}

/**
 * The bay view: a row per active bay with the jobs planned (or clocked) in it, whoever has them; the jobs of a bay
 * not in the list in an "other" row (only when there are some); and apart, the dispatched jobs with no bay yet.
 */
export function bayRows(board: BoardDto): { rows: PlannerRowModel[]; noBay: WorkshopJobDto[] } {
  const jobs = [...board.unassigned, ...board.technicians.flatMap((technician) => technician.jobs)];
  const rows: PlannerRowModel[] = board.bays.map((bay) => ({ key: `bay-${bay.name}`, technician: null, bay, jobs: [] }));
  const byName = new Map(rows.map((row) => [bayKey(row.bay!.name), row]));
  const other: WorkshopJobDto[] = [];
  const noBay: WorkshopJobDto[] = [];
  for (const job of jobs) {
    if (!job.bay.trim()) {
      if (job.technician && !board.unassigned.includes(job)) noBay.push(job);
      continue;
    }
    const row = byName.get(bayKey(job.bay));
    if (row) row.jobs.push(job);
    else other.push(job);
  }
  if (other.length > 0) rows.push({ key: 'bay-other', technician: null, bay: null, jobs: other });
  return { rows, noBay };
}

/** Whether a job may be dropped (or moved from the keyboard) onto the row: the "other" row names no bay. */
export function isTarget(row: PlannerRowModel): boolean {
  return row.technician !== null || row.bay !== null;
}

/** The call a drop (or the keyboard's Enter) of `jobId` onto `row` at `minutes` of the board's day makes. */
export function targetFor(row: PlannerRowModel, jobId: number, day: string, minutes: number): PlanTarget | null {
  const plannedStartAt = startInstant(day, minutes);
  if (row.technician) return { jobId, technicianId: row.technician.id, plannedStartAt };
  if (row.bay) return { jobId, bay: row.bay.name, plannedStartAt };
  return null;
}

/** The keyboard's proposed slot for a job: a row and a start, drawn as a ghost bar until Enter or Escape. */
export interface Proposal {
  job: WorkshopJobDto;
  rowKey: string;
  minutes: number;
}

/** The first and last start a job may be given: within the opening hours, on the 15-minute grid. */
export function startRange(axis: TimeAxis): { first: number; last: number } {
  const first = Math.ceil(axis.opensAt / SNAP_MINUTES) * SNAP_MINUTES;
  const last = Math.max(first, Math.ceil(axis.closesAt / SNAP_MINUTES) * SNAP_MINUTES - SNAP_MINUTES);
  return { first, last };
}

/**
 * Where the keyboard starts proposing: the job's own row and planned start when it has them, else the first row and
 * the next quarter hour from now (on the board's day, within the hours), else the opening.
 */
export function firstProposal(
  job: WorkshopJobDto,
  rows: PlannerRowModel[],
  day: string,
  axis: TimeAxis,
  now: Date,
): Proposal | null {
  const targets = rows.filter(isTarget);
  if (targets.length === 0) return null;
  const own = targets.find((row) => row.jobs.some((other) => other.jobId === job.jobId));
  const { first, last } = startRange(axis);
  const wall = wallClock(now);
  const soon = wall.day === day ? Math.ceil(wall.minutes / SNAP_MINUTES) * SNAP_MINUTES : first;
  const minutes = plannedMinutes(job, day) ?? Math.min(Math.max(soon, first), last);
  return { job, rowKey: (own ?? targets[0]!).key, minutes };
}

/** The proposal after an arrow key: Left/Right a quarter hour earlier/later, Up/Down the previous/next row. */
export function moveProposal(proposal: Proposal, key: string, rows: PlannerRowModel[], axis: TimeAxis): Proposal {
  const { first, last } = startRange(axis);
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const step = key === 'ArrowLeft' ? -SNAP_MINUTES : SNAP_MINUTES;
    return { ...proposal, minutes: Math.min(last, Math.max(first, proposal.minutes + step)) };
  }
  const targets = rows.filter(isTarget);
  const at = targets.findIndex((row) => row.key === proposal.rowKey);
  const next = targets[Math.min(targets.length - 1, Math.max(0, at + (key === 'ArrowUp' ? -1 : 1)))];
  return next ? { ...proposal, rowKey: next.key } : proposal;
}
