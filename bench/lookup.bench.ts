/**
 * npm run bench [-- --json] [--customers 150000] [--vehicles 200000] [--n 300] [--warmup 50] [--seed 42] [--keep]
 *
 * The reception look-up at the scale DOMAIN.md designs for. Builds the demo dealership into a temporary file, signs in
 * as the demo advisor and, per kind of look-up, times N calls through the API (validation, session, role check, plan,
 * kysely, mapping) against the very same SQL run as a raw prepared better-sqlite3 statement, so the table shows both
 * what a desk waits for and what the core adds on top of SQLite. Checks with EXPLAIN QUERY PLAN that every branch
 * of the look-up is an index search. Always exits 0: it is a report; FAIL lines say what missed.
 * With --json the last line of output is one JSON object of the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type BetterSqlite3 from 'better-sqlite3';
import { openCore, type Core } from '../electron/core/core';
import { planLookup, type LookupPlan } from '../electron/core/customers/lookup-plan';
import { lookupQuery } from '../electron/core/customers/lookup-repository';
import { lookup as serviceLookup } from '../electron/core/customers/service';
import { DEMO_LARGE, DEMO_PASSWORD, seedDemo } from '../electron/core/db/seed';
import { Random } from '../electron/core/db/seed/random';
import { plateKind } from '../shared/domain/plate';
import { reversed } from '../shared/domain/vin';

const TARGET_P95_MS = 5;
const TARGET_RATIO = 1.5;
const PAGE = 20;

type Kind = 'plate_prefix' | 'plate_full' | 'vin_tail' | 'phone_tail' | 'name_prefix';
const KINDS: readonly Kind[] = ['plate_prefix', 'plate_full', 'vin_tail', 'phone_tail', 'name_prefix'];
const KIND_LABEL: Record<Kind, string> = {
  plate_prefix: 'plate prefix (京A1)',
  plate_full: 'full plate (京a 12345)',
  vin_tail: 'VIN tail (6-8)',
  phone_tail: 'phone tail (4)',
  name_prefix: 'name prefix (1-2)',
};

interface Figures {
  n: number;
  hits: number;
  apiP50: number;
  apiP95: number;
  rawP50: number;
  rawP95: number;
  ratio: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function figures(api: number[], raw: number[], hits: number): Figures {
  const a = [...api].sort((x, y) => x - y);
  const r = [...raw].sort((x, y) => x - y);
  const apiP95 = percentile(a, 95);
  const rawP95 = percentile(r, 95);
  return { n: a.length, hits, apiP50: percentile(a, 50), apiP95, rawP50: percentile(r, 50), rawP95, ratio: apiP95 / rawP95 };
}

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Query values drawn from the generated data, so every look-up finds something (as at a real desk). */
function drawQueries(sqlite: BetterSqlite3.Database, random: Random, count: number): Record<Kind, string[]> {
  const maxVehicle = (sqlite.prepare('SELECT max(id) AS n FROM vehicles').get() as { n: number }).n;
  const maxCustomer = (sqlite.prepare('SELECT max(id) AS n FROM customers').get() as { n: number }).n;
  const maxPhone = (sqlite.prepare('SELECT max(id) AS n FROM customer_phones').get() as { n: number }).n;
  const vehicle = sqlite.prepare('SELECT vin, plate FROM vehicles WHERE id = ?');
  const customer = sqlite.prepare('SELECT name FROM customers WHERE id = ?');
  const phone = sqlite.prepare('SELECT number FROM customer_phones WHERE id = ?');

  const out: Record<Kind, string[]> = { plate_prefix: [], plate_full: [], vin_tail: [], phone_tail: [], name_prefix: [] };
  const fill = (kind: Kind, draw: () => string | null) => {
    while (out[kind].length < count) {
      const value = draw();
      if (value) out[kind].push(value);
    }
  };
  const regularPlate = () => {
    const row = vehicle.get(random.int(1, maxVehicle)) as { plate: string } | undefined;
    return row && plateKind(row.plate) !== 'unknown' ? row.plate : null;
  };
  fill('plate_prefix', () => regularPlate()?.slice(0, random.int(3, 4)) ?? null);
  // Typed the way people do: lower case, a space after the issuing office.
  fill('plate_full', () => {
    const plate = regularPlate();
    return plate ? `${plate.slice(0, 2)} ${plate.slice(2)}`.toLowerCase() : null;
  });
  fill('vin_tail', () => {
    const row = vehicle.get(random.int(1, maxVehicle)) as { vin: string } | undefined;
    return row ? row.vin.slice(-random.int(6, 8)) : null;
  });
  fill('phone_tail', () => {
    const row = phone.get(random.int(1, maxPhone)) as { number: string } | undefined;
    return row ? row.number.slice(-4) : null;
  });
  fill('name_prefix', () => {
    const row = customer.get(random.int(1, maxCustomer)) as { name: string } | undefined;
    return row ? [...row.name].slice(0, random.int(1, 2)).join('') : null;
  });
  return out;
}

interface Compiled {
  statement: BetterSqlite3.Statement;
  sql: string;
  parameters: unknown[];
}

/** The look-up's own SQL for a query text: compiled by kysely once, prepared once per distinct SQL text. */
function compiler(core: Core) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return (plan: LookupPlan): Compiled | null => {
    const query = lookupQuery(core.deps.db, plan, 0, PAGE);
    if (!query) return null;
    const { sql, parameters } = query.compile();
    let statement = statements.get(sql);
    if (!statement) {
      statement = core.deps.sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return { statement, sql, parameters: [...parameters] };
  };
}

interface PlanLine {
  id: number;
  parent: number;
  detail: string;
}

/** Table aliases the look-up uses for real tables (customers c, vehicles v, owners o, phones ph/p). */
const TABLE_NAMES = new Set(['c', 'v', 'o', 'ph', 'p', 'customers', 'vehicles', 'vehicle_ownerships', 'customer_phones']);

function explain(sqlite: BetterSqlite3.Database, compiled: Compiled): { lines: string[]; fullScans: string[] } {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as PlanLine[];
  const depth = new Map<number, number>([[0, -1]]);
  const lines: string[] = [];
  const fullScans: string[] = [];
  for (const row of rows) {
    const d = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, d);
    lines.push(`${'  '.repeat(d)}${row.detail}`);
    // "SCAN x" (with or without "USING INDEX") reads a whole table or index; only SEARCH is a range look-up.
    const scanned = /^SCAN (\S+)/.exec(row.detail)?.[1];
    if (scanned && TABLE_NAMES.has(scanned)) fullScans.push(row.detail);
  }
  return { lines, fullScans };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length - [...text].filter((ch) => ch > '\u2e80').length));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      customers: { type: 'string' },
      vehicles: { type: 'string' },
      n: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const customers = whole('customers', values.customers, DEMO_LARGE.customers);
  const vehicles = whole('vehicles', values.vehicles, DEMO_LARGE.vehicles);
  const perKind = Math.max(1, whole('n', values.n, 300));
  const warmup = whole('warmup', values.warmup, 50);
  const seed = whole('seed', values.seed, DEMO_LARGE.seed);

  const dir = mkdtempSync(join(tmpdir(), 'baydesk-bench-'));
  const file = join(dir, 'bench.sqlite');
  const core = await openCore({ file });
  let result: Record<string, unknown>;
  try {
    console.log(`Generating ${customers} customers and ${vehicles} vehicles into ${file} ...`);
    const genStarted = performance.now();
    const seeded = await seedDemo(core, { customers, vehicles, seed });
    const generationMs = performance.now() - genStarted;
    console.log(
      `generated in ${(generationMs / 1000).toFixed(2)} s (plan ${(seeded.ms.plan / 1000).toFixed(2)} s, write ${(seeded.ms.insert / 1000).toFixed(2)} s): ` +
        `${seeded.customers} customers, ${seeded.phones} phones, ${seeded.vehicles} vehicles, ${seeded.ownerships} ownerships, ${seeded.mileage} mileage readings`,
    );

    const session = await core.client().users.login({ username: 'advisor', password: DEMO_PASSWORD });
    const client = core.client(session.token);
    console.log(`signed in as ${session.user.username} (${session.user.role})`);

    const random = new Random(seed ^ 0x5eed);
    const queries = drawQueries(core.deps.sqlite, random, perKind + warmup);
    const compile = compiler(core);

    // Query plans: one look-up with every branch at once (printed), and every SQL shape the timed queries used.
    const sample = (kind: Kind) => queries[kind][0] ?? '';
    const vinRow = core.deps.sqlite.prepare('SELECT vin FROM vehicles WHERE id = 1').get() as { vin: string };
    const everyBranch: LookupPlan = {
      vinExact: vinRow.vin,
      vinTailRev: reversed(sample('vin_tail')),
      platePrefix: sample('plate_prefix').toUpperCase(),
      plateSerialPrefix: sample('plate_prefix').slice(1).toUpperCase(),
      phoneTailRev: reversed(sample('phone_tail')),
      namePrefix: sample('name_prefix'),
    };
    const all = compile(everyBranch)!;
    const allPlan = explain(core.deps.sqlite, all);
    console.log('\nEXPLAIN QUERY PLAN, a look-up with every branch (exact VIN, plate, plate serial, VIN tail, phone tail, name):');
    for (const line of allPlan.lines) console.log(`  ${line}`);
    const fullScans = new Set(allPlan.fullScans);
    const shapes = new Set<string>([all.sql]);

    const perKindFigures: Partial<Record<Kind, Figures>> = {};
    const allApi: number[] = [];
    const allRaw: number[] = [];
    let mismatches = 0;
    for (const kind of KINDS) {
      const texts = queries[kind];
      const compiled = texts.map((q) => compile(planLookup(q)));
      for (const c of compiled) {
        if (c && !shapes.has(c.sql)) {
          shapes.add(c.sql);
          for (const scan of explain(core.deps.sqlite, c).fullScans) fullScans.add(scan);
        }
      }
      const api: number[] = [];
      const raw: number[] = [];
      let hits = 0;
      for (let i = 0; i < texts.length; i++) {
        const q = texts[i]!;
        const c = compiled[i];
        const t0 = performance.now();
        const page = await client.customers.lookup({ q, limit: PAGE });
        const t1 = performance.now();
        const rows = c ? (c.statement.all(...c.parameters) as unknown[]) : [];
        const t2 = performance.now();
        if (i < warmup) continue;
        api.push(t1 - t0);
        raw.push(t2 - t1);
        if (page.rows.length > 0) hits += 1;
        if (page.rows.length !== Math.min(rows.length, PAGE)) mismatches += 1;
      }
      perKindFigures[kind] = figures(api, raw, hits);
      allApi.push(...api);
      allRaw.push(...raw);
    }
    const overall = figures(allApi, allRaw, Object.values(perKindFigures).reduce((sum, f) => sum + (f?.hits ?? 0), 0));

    // Where the API's time goes: the same queries through each layer in turn, median per call, all kinds together.
    const layers = { raw: [] as number[], buildCompile: [] as number[], kysely: [] as number[], service: [] as number[], api: [] as number[] };
    const texts = KINDS.flatMap((kind) => queries[kind].slice(warmup));
    for (let round = 0; round < 2; round++) {
      const keep = round === 1; // the first round warms every layer up
      for (const q of texts) {
        const plan = planLookup(q);
        const t = performance.now();
        const c = compile(plan);
        if (c) c.statement.all(...c.parameters);
        const tRaw = performance.now();
        const built = lookupQuery(core.deps.db, plan, 0, PAGE);
        built?.compile();
        const tBuilt = performance.now();
        await lookupQuery(core.deps.db, plan, 0, PAGE)?.execute();
        const tKysely = performance.now();
        await serviceLookup(core.deps, { q, offset: 0, limit: PAGE });
        const tService = performance.now();
        await client.customers.lookup({ q, limit: PAGE });
        const tApi = performance.now();
        if (!keep) continue;
        // The raw figure here includes compile() and a Map look-up, so it is only the baseline of this pass.
        layers.raw.push(tRaw - t);
        layers.buildCompile.push(tBuilt - tRaw);
        layers.kysely.push(tKysely - tBuilt);
        layers.service.push(tService - tKysely);
        layers.api.push(tApi - tService);
      }
    }
    const median = (values: number[]) => percentile([...values].sort((x, y) => x - y), 50);
    const breakdown = {
      rawWithCompileP50: median(layers.raw),
      kyselyBuildCompileP50: median(layers.buildCompile),
      kyselyExecuteP50: median(layers.kysely),
      serviceLookupP50: median(layers.service),
      apiP50: median(layers.api),
    };

    // The table.
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const header = `${pad('kind', 26)}${pad('n', 6)}${pad('hits', 6)}${pad('API p50', 10)}${pad('API p95', 10)}${pad('raw p50', 10)}${pad('raw p95', 10)}${pad('ratio', 8)}${pad(`p95<=${TARGET_P95_MS}ms`, 12)}ratio<=${TARGET_RATIO}`;
    console.log(`\nLook-up timings in ms (${perKind} timed calls per kind after ${warmup} warm-up; limit ${PAGE}):`);
    console.log(header);
    console.log('-'.repeat(header.length + 4));
    const rowOf = (label: string, f: Figures) =>
      `${pad(label, 26)}${pad(String(f.n), 6)}${pad(String(f.hits), 6)}${pad(ms(f.apiP50), 10)}${pad(ms(f.apiP95), 10)}${pad(ms(f.rawP50), 10)}${pad(ms(f.rawP95), 10)}${pad(f.ratio.toFixed(2), 8)}${pad(verdict(f.apiP95 <= TARGET_P95_MS), 12)}${verdict(f.ratio <= TARGET_RATIO)}`;
    for (const kind of KINDS) console.log(rowOf(KIND_LABEL[kind], perKindFigures[kind]!));
    console.log(rowOf('overall', overall));

    const p95Ok = KINDS.every((k) => perKindFigures[k]!.apiP95 <= TARGET_P95_MS) && overall.apiP95 <= TARGET_P95_MS;
    const ratioOk = KINDS.every((k) => perKindFigures[k]!.ratio <= TARGET_RATIO) && overall.ratio <= TARGET_RATIO;
    const indexOk = fullScans.size === 0;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(`\ntarget API p95 <= ${TARGET_P95_MS} ms (every kind and overall): ${verdict(p95Ok)}`);
    console.log(`target ratio API p95 / raw p95 <= ${TARGET_RATIO} (every kind and overall): ${verdict(ratioOk)}`);
    console.log(
      `index use (${shapes.size} SQL shapes checked): ${indexOk ? 'PASS, every branch is an index SEARCH' : `FAIL, full scans: ${[...fullScans].join('; ')}`}`,
    );
    console.log(
      `\nwhere the API's time goes (median ms per call, ${texts.length} queries, all kinds): ` +
        `kysely build+compile ${ms(breakdown.kyselyBuildCompileP50)} | ` +
        `kysely execute (build+compile+driver+SQLite) ${ms(breakdown.kyselyExecuteP50)} | ` +
        `service.lookup (+plan, mapping) ${ms(breakdown.serviceLookupP50)} | ` +
        `API (+oRPC, zod, session, role) ${ms(breakdown.apiP50)} | raw SQLite ${ms(overall.rawP50)}`,
    );
    if (mismatches > 0) console.log(`WARNING: ${mismatches} look-ups returned a different row count through the API than raw`);
    console.log(`generation ${(generationMs / 1000).toFixed(2)} s; peak RSS ${peakRssMb.toFixed(0)} MB`);

    result = {
      customers,
      vehicles,
      seed,
      perKind,
      warmup,
      generationMs: Math.round(generationMs),
      planMs: Math.round(seeded.ms.plan),
      writeMs: Math.round(seeded.ms.insert),
      kinds: perKindFigures,
      overall,
      breakdown,
      targets: { p95Ms: TARGET_P95_MS, ratio: TARGET_RATIO, p95Ok, ratioOk, indexOk },
      fullScans: [...fullScans],
      sqlShapes: shapes.size,
      mismatches,
      peakRssMb: Math.round(peakRssMb),
    };
  } finally {
    await core.close();
    if (values.keep) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  if (values.json) console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
