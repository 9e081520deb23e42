import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { seedDemo } from '../../electron/core/db/seed';
import { makeTempDir, removeDir } from '../fixtures/core';

/**
 * The scale bench is what the whole team measures issue 13 with; CI never runs it at ten years, so this runs its
 * command on a tiny demo dealership with a handful of cases and checks that it still measures and reports: every
 * case has p50, p95, its budget, the raw SQL's p95 and the ratio, and the last line is the JSON of it all.
 */
let dir: string;
let base: string;

beforeAll(async () => {
  dir = makeTempDir('baydesk-bench-harness-');
  base = join(dir, 'base.sqlite');
  const core = await openCore({ file: base });
  try {
    await seedDemo(core, { customers: 40, vehicles: 50, seed: 7 });
  } finally {
    await core.close();
  }
});
afterAll(() => removeDir(dir));

interface JsonFigures {
  name: string;
  group: string;
  budgetMs: number;
  n: number;
  apiP50: number;
  apiP95: number;
  rawP95: number | null;
  ratio: number | null;
  pass: boolean;
  error?: string;
}

describe('npm run bench -- --db FILE --json', () => {
  it('times each chosen case through the API and as raw SQL and prints every figure as JSON on its last line', () => {
    const only = [
      'customers grid: sort name asc',
      'reception look-up: full plate',
      'parts grid: sort partNumber asc',
      'parts grid: search part number prefix',
    ];
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/scale.bench.ts',
        '--db',
        base,
        '--cache',
        join(dir, 'cache'),
        '--parts',
        'upgrade,reads',
        '--n',
        '3',
        '--warmup',
        '1',
        '--only',
        only.join(','),
        '--json',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const json = JSON.parse(lines.at(-1)!) as { figures: JsonFigures[]; totals: { cases: number }; fileBytes: number };

    // The table a person reads: a header with the columns, and a verdict per call.
    expect(result.stdout).toMatch(/call\s+p50\s+p95\s+budget\s+raw p95\s+ratio\s+verdict\s+n/);
    expect(result.stdout).toMatch(/totals: \d+ calls/);

    const reads = json.figures.filter((f) => f.group !== 'upgrade');
    expect(reads.map((f) => f.name).sort()).toEqual(only.sort());
    for (const f of reads) {
      expect(f.error, f.name).toBeUndefined();
      expect(f.n).toBe(3);
      expect(f.apiP50).toBeGreaterThan(0);
      expect(f.apiP95).toBeGreaterThanOrEqual(f.apiP50);
      expect(f.rawP95).toBeGreaterThan(0);
      // The JSON rounds to microseconds, so a tiny raw time leaves the ratio a little off the quotient.
      expect(Math.abs(f.ratio! - f.apiP95 / f.rawP95!) / f.ratio!).toBeLessThan(0.1);
      expect(f.budgetMs).toBe(f.group === 'grid page' ? 50 : 100);
      expect(f.pass).toBe(f.apiP95 <= f.budgetMs);
      expect(result.stdout).toContain(f.name);
    }
    // Opening the copy is the upgrade case (a tiny file already at the newest schema: nothing to upgrade).
    expect(json.figures.find((f) => f.group === 'upgrade')).toMatchObject({ n: 1, budgetMs: 120_000 });
    expect(json.totals.cases).toBe(json.figures.length);
    expect(json.fileBytes).toBeGreaterThan(0);
  }, 90_000);

  it("walks a service day's writes through the API and as raw SQL, one row of figures per write", () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/scale.bench.ts',
        '--db',
        base,
        '--cache',
        join(dir, 'cache'),
        '--parts',
        'writes',
        '--n',
        '1',
        '--warmup',
        '0',
        '--json',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { figures: JsonFigures[] };
    const writes = json.figures.filter((f) => f.group === 'write');
    // From the appointment to the complaint and the customer's file: the writes issue 13 names for a service day.
    for (const step of [
      'appointment booking',
      'create RO',
      'add job (comeback detection)',
      'add part line (reservation)',
      'deliver',
      'survey save (CSI call)',
      'customer update',
    ]) {
      expect(writes.map((f) => f.name)).toContain(`service day: ${step}`);
    }
    for (const f of writes) {
      expect(f.error, f.name).toBeUndefined();
      expect(f.n, f.name).toBe(1);
      expect(f.apiP95, f.name).toBeGreaterThan(0);
      expect(f.rawP95, f.name).toBeGreaterThan(0);
      expect(f.budgetMs).toBe(50);
    }
  }, 90_000);
});
