import { qcChecklist } from '../../../../../shared/domain/qc-checklists';
import type { ConcernGroup } from '../../../../../shared/domain/concern-groups';
import { CAUSES } from '../history';
import { DAY, MINUTE, deskDay, deskInstant, deskMinutes, iso } from './calendar';
import type { Staffer } from './sink';
import type { World } from './world';

/** A job's time in the workshop, as planned before anything is written (and cut at `now` when written). */
export interface JobWork {
  jobId: number;
  group: string;
  label: string;
  tech: number;
  /** One or two stretches of work: [start, end]; a hold for parts lies between them. */
  stretches: [number, number][];
  /** When the technician paused for parts (the end of the first stretch), or null. */
  pausedAt: number | null;
}

const OPEN_MINUTES = 8 * 60 + 30;
const LAST_START = 18 * 60;

/**
 * Dispatches a job to the technician free first (a little chance in the choice, so each gets every kind of work),
 * from `ready` on, for `minutes` of work; work that would start after six in the evening waits for the next morning.
 */
export function dispatch(w: World, ready: number, minutes: number): { tech: number; start: number; end: number } {
  const r = w.random;
  let best = 0;
  let bestFree = Number.POSITIVE_INFINITY;
  for (let i = 0; i < w.activeTechs; i++) {
    const score = Math.max(w.techFree[i]!, ready) + r.int(0, 20) * MINUTE;
    if (score < bestFree) {
      bestFree = score;
      best = i;
    }
  }
  let start = Math.max(w.techFree[best]!, ready);
  const minute = deskMinutes(start);
  if (minute >= LAST_START) start = deskInstant(deskDay(start) + 1, OPEN_MINUTES + r.int(0, 30));
  else if (minute < OPEN_MINUTES) start = deskInstant(deskDay(start), OPEN_MINUTES + r.int(0, 30));
  const end = start + minutes * MINUTE;
  w.techFree[best] = end + 5 * MINUTE;
  return { tech: best, start, end };
}

/** The bay a technician works in (six lifts, shared). */
export function bayOf(tech: number): string {
  return `${(tech % 6) + 1}号工位`;
}

export interface JobState {
  state: 'waiting' | 'in_progress' | 'paused' | 'done';
  pauseReason: string | null;
  technicianId: number | null;
  findings: boolean;
}

/**
 * Writes a job's clockings and state changes up to `now` (audit included) and says where the job stands then.
 * A clocking that would still run at `now` for a technician who already has one running is left unstarted.
 */
export function writeJobWork(w: World, roId: number, work: JobWork, technician: Staffer): JobState {
  const { sink, now } = w;
  const s = sink.s;
  let state: JobState['state'] = 'waiting';
  let pauseReason: string | null = null;
  const change = (from: string, to: string, at: number, reason: string | null) => {
    s.jobState.run(sink.next('jobState'), work.jobId, from, to, reason, technician.id, iso(at), '');
  };
  for (const [k, [start, end]] of work.stretches.entries()) {
    if (start > now) break;
    const runs = end > now;
    if (runs && w.running.has(work.tech)) break;
    const clockingId = sink.next('clocking');
    s.clocking.run(clockingId, roId, work.jobId, technician.id, iso(start), runs ? null : iso(end), iso(start));
    sink.audit(start, technician, 'clocking', clockingId, roId, 'clocking.started', {
      label: work.label,
      values: { jobId: work.jobId, startedAt: iso(start) },
    });
    change(state, 'in_progress', start, null);
    state = 'in_progress';
    pauseReason = null;
    if (runs) {
      w.running.add(work.tech);
      break;
    }
    sink.audit(end, technician, 'clocking', clockingId, roId, 'clocking.stopped', {
      label: work.label,
      values: { jobId: work.jobId, startedAt: iso(start), endedAt: iso(end) },
    });
    const last = k === work.stretches.length - 1;
    change('in_progress', last ? 'done' : 'paused', end, last ? null : 'parts');
    state = last ? 'done' : 'paused';
    pauseReason = last ? null : 'parts';
  }
  const lastEnd = work.stretches[work.stretches.length - 1]![1];
  return {
    state,
    pauseReason,
    technicianId: work.stretches[0]![0] - 30 * MINUTE <= now ? technician.id : null,
    findings: state === 'done' && lastEnd + MINUTE <= now,
  };
}

/** The technician's findings once the job is done (3C: cause and correction). */
export function findingsOf(group: string): [string, string] {
  return CAUSES[group] ?? CAUSES.maintenance!;
}

/** The final inspection's answers: every item of the job's checklist looked at and fine. */
const answerCache = new Map<string, string>();
export function qcAnswers(group: string): string {
  let answers = answerCache.get(group);
  if (!answers) {
    answers = JSON.stringify(Object.fromEntries(qcChecklist(group as ConcernGroup).map((item) => [item, 'ok'])));
    answerCache.set(group, answers);
  }
  return answers;
}

/** Hours a technician attended on a working day (Sundays a skeleton crew). */
export function writeAttendance(w: World, day: number): void {
  const r = w.random;
  const recordedAt = deskInstant(day, 18 * 60 + r.int(0, 40));
  if (recordedAt > w.now) return;
  const sunday = (day + 4) % 7 === 0;
  const dayText = new Date(day * DAY).toISOString().slice(0, 10);
  w.staff.technicians.forEach((tech, i) => {
    // A day off a week in turn, and Sundays only a third of the workshop in.
    if (sunday ? i % 3 !== day % 3 : (day + i) % 6 === 0) return;
    w.sink.s.attendance.run(
      w.sink.next('attendance'),
      tech.id,
      dayText,
      r.chance(0.1) ? r.int(4, 7) * 1000 : r.int(80, 95) * 100,
      w.staff.foreman.id,
      iso(recordedAt),
    );
  });
}
