/** What the desks profile measures and returns (run.ts fills it, report.ts prints it). */
import type { Role } from '../../shared/domain/roles';
import type { SlowCalls } from './server-handle';

export type CallClass = 'read' | 'write';

/** Issue 16 item 8's goals. */
export const GOALS = { readP95Ms: 50, writeP95Ms: 100, errors: 0 } as const;

export interface DesksOptions {
  /** The base file (never written: the bench runs on a copy). */
  base: string;
  seconds: number;
  warmupSeconds: number;
  desks: number;
  /** Think time is each desk's mean pause times this (1: staff's pace; 0.5: twice as busy). */
  pace: number;
  seed: number;
  keep: boolean;
  log(line: string): void;
}

export interface Stat {
  class: CallClass;
  procedure: string;
  calls: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers the desk could not use: 5xx or a broken connection (a refusal its screen did not expect fails the action). */
  errors: number;
  /** Typed 4xx refusals (a screen may show one as its answer, e.g. an RO without a survey yet). */
  refused: number;
  firstError?: string;
  firstRefusal?: string;
}

export interface DeskFigures {
  name: string;
  username: string;
  role: Role;
  actions: number;
  failures: number;
  firstFailure?: string;
}

export interface DesksResult {
  startedAt: string;
  base: string;
  seconds: number;
  warmupSeconds: number;
  pace: number;
  desks: DeskFigures[];
  classes: Stat[];
  procedures: Stat[];
  /** Actions a desk could not finish (a call failed and the screen showed an error), with the first text. */
  actionFailures: { count: number; first?: string };
  rss: { startedMb: number; startMb: number; peakMb: number; endMb: number; hwmMb: number | null; samples: number };
  /** The server process's CPU over the measure (user + system, % of one core), from /proc/<pid>/stat. */
  serverCpuPercent: number | null;
  /**
   * The bench's own event loop delay (p99, max, ms) while it measured: the 15 desks share one process here, so a
   * blocked loop on this side would show as slow calls that the server did not cause.
   */
  benchLoopDelayMs: { p99: number; max: number };
  /**
   * The server's own view: calls of the measure that took over 40 ms inside the core (from its gate to its answer,
   * without TLS or the wait before the handler), by procedure. Few here and many slow calls at the desks means the
   * time went elsewhere (the machine's other work, the transport).
   */
  serverSlowCalls: SlowCalls | null;
  /**
   * Calls that opened a new TLS connection (the desk had none idle: a screen's parallel calls, or the server closed
   * the idle one after its keep-alive timeout) against calls on a kept-alive one: how many, p50 and p95.
   */
  connections: { opened: { calls: number; p50: number; p95: number }; reused: { calls: number; p50: number; p95: number } };
  /**
   * Before the warm-up, every desk opened each screen of its mix once, as staff do first thing in the morning (not
   * counted): how long that took, its slowest openings (the day's first follow-up queue makes the day's tasks, the
   * first of each report compiles its statements), and any that failed.
   */
  morning: { ms: number; slowest: { what: string; ms: number }[]; failed: { what: string; error: string }[] };
  setupMs: { server: number; pairing: number; signIn: number };
  load: { before: number[]; after: number[]; cpus: number };
  goals: typeof GOALS;
  verdict: { readP95: boolean; writeP95: boolean; errors: boolean; pass: boolean };
}
