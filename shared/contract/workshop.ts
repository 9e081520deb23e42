import { type } from '@orpc/contract';
import { z } from 'zod';
import { CONCERN_GROUPS, type ConcernGroup } from '../domain/concern-groups';
import type { RepairOrderStatus } from '../domain/repair-order-status';
import { PAUSE_REASONS, type JobOrigin, type JobWorkshopState, type PauseReason } from '../domain/workshop-states';
import { procedure } from './base';
import { reasonIssue } from './errors';
import { id, isoDate, multiLine, singleLine } from './fields';

/** The foreman dispatches; the manager may do everything the foreman does. */
const DISPATCH = ['foreman', 'manager'] as const;
/** Who reads the dispatch board: the dispatchers and the advisors (to tell a customer where the car is). */
const BOARD = ['advisor', 'foreman', 'manager'] as const;
/** Who reads a job's workshop facts on the RO page. */
const READ = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'] as const;
/** Findings (3C): the technician of the job, or the foreman and manager writing them down for him. */
const FINDINGS = ['technician', 'foreman', 'manager'] as const;

/** 24 hours in thousandths: nobody attends more in one day. */
export const MAX_ATTENDED_MILLI = 24_000;

const instant = z.iso.datetime({ offset: true });

export const boardInput = z.strictObject({
  /** The desk's calendar day whose clocked time and attendance the columns show; today when left out. */
  day: isoDate.optional(),
});

export const assignInput = z.strictObject({
  jobId: id,
  /** Null puts the job back in the unassigned queue. */
  technicianId: id.nullable(),
  bay: singleLine().max(20).optional(),
  /** The dispatcher confirms a technician without the job's concern group in their skills. */
  overrideSkills: z.boolean().default(false),
});

export const planInput = z.strictObject({
  jobId: id,
  technicianId: id,
  /** Where the job's bar starts on the planner, within the workshop's opening hours; null: dispatched without a time. */
  plannedStartAt: instant.nullable(),
  /** The dispatcher confirms a technician without the job's concern group in their skills. */
  overrideSkills: z.boolean().default(false),
});

/** What a workshop bay (工位) is for: a two-post lift, the alignment rig, the wash bay, the high-voltage (EV) bay, any. */
export const BAY_KINDS = ['lift', 'alignment', 'wash', 'ev', 'general'] as const;
export type BayKind = (typeof BAY_KINDS)[number];
/** A dealership's workshop, not a factory: the list stays short enough to read as rows of the planner. */
export const MAX_BAYS = 40;

/** A bay's name as painted on the floor ("A3", "四轮定位"); the jobs' free-text bay holds the same words. */
const bayName = singleLine().min(1).max(20);

export const setBaysInput = z.strictObject({
  /** The whole list, in the order the planner shows it; a name twice (letter case aside) is refused (bays.duplicate). */
  bays: z
    .array(z.strictObject({ name: bayName, kind: z.enum(BAY_KINDS), active: z.boolean() }))
    .max(MAX_BAYS)
    .superRefine((bays, ctx) => {
      const seen = new Set<string>();
      bays.forEach((bay, index) => {
        const key = bay.name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ ...reasonIssue('bays.duplicate'), path: [index, 'name'] });
        seen.add(key);
      });
    }),
  /** The version read (0 before the list was ever saved); a save over another desk's is refused. */
  version: z.int().min(0),
});

export const planBayInput = z.strictObject({
  jobId: id,
  bay: bayName,
  /** Where the job's bar starts in the bay, within the workshop's opening hours. */
  plannedStartAt: instant,
});

export const setSkillsInput = z.strictObject({
  technicianId: id,
  concernGroups: z.array(z.enum(CONCERN_GROUPS)).max(CONCERN_GROUPS.length),
});

export const jobInput = z.strictObject({ jobId: id });

export const clockOffInput = z.strictObject({
  jobId: id,
  /** True: the job is done. False: the technician stops for now (break, end of shift) and the job waits again. */
  finished: z.boolean(),
});

export const pauseInput = z
  .strictObject({
    jobId: id,
    reason: z.enum(PAUSE_REASONS),
    note: multiLine().max(500).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'other' && !value.note) ctx.addIssue({ ...reasonIssue('required'), path: ['note'] });
  });

const finding = multiLine().max(2000);
export const findingsInput = z.strictObject({ jobId: id, cause: finding, correction: finding });

export const correctClockingInput = z
  .strictObject({
    clockingId: id,
    startedAt: instant,
    endedAt: instant,
    reason: multiLine().min(1).max(500),
  })
  .superRefine((value, ctx) => {
    if (Date.parse(value.endedAt) <= Date.parse(value.startedAt)) {
      ctx.addIssue({ ...reasonIssue('clocking.endBeforeStart'), path: ['endedAt'] });
    }
  });

export const attendanceInput = z.strictObject({
  technicianId: id,
  day: isoDate,
  attendedMilli: z.int().min(0).max(MAX_ATTENDED_MILLI),
});

export const proposeJobInput = z.strictObject({
  repairOrderId: id,
  concern: multiLine().min(1).max(1000),
  concernGroup: z.enum(CONCERN_GROUPS),
  /** What the technician found that calls for the work, for the advisor who asks the customer. */
  note: multiLine().max(1000).default(''),
});

/** A job as the workshop sees it. */
export interface WorkshopJobDto {
  jobId: number;
  repairOrderId: number;
  roNumber: string;
  roStatus: RepairOrderStatus;
  plate: string;
  makeModel: string;
  promisedAt: string | null;
  concern: string;
  cause: string;
  correction: string;
  concernGroup: ConcernGroup;
  state: JobWorkshopState;
  pauseReason: PauseReason | null;
  pauseNote: string;
  bay: string;
  origin: JobOrigin;
  technician: { id: number; displayName: string } | null;
  /** Where the foreman planned the job's bar to start (ISO-8601 UTC); null while not planned at a time. */
  plannedStartAt: string | null;
  /** When the first clocking on the job started; null before anyone clocked on it. */
  firstClockedAt: string | null;
  /** Sold hours: the flat-rate hours of the job's labor lines, thousandths. */
  soldMilli: number;
  /** All the time clocked on the job, a running clocking counted up to now. */
  clockedMinutes: number;
  /** The clocking running on the job, if any. */
  running: { clockingId: number; technicianId: number; startedAt: string } | null;
}

export interface BayDto {
  name: string;
  kind: BayKind;
  /** An inactive bay (a lift being serviced) stays in the list but is not a row of the planner. */
  active: boolean;
}

export interface BaysDto {
  bays: BayDto[];
  /** 0 until first saved. */
  version: number;
}

export interface BoardTechnicianDto {
  id: number;
  displayName: string;
  skills: ConcernGroup[];
  jobs: WorkshopJobDto[];
  /** Minutes clocked on the board's day (any job). */
  clockedMinutesDay: number;
  /** Hours attended on the board's day (thousandths), null when not recorded. */
  attendedMilli: number | null;
}

export interface BoardDto {
  day: string;
  /** The workshop's opening hours on the desk's clock, minutes after midnight: the planner's time axis. */
  hours: { opensAt: number; closesAt: number };
  unassigned: WorkshopJobDto[];
  technicians: BoardTechnicianDto[];
  /** The active bays in the manager's order: the planner's rows in its bay view. */
  bays: BayDto[];
}

export interface MyJobsDto {
  jobs: WorkshopJobDto[];
  /** The signed-in technician's running clocking (at most one). */
  running: { clockingId: number; jobId: number; roNumber: string; startedAt: string } | null;
}

export interface ClockingDto {
  id: number;
  jobId: number;
  technician: { id: number; displayName: string };
  startedAt: string;
  endedAt: string | null;
  minutes: number;
  corrections: {
    oldStartedAt: string;
    oldEndedAt: string | null;
    newStartedAt: string;
    newEndedAt: string | null;
    reason: string;
    correctedBy: string;
    correctedAt: string;
  }[];
}

/** A job's workshop facts as the RO page shows them. */
export interface RoJobWorkshopDto {
  jobId: number;
  state: JobWorkshopState;
  pauseReason: PauseReason | null;
  pauseNote: string;
  origin: JobOrigin;
  proposalNote: string;
  technician: { id: number; displayName: string } | null;
  clockedMinutes: number;
}

export const dispatchContract = {
  /**
   * The dispatch board: the approved jobs of ROs still in the workshop (open, in progress, on hold, qc), in an
   * unassigned queue and one column per active technician. Jobs pending the customer's approval are not on it.
   */
  board: procedure.meta({ access: BOARD }).input(boardInput).output(type<BoardDto>()),

  /**
   * Dispatches a job to a technician (or back to the queue, which also clears its planned time). Refused while a clocking runs on it, and for a
   * technician without the job's concern group in their skills unless the dispatcher confirms (overrideSkills).
   */
  assign: procedure.meta({ access: DISPATCH }).input(assignInput).output(type<WorkshopJobDto>()),

  /**
   * Plans a job onto a technician at a time of the board's day (the planner's drag and drop, or its keyboard form).
   * The same rules as assign (a running clocking, the skills unless overrideSkills); a start outside the opening hours
   * is refused (plan.outsideHours).
   */
  plan: procedure.meta({ access: DISPATCH }).input(planInput).output(type<WorkshopJobDto>()),

  /**
   * Plans a job into a bay at a time of the board's day (a drop on the planner's bay view, or its keyboard form): sets
   * the job's bay and planned start, its technician stays. A start outside the opening hours is refused
   * (plan.outsideHours); so is a job with a clocking running (assign.clockingRunning).
   */
  planBay: procedure.meta({ access: DISPATCH }).input(planBayInput).output(type<WorkshopJobDto>()),

  /** The dealership's workshop bays, active or not, in the manager's order (empty until the manager lists them). */
  bays: procedure
    .meta({ access: [...BOARD, 'admin'] })
    .input(z.strictObject({}).optional())
    .output(type<BaysDto>()),

  /** Replaces the list of workshop bays, all at once, over the version read. */
  setBays: procedure
    .meta({ access: ['manager', 'admin'] })
    .input(setBaysInput)
    .output(type<BaysDto>()),

  /** Replaces a technician's skills (concern groups). */
  setSkills: procedure.meta({ access: DISPATCH }).input(setSkillsInput).output(type<{ concernGroups: ConcernGroup[] }>()),

  /** The signed-in technician's approved jobs on ROs in the workshop, and their running clocking. */
  myJobs: procedure
    .meta({ access: ['technician'] })
    .input(z.strictObject({}))
    .output(type<MyJobsDto>()),

  /**
   * Starts the clock on one of the technician's own approved jobs of an RO in progress (an open RO waits for the
   * advisor to start the work; one on hold is paused as a whole). A second running clocking is refused.
   */
  clockOn: procedure
    .meta({ access: ['technician'] })
    .input(jobInput)
    .output(type<MyJobsDto>()),

  /** Ends the running clocking on the job: finished -> done, otherwise the job waits again. */
  clockOff: procedure
    .meta({ access: ['technician'] })
    .input(clockOffInput)
    .output(type<MyJobsDto>()),

  /** Pauses the job with a reason (ends a clocking running on it). */
  pause: procedure
    .meta({ access: ['technician', 'foreman', 'manager'] })
    .input(pauseInput)
    .output(type<WorkshopJobDto>()),

  /** Writes the job's cause and correction (the 3C shown on the RO). */
  recordFindings: procedure.meta({ access: FINDINGS }).input(findingsInput).output(type<WorkshopJobDto>()),

  /** A job's clockings with their corrections, oldest first. */
  clockings: procedure.meta({ access: DISPATCH }).input(jobInput).output(type<ClockingDto[]>()),

  /** Corrects an ended clocking's times, with the reason; the values before are kept. */
  correctClocking: procedure
    .meta({ access: ['manager'] })
    .input(correctClockingInput)
    .output(type<ClockingDto>()),

  /** Records (or replaces) the hours a technician attended on a desk day. */
  recordAttendance: procedure.meta({ access: DISPATCH }).input(attendanceInput).output(type<{ attendedMilli: number }>()),

  /**
   * Additional work (增项) found in the workshop: a new job on the RO, pending the customer's approval (the advisor
   * records it with repairOrders.authorise); it joins the board once approved.
   */
  proposeJob: procedure
    .meta({ access: ['technician', 'foreman'] })
    .input(proposeJobInput)
    .output(type<WorkshopJobDto>()),

  /** The workshop facts of an RO's jobs (state, technician, clocked time), for the RO page. */
  roJobs: procedure
    .meta({ access: READ })
    .input(z.strictObject({ repairOrderId: id }))
    .output(type<RoJobWorkshopDto[]>()),
};
