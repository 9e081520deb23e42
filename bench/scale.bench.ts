/**
 * npm run bench -- --scale 10y|1y [--db FILE] [--n 50] [--warmup 10] [--seed 13] [--only text,...]
 *   [--parts upgrade,reads,writes,concurrency] [--price-lines 300000] [--cache .bench] [--keep] [--json]
 *
 * Issue 13's measure: every grid page with every offered sort and filter, every screen's opening calls, the
 * reports, the writes of a service day, the concurrency case over HTTP and the upgrade of a ten-year file, each
 * timed through the API as the screen calls it, against the best hand-written SQL for the same answer, with the
 * budget and PASS/FAIL. The base file is generated once into the cache (.bench/, git-ignored) and reused; --db uses a
 * given base instead (never written: a copy is upgraded and measured, then removed unless --keep). Always exits 0 once it has measured: it is a
 * report, the FAIL lines say what missed. With --json the last line of output is one JSON object of every figure.
 */
import { parseArgs } from 'node:util';
import { PARTS, runScale, type Part, type Scale } from './scale/run';

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      db: { type: 'string' },
      n: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      parts: { type: 'string' },
      'price-lines': { type: 'string' },
      cache: { type: 'string', default: '.bench' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values.scale !== undefined && values.scale !== '10y' && values.scale !== '1y')
    throw new Error(`--scale must be 10y or 1y, got "${values.scale}"`);
  const parts = values.parts ? (values.parts.split(',').map((p) => p.trim()) as Part[]) : PARTS;
  for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--parts takes ${PARTS.join(', ')}; got "${part}"`);
  await runScale({
    scale: (values.scale as Scale | undefined) ?? null,
    ...(values.db ? { db: values.db } : {}),
    cacheDir: values.cache,
    n: Math.max(1, whole('n', values.n, 50)),
    warmup: whole('warmup', values.warmup, 10),
    seed: whole('seed', values.seed, 13),
    ...(values.only
      ? {
          only: values.only
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
    parts,
    priceLines: Math.max(1, whole('price-lines', values['price-lines'], 300_000)),
    keep: values.keep,
    log: (line) => console.log(line),
    // Microseconds are plenty: round the fractions so the line stays readable. Printed as soon as all is measured.
    onResult: (result) => {
      if (values.json)
        console.log(
          JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value)),
        );
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
