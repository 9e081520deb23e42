/**
 * npm run bench -- --desks [--seconds 60] [--desks 15] [--db FILE] [--warmup 5] [--pace 1] [--seed 16] [--cache .bench]
 *   [--keep] [--json]
 *
 * Issue 16 item 8, the desks load profile: the real server in its own process over HTTPS (its generated certificate,
 * paired desks only, 127.0.0.1 counted as the LAN), 15 desks paired with their own credentials, each signed in as a
 * user of the dealership (advisors, foreman, technicians, parts clerks, CSI agents, the manager) running its role's
 * mix of look-ups, RO pages, grids, the board and writes with think time (bench/desks/mix.ts) for N seconds. Prints
 * per class (read / write) and per procedure calls, calls/s, p50/p95/p99 and errors, the server's RSS, and PASS/FAIL
 * against the goals (zero errors, read p95 ≤ 50 ms, write p95 ≤ 100 ms). Without --db the 1-year dealership is
 * generated once into the cache (as the scale bench's `--scale 1y`, the same file) and a copy is measured. Always
 * exits 0 once it has measured; with --json the last line of output is one JSON object of every figure.
 */
import { parseArgs } from 'node:util';
import { printDesksReport } from './desks/report';
import { runDesks } from './desks/run';
import { baseFile } from './scale/run';

function number(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      // --desks alone selects this bench (bench/index.ts); --desks N sets how many.
      desks: { type: 'string', default: '15' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      pace: { type: 'string' },
      seed: { type: 'string' },
      db: { type: 'string' },
      cache: { type: 'string', default: '.bench' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => console.log(line);
  const seed = Math.floor(number('seed', values.seed, 16, 0));
  const base = await baseFile({ scale: '1y', ...(values.db ? { db: values.db } : {}), cacheDir: values.cache, seed, log });
  const result = await runDesks({
    base,
    seconds: number('seconds', values.seconds, 60, 1),
    warmupSeconds: number('warmup', values.warmup, 5, 0),
    desks: Math.floor(number('desks', values.desks === '' ? undefined : values.desks, 15, 1)),
    pace: number('pace', values.pace, 1, 0.01),
    seed,
    keep: values.keep,
    log,
  });
  printDesksReport(result, log);
  if (values.json)
    console.log(
      JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value)),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
