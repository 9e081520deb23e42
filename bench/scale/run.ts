/**
 * The scale bench from end to end: find or generate the base file, copy and upgrade it (timed), sign in one desk
 * per role, time every case of every area, then the concurrency case over HTTP; print the table, the FAIL lines
 * and the totals, and return every figure. Used by bench/scale.bench.ts and by the harness's own test.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Core } from '../../electron/core/core';
import { DEMO_PASSWORD } from '../../electron/core/db/seed';
import { generateScale, SCALE_SCHEMA_VERSION } from '../../electron/core/db/seed/scale';
import type { Role } from '../../shared/domain/roles';
import { customerCases } from './cases-customers';
import { partsCases } from './cases-parts';
import { repairOrderCases } from './cases-repair-orders';
import { reportCases } from './cases-reports';
import { workshopCases } from './cases-workshop';
import { serviceDay } from './cases-writes';
import { runConcurrency } from './concurrency';
import { failLines, RawDb, runCase, runFlow, tableLines, totals, type Client, type Figures, type ReadCase } from './harness';
import { Sample } from './sample';
import { removeWorkFile, upgradeCopy, type UpgradeStep } from './upgrade';

export type Scale = '10y' | '1y';
export type Part = 'upgrade' | 'reads' | 'writes' | 'concurrency';
export const PARTS: readonly Part[] = ['upgrade', 'reads', 'writes', 'concurrency'];

export interface ScaleOptions {
  scale: Scale | null;
  /** A base file to use instead of the cached/generated one. */
  db?: string;
  /** Where cached bases and work copies live. */
  cacheDir: string;
  n: number;
  warmup: number;
  seed: number;
  /** Only cases whose name contains one of these (case-insensitive). */
  only?: string[];
  parts: readonly Part[];
  priceLines: number;
  /** Told the whole result as soon as it is measured (before the core closes): the entry prints its JSON there. */
  onResult?(result: ScaleResult): void;
  /** Keep the upgraded work copy (and its backups) after the run; by default they are removed (gigabytes at 10y). */
  keep?: boolean;
  log(line: string): void;
}

export interface ScaleResult {
  startedAt: string;
  scale: Scale | null;
  base: string;
  work: string;
  fileBytes: number;
  n: number;
  warmup: number;
  seed: number;
  figures: Figures[];
  upgrade: { fromVersion: number; toVersion: number; copyMs: number; openMs: number; steps: UpgradeStep[] } | null;
  concurrency: { long: Record<string, { ms: number; error?: string }>; lookupsDuringLoad: number } | null;
  totals: ReturnType<typeof totals>;
  load: { before: number[]; after: number[]; cpus: number };
  wallMs: number;
}

const ROLES_USED: readonly Role[] = ['advisor', 'foreman', 'technician', 'parts_clerk', 'csi_agent', 'manager'];

/** The base file: given, cached, or generated now (electron/core/db/seed/scale, as `npm run seed -- --scale`) into the cache. */
export async function baseFile(options: Pick<ScaleOptions, 'scale' | 'db' | 'cacheDir' | 'seed' | 'log'>): Promise<string> {
  if (options.db) return resolve(options.db);
  if (!options.scale) throw new Error('give --scale 10y|1y or --db FILE');
  const file = resolve(options.cacheDir, `${options.scale}-base.sqlite`);
  if (existsSync(file)) {
    options.log(`using the cached base ${file} (delete it to generate it again)`);
    return file;
  }
  mkdirSync(dirname(file), { recursive: true });
  // Written under another name first: a run stopped halfway never leaves a base that looks finished.
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  options.log(`generating the ${options.scale} dealership into ${file} (schema ${SCALE_SCHEMA_VERSION}) ...`);
  const report = await generateScale(partial, { scale: options.scale });
  // The generator closes its file (folding the WAL in); a WAL left anyway goes with it.
  if (existsSync(`${partial}-wal`)) renameSync(`${partial}-wal`, `${file}-wal`);
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file);
  options.log(
    `generated in ${(report.ms.total / 1000).toFixed(0)} s: ${Object.entries(report.rows)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ')}`,
  );
  return file;
}

async function signIn(core: Core, log: (line: string) => void): Promise<(role: Role) => Client> {
  const clients = new Map<Role, Client>();
  for (const role of ROLES_USED) {
    try {
      const session = await core.client().users.login({ username: role, password: DEMO_PASSWORD });
      clients.set(role, core.client(session.token));
    } catch (error) {
      log(`cannot sign in as ${role}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (clients.size === 0)
    throw new Error(`no demo user could sign in (username = role, password ${DEMO_PASSWORD}): is this a demo or scale database?`);
  return (role) => {
    const client = clients.get(role);
    if (!client) throw new Error(`no signed-in ${role}`);
    return client;
  };
}

export function readCases(): ReadCase<never>[] {
  return [...repairOrderCases(), ...partsCases(), ...customerCases(), ...workshopCases(), ...reportCases()];
}

/**
 * The core logs every call slower than 40 ms, and the stack of every unexpected error: at ten years before the
 * work lands that is thousands of lines. The table says the same; keep one line per distinct error.
 */
function quietCore(log: (line: string) => void): () => void {
  const { warn, error } = console;
  const seen = new Set<string>();
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[core] slow procedure')) return;
    warn(...args);
  };
  console.error = (...args: unknown[]) => {
    if (args[0] === '[core] unexpected error') {
      const first = args[1] instanceof Error ? `${args[1].name}: ${args[1].message}` : String(args[1]);
      if (!seen.has(first)) log(`[core] unexpected error ${first}`);
      seen.add(first);
      return;
    }
    error(...args);
  };
  return () => {
    console.warn = warn;
    console.error = error;
  };
}

const selected = (name: string, only?: string[]) =>
  !only || only.length === 0 || only.some((o) => name.toLowerCase().includes(o.toLowerCase()));

export async function runScale(options: ScaleOptions): Promise<ScaleResult | null> {
  const { log } = options;
  const wallStarted = performance.now();
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const base = await baseFile(options);
  // One work folder per base, so a 1y and a 10y run never share a copy (the core keeps backups beside its file).
  const work = join(resolve(options.cacheDir), `work-${basename(base).replace(/\.sqlite$/, '')}`, 'baydesk.sqlite');
  const figures: Figures[] = [];
  const restoreConsole = quietCore(log);
  const upgraded = await upgradeCopy(base, work, log);
  const core = upgraded.core;
  if (options.parts.includes('upgrade')) {
    figures.push(...upgraded.figures);
    for (const step of upgraded.steps) log(`  ${step.step}: ${(step.ms / 1000).toFixed(2)} s`);
  }
  let concurrency: ScaleResult['concurrency'] = null;
  let result: ScaleResult | null = null;
  const summary = (): ScaleResult => ({
    startedAt,
    scale: options.scale,
    base,
    work,
    fileBytes: upgraded.fileBytes,
    n: options.n,
    warmup: options.warmup,
    seed: options.seed,
    figures,
    upgrade: {
      fromVersion: upgraded.fromVersion,
      toVersion: upgraded.toVersion,
      copyMs: upgraded.copyMs,
      openMs: upgraded.openMs,
      steps: upgraded.steps,
    },
    concurrency,
    totals: totals(figures),
    load: { before: loadBefore, after: loadavg(), cpus: availableParallelism() },
    wallMs: performance.now() - wallStarted,
  });
  try {
    const clientFor = await signIn(core, log);
    const sample = new Sample(core.deps.sqlite, options.seed);
    const raw = new RawDb(core.deps.sqlite);
    const run = { n: options.n, warmup: options.warmup, clientFor, raw, sample };
    const report = (f: Figures) =>
      log(
        `${f.pass ? 'PASS' : 'FAIL'} ${f.name}: p50 ${f.apiP50.toFixed(2)} ms, p95 ${f.apiP95.toFixed(2)} ms${f.rawP95 !== null ? `, raw p95 ${f.rawP95.toFixed(2)} ms` : ''}${f.error ? ` (${f.error})` : ''}`,
      );

    if (options.parts.includes('reads')) {
      for (const c of readCases()) {
        if (!selected(c.name, options.only)) continue;
        const f = await runCase(c, run);
        figures.push(f);
        report(f);
      }
    }
    if (options.parts.includes('writes')) {
      const ids = {
        advisor: sample.userId('advisor'),
        technician: sample.userId('technician'),
        foreman: sample.userId('foreman'),
        agent: sample.userId('csi_agent'),
      };
      const flow = serviceDay(ids);
      if (flow.steps.some((step) => selected(`${flow.name}: ${step.name}`, options.only))) {
        for (const f of await runFlow(flow, run)) {
          figures.push(f);
          report(f);
        }
      }
    }
    if (options.parts.includes('concurrency') && selected('concurrency look-up', options.only)) {
      const result = await runConcurrency({
        file: work,
        sample,
        sqlite: core.deps.sqlite,
        priceLines: options.priceLines,
        baseline: Math.max(50, options.n * 2),
        log,
      });
      figures.push(...result.figures);
      for (const f of result.figures) report(f);
      concurrency = { long: result.long, lookupsDuringLoad: result.lookupsDuringLoad };
    }
    if (options.keep) log(`the upgraded copy stays at ${work}`);
    // Reported before the core closes and the copy is removed: nothing after this may lose a measured figure.
    result = summary();
    printReport(result, log);
    options.onResult?.(result);
  } catch (error) {
    if (!result && figures.length > 0) {
      log(`the bench stopped early (${error instanceof Error ? error.message : String(error)}); what was measured:`);
      printReport(summary(), log);
    }
    throw error;
  } finally {
    // The figures are measured: a core that fails to close is reported, never a reason to lose the report.
    await core
      .close()
      .catch((error: unknown) => log(`closing the core failed: ${error instanceof Error ? error.message : String(error)}`));
    restoreConsole();
    if (!options.keep) removeWorkFile(work);
  }
  return result;
}

export function printReport(result: ScaleResult, log: (line: string) => void): void {
  log('');
  log(`Run started ${result.startedAt}`);
  log(
    `Scale bench${result.scale ? ` ${result.scale}` : ''} on ${result.base} (${(result.fileBytes / 1e9).toFixed(2)} GB), ${result.n} timed calls per case after ${result.warmup} warm-up, seed ${result.seed}; ms`,
  );
  log(
    'p50/p95: through the API as the screen calls it; raw p95: the best hand-written SQL for the same answer; ratio: p95 / raw p95',
  );
  for (const line of tableLines(result.figures)) log(line);
  if (result.upgrade && result.upgrade.steps.length > 0) {
    log(
      `upgrade steps (schema ${result.upgrade.fromVersion} -> ${result.upgrade.toVersion}; the copy of the base took ${(result.upgrade.copyMs / 1000).toFixed(1)} s, not counted):`,
    );
    for (const step of result.upgrade.steps) log(`  ${step.step.padEnd(60)} ${(step.ms / 1000).toFixed(2)} s`);
  }
  if (result.concurrency) {
    log(`long work during the concurrency case (${result.concurrency.lookupsDuringLoad} look-ups meanwhile):`);
    for (const [name, r] of Object.entries(result.concurrency.long))
      log(`  ${name.padEnd(60)} ${(r.ms / 1000).toFixed(1)} s${r.error ? ` FAILED: ${r.error}` : ''}`);
  }
  const t = result.totals;
  log('');
  for (const line of failLines(result.figures)) log(line);
  log(
    `totals: ${t.cases} calls, ${t.pass} PASS, ${t.fail} FAIL (${Object.entries(t.byGroup)
      .map(([group, g]) => `${group} ${g.pass}/${g.pass + g.fail}`)
      .join(
        ', ',
      )}); wall ${(result.wallMs / 1000).toFixed(0)} s; load average ${result.load.before.map((l) => l.toFixed(2)).join(' ')} -> ${result.load.after
      .map((l) => l.toFixed(2))
      .join(' ')} on ${result.load.cpus} CPUs (other work on the machine skews p95)`,
  );
}
