/**
 * The scale bench's harness: a case is one call a screen makes, timed through the API as the screen makes it and
 * against the best hand-written SQL for the same answer (a prepared better-sqlite3 statement), on inputs drawn from
 * the data with a seeded Random. Every case of every area is measured the same way here, so the team's figures
 * compare. Nothing in this file knows an area.
 */
import type { RouterClient } from '@orpc/server';
import type BetterSqlite3 from 'better-sqlite3';
import type { Router } from '../../electron/core/api';
import type { Role } from '../../shared/domain/roles';
import type { Sample } from './sample';

export type Client = RouterClient<Router>;

/** The groups of issue 13's budgets; the table prints them in this order. */
export const GROUPS = ['grid page', 'screen opening', 'report', 'write', 'concurrency', 'upgrade'] as const;
export type Group = (typeof GROUPS)[number];

/** Issue 13, point 2 (and 3, 4): p95 at ten years through the API. */
export const BUDGET_MS: Record<Group, number> = {
  'grid page': 50,
  'screen opening': 100,
  report: 300,
  write: 50,
  concurrency: 20,
  upgrade: 120_000,
};

/** Prepared statements by SQL text: each raw statement is compiled by SQLite once, as the core's cache does. */
export class RawDb {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly sqlite: BetterSqlite3.Database) {}

  prepare(source: string): BetterSqlite3.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.sqlite.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  all(source: string, ...params: unknown[]): unknown[] {
    return this.prepare(source).all(...params);
  }

  get(source: string, ...params: unknown[]): unknown {
    return this.prepare(source).get(...params);
  }

  run(source: string, ...params: unknown[]): BetterSqlite3.RunResult {
    return this.prepare(source).run(...params);
  }
}

/** One call (or the calls of one screen's opening) as a case: draw, then the API, then raw SQL for the same answer. */
export interface ReadCase<I = unknown> {
  name: string;
  group: Group;
  /** The p95 budget; by default the group's. */
  budgetMs?: number;
  /** Who signs in to call it (demo user of that role). */
  role: Role;
  /** The input of one iteration, drawn from the data. */
  draw(sample: Sample): I;
  /** Calls the procedure(s) through the API exactly as the screen does. */
  api(client: Client, input: I): Promise<unknown>;
  /** The best hand-written indexed SQL for the same answer. */
  raw(db: RawDb, input: I): unknown;
}

/**
 * A chain of writes sharing what the earlier steps made (a service day: the RO created is the one a job is added
 * to). Each iteration walks the whole chain once; each step is timed as its own call. `api` steps run through the
 * API; `raw` steps run the equivalent INSERT/UPDATE statements in one transaction each, on the bench's copy.
 */
export interface Flow<S> {
  name: string;
  /** Once before the first iteration, untimed: puts the desks where a service day starts (e.g. nobody clocked on). */
  setup?(clients: (role: Role) => Client): Promise<void>;
  begin(sample: Sample): S;
  steps: FlowStep<S>[];
}

export interface FlowStep<S> {
  name: string;
  role: Role;
  budgetMs?: number;
  api(client: Client, state: S, clients: (role: Role) => Client): Promise<void>;
  raw(db: RawDb, state: S): void;
}

export interface Figures {
  name: string;
  group: Group;
  budgetMs: number;
  n: number;
  apiP50: number;
  apiP95: number;
  rawP50: number | null;
  rawP95: number | null;
  ratio: number | null;
  pass: boolean;
  /** The first error the API or the raw SQL gave (a case with an error FAILs). */
  error?: string;
  note?: string;
}

export interface RunOptions {
  n: number;
  warmup: number;
  clientFor(role: Role): Client;
  raw: RawDb;
  sample: Sample;
  /**
   * Stop a case once it has spent this long (ms) and has 3 timed calls: a call that takes seconds before its fix
   * would otherwise hold the bench for an hour. The figures say how many calls were timed.
   */
  maxCaseMs?: number;
}

const DEFAULT_MAX_CASE_MS = 60_000;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function message(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const data = (error as { data?: unknown }).data;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${data ? ` ${JSON.stringify(data).slice(0, 200)}` : ''}`;
  }
  return String(error);
}

export function figuresOf(
  base: { name: string; group: Group; budgetMs?: number },
  api: number[],
  raw: number[],
  error?: string,
  note?: string,
): Figures {
  const budgetMs = base.budgetMs ?? BUDGET_MS[base.group];
  const apiP95 = percentile(api, 95);
  const rawP95 = raw.length > 0 ? percentile(raw, 95) : null;
  return {
    name: base.name,
    group: base.group,
    budgetMs,
    n: api.length,
    apiP50: percentile(api, 50),
    apiP95,
    rawP50: raw.length > 0 ? percentile(raw, 50) : null,
    rawP95,
    ratio: rawP95 !== null && rawP95 > 0 && Number.isFinite(apiP95) ? apiP95 / rawP95 : null,
    pass: !error && api.length > 0 && apiP95 <= budgetMs,
    ...(error ? { error } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * Warm-up, then N timed iterations; each iteration draws one input and runs the API and the raw SQL on it. Whichever
 * runs first may find its pages outside SQLite's cache: alternating the order shares that fairly.
 */
export async function runCase<I>(c: ReadCase<I>, options: RunOptions): Promise<Figures> {
  const api: number[] = [];
  const raw: number[] = [];
  let client: Client;
  try {
    client = options.clientFor(c.role);
  } catch (error) {
    return figuresOf(c, [], [], message(error));
  }
  let apiError: string | undefined;
  let rawError: string | undefined;
  const started = performance.now();
  const overTime = () => performance.now() - started > (options.maxCaseMs ?? DEFAULT_MAX_CASE_MS);
  for (let i = 0; i < options.warmup + options.n; i++) {
    // Slow calls need no warm-up to show it: skip what is left of it, and stop once 3 calls are timed.
    if (overTime() && i < options.warmup) i = options.warmup;
    if (overTime() && api.length >= 3) break;
    let input: I;
    try {
      input = c.draw(options.sample);
    } catch (error) {
      return figuresOf(c, api, raw, `draw: ${message(error)}`);
    }
    const runApi = async () => {
      if (apiError) return;
      const started = performance.now();
      try {
        await c.api(client, input);
      } catch (error) {
        apiError = message(error);
        return;
      }
      if (i >= options.warmup) api.push(performance.now() - started);
    };
    const runRaw = () => {
      if (rawError) return;
      const started = performance.now();
      try {
        c.raw(options.raw, input);
      } catch (error) {
        rawError = message(error);
        return;
      }
      if (i >= options.warmup) raw.push(performance.now() - started);
    };
    if (i % 2 === 0) {
      await runApi();
      runRaw();
    } else {
      runRaw();
      await runApi();
    }
    if (apiError) break;
  }
  return figuresOf(c, api, raw, apiError ? `api: ${apiError}` : undefined, rawError ? `raw failed: ${rawError}` : undefined);
}

/** Walks the flow N (+ warm-up) times; one row of figures per step. A step that fails ends its iteration. */
export async function runFlow<S>(flow: Flow<S>, options: RunOptions): Promise<Figures[]> {
  const api = flow.steps.map(() => [] as number[]);
  const raw = flow.steps.map(() => [] as number[]);
  const apiErrors: (string | undefined)[] = flow.steps.map(() => undefined);
  const rawErrors: (string | undefined)[] = flow.steps.map(() => undefined);
  let failures = 0;
  await flow.setup?.(options.clientFor);
  const started = performance.now();
  for (let i = 0; i < options.warmup + options.n; i++) {
    if (performance.now() - started > (options.maxCaseMs ?? DEFAULT_MAX_CASE_MS) * 4 && api.every((times) => times.length >= 3))
      break;
    const apiState = flow.begin(options.sample);
    for (const [index, step] of flow.steps.entries()) {
      const started = performance.now();
      try {
        await step.api(options.clientFor(step.role), apiState, options.clientFor);
      } catch (error) {
        apiErrors[index] ??= message(error);
        failures += 1;
        break;
      }
      if (i >= options.warmup) api[index]!.push(performance.now() - started);
    }
    const rawState = flow.begin(options.sample);
    for (const [index, step] of flow.steps.entries()) {
      const started = performance.now();
      try {
        options.raw.sqlite.transaction(() => step.raw(options.raw, rawState))();
      } catch (error) {
        rawErrors[index] ??= message(error);
        break;
      }
      if (i >= options.warmup) raw[index]!.push(performance.now() - started);
    }
    // A chain that keeps failing would only repeat its first error.
    if (failures >= 3 && api.every((times) => times.length === 0)) break;
  }
  return flow.steps.map((step, index) =>
    figuresOf(
      { name: `${flow.name}: ${step.name}`, group: 'write', ...(step.budgetMs ? { budgetMs: step.budgetMs } : {}) },
      api[index]!,
      raw[index]!,
      apiErrors[index] ? `api: ${apiErrors[index]}` : undefined,
      rawErrors[index] ? `raw failed: ${rawErrors[index]}` : undefined,
    ),
  );
}

// --- printing ---

const ms = (value: number | null) =>
  value === null || !Number.isFinite(value)
    ? '—'
    : value >= 10_000
      ? `${(value / 1000).toFixed(1)} s`
      : value.toFixed(value < 10 ? 2 : 1);
/** Pads by display width (CJK characters take two columns). */
export function pad(text: string, width: number): string {
  const wide = [...text].filter((ch) => ch > '\u2e80').length;
  return text + ' '.repeat(Math.max(0, width - [...text].length - wide));
}
function padLeft(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - text.length)) + text;
}

const NAME_WIDTH = 58;

export function tableLines(all: readonly Figures[]): string[] {
  const header = `${pad('call', NAME_WIDTH)}${padLeft('p50', 9)}${padLeft('p95', 9)}${padLeft('budget', 9)}${padLeft('raw p95', 9)}${padLeft('ratio', 8)}  verdict  n`;
  const lines = [header, '-'.repeat(header.length + 4)];
  for (const group of GROUPS) {
    const rows = all.filter((f) => f.group === group);
    if (rows.length === 0) continue;
    lines.push(`[${group}]`);
    for (const f of rows) {
      const verdict = f.pass ? 'PASS' : 'FAIL';
      lines.push(
        `${pad(f.name.length > NAME_WIDTH - 2 ? `${f.name.slice(0, NAME_WIDTH - 3)}…` : f.name, NAME_WIDTH)}${padLeft(ms(f.apiP50), 9)}${padLeft(ms(f.apiP95), 9)}${padLeft(ms(f.budgetMs), 9)}${padLeft(ms(f.rawP95), 9)}${padLeft(f.ratio === null ? '—' : f.ratio.toFixed(1), 8)}  ${verdict}     ${f.n}`,
      );
    }
  }
  return lines;
}

/** The FAIL lines: what missed its budget, by how much, and the first error, so a reader need not search the table. */
export function failLines(all: readonly Figures[]): string[] {
  return all
    .filter((f) => !f.pass)
    .map((f) =>
      f.error
        ? `FAIL ${f.name}: ${f.error}`
        : `FAIL ${f.name}: p95 ${ms(f.apiP95)} ms > budget ${ms(f.budgetMs)} ms${f.rawP95 !== null ? ` (raw SQL ${ms(f.rawP95)} ms)` : ''}`,
    );
}

export function totals(all: readonly Figures[]): {
  cases: number;
  pass: number;
  fail: number;
  byGroup: Record<string, { pass: number; fail: number }>;
} {
  const byGroup: Record<string, { pass: number; fail: number }> = {};
  for (const f of all) {
    const g = (byGroup[f.group] ??= { pass: 0, fail: 0 });
    if (f.pass) g.pass += 1;
    else g.fail += 1;
  }
  const pass = all.filter((f) => f.pass).length;
  return { cases: all.length, pass, fail: all.length - pass, byGroup };
}
