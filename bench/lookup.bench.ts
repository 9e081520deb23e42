/**
 * npm run bench [-- --json] [--customers 150000] [--vehicles 200000] [--n 300] [--warmup 50] [--seed 42] [--keep]
 *
 * The reception look-up at the scale of docs/domain.md. Builds the demo dealership into a temporary file, signs in
 * as the demo advisor and, per kind of look-up, times N calls through the API (validation, session, role check, plan,
 * kysely, mapping) against the very same SQL run as a raw prepared better-sqlite3 statement, so the table shows both
 * what a desk waits for and what the core adds on top of SQLite. Checks with EXPLAIN QUERY PLAN that every branch
 * of the look-up is an index search. Always exits 0: it is a report; FAIL lines say what missed.
 * With --json the last line of output is one JSON object of the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type BetterSqlite3 from 'better-sqlite3';
import { pinyin } from 'pinyin-pro';
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

type Kind =
  'plate_prefix' | 'plate_full' | 'vin_tail' | 'phone_tail' | 'name_prefix' | 'pinyin_full' | 'pinyin_initials' | 'pinyin_mixed';
const KINDS: readonly Kind[] = [
  'plate_prefix',
  'plate_full',
  'vin_tail',
  'phone_tail',
  'name_prefix',
  'pinyin_full',
  'pinyin_initials',
  'pinyin_mixed',
];
const KIND_LABEL: Record<Kind, string> = {
  plate_prefix: 'plate prefix (京A1)',
  plate_full: 'full plate (京a 12345)',
  vin_tail: 'VIN tail (6-8)',
  phone_tail: 'phone tail (4)',
  name_prefix: 'name prefix (1-2)',
  pinyin_full: 'pinyin full (zhangsan)',
  pinyin_initials: 'pinyin initials (zs)',
  pinyin_mixed: 'pinyin mixed (zhang s)',
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

  const out = Object.fromEntries(KINDS.map((kind) => [kind, [] as string[]])) as Record<Kind, string[]>;
  const fill = (kind: Kind, draw: () => string | null) => {
    for (let attempts = 0; out[kind].length < count; attempts++) {
      if (attempts > count * 100) throw new Error(`bench: could not draw ${count} ${kind} queries from the generated data`);
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
  // Pinyin as staff type it: a name's syllables (its surname read as a surname), in full, as initials, or the
  // surname in full and the rest as initials with a space ("zhang s").
  const syllables = () => {
    const row = customer.get(random.int(1, maxCustomer)) as { name: string } | undefined;
    const read = row
      ? pinyin(row.name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed', mode: 'surname', surname: 'head' })
      : [];
    const clean = read.filter((s) => /^[a-z]+$/.test(s));
    return clean.length >= 2 ? clean : null;
  };
  fill('pinyin_full', () => syllables()?.join('') ?? null);
  fill(
    'pinyin_initials',
    () =>
      syllables()
        ?.map((s) => s[0])
        .join('') ?? null,
  );
  fill('pinyin_mixed', () => {
    const s = syllables();
    return s
      ? `${s[0]} ${s
          .slice(1)
          .map((x) => x[0])
          .join('')}`
      : null;
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

/** Table aliases the look-up uses for real tables (customers c, vehicles v, owners o, phones ph/p, pinyin keys k). */
const TABLE_NAMES = new Set([
  'c',
  'v',
  'o',
  'ph',
  'p',
  'k',
  'customers',
  'vehicles',
  'vehicle_ownerships',
  'customer_phones',
  'customer_pinyin',
]);

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
const pad = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - [...text].length - [...text].filter((ch) => ch > '\u2e80').length));

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
  const customers = Math.max(1, whole('customers', values.customers, DEMO_LARGE.customers));
  const vehicles = Math.max(1, whole('vehicles', values.vehicles, DEMO_LARGE.vehicles));
  const perKind = Math.max(1, whole('n', values.n, 300));
  const warmup = whole('warmup', values.warmup, 50);
  const seed = whole('seed', values.seed, DEMO_LARGE.seed);

  const dir = mkdtempSync(join(tmpdir(), 'baydesk-bench-'));
  const file = join(dir, 'bench.sqlite');
  const core = await openCore({ file });
  let result: Record<string, unknown>;
  try {
    console.log(`Generating ${customers} customers and ${vehicles} vehicles into ${file} ...`);
    const loadBefore = loadavg()[0]!;
    const genStarted = performance.now();
    const genCpu = process.cpuUsage();
    const seeded = await seedDemo(core, { customers, vehicles, seed });
    const generationMs = performance.now() - genStarted;
    const generationCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(genCpu));
    console.log(
      `generated in ${(generationMs / 1000).toFixed(2)} s wall, ${(generationCpuMs / 1000).toFixed(2)} s CPU (plan ${(seeded.ms.plan / 1000).toFixed(2)} s, write ${(seeded.ms.insert / 1000).toFixed(2)} s): ` +
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
    const vinRow = core.deps.sqlite.prepare('SELECT vin FROM vehicles ORDER BY id LIMIT 1').get() as { vin: string };
    const everyBranch: LookupPlan = {
      vinExact: vinRow.vin,
      vinTailRev: reversed(sample('vin_tail')),
      platePrefix: sample('plate_prefix').toUpperCase(),
      plateSerialPrefix: sample('plate_prefix').slice(1).toUpperCase(),
      phoneTailRev: reversed(sample('phone_tail')),
      namePrefix: sample('name_prefix'),
      pinyinPrefix: sample('pinyin_full'),
    };
    const all = compile(everyBranch)!;
    const allPlan = explain(core.deps.sqlite, all);
    console.log(
      '\nEXPLAIN QUERY PLAN, a look-up with every branch (exact VIN, plate, plate serial, VIN tail, phone tail, name, pinyin):',
    );
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
        // Whichever runs first may find its pages outside SQLite's cache; alternating the order shares that fairly.
        const runApi = async () => {
          const started = performance.now();
          const page = await client.customers.lookup({ q, limit: PAGE });
          return { page, took: performance.now() - started };
        };
        const runRaw = () => {
          const started = performance.now();
          const rows = c ? (c.statement.all(...c.parameters) as { customer_id: number | null; vehicle_id: number | null }[]) : [];
          return { rows, took: performance.now() - started };
        };
        let a: Awaited<ReturnType<typeof runApi>>;
        let r: ReturnType<typeof runRaw>;
        if (i % 2 === 0) {
          a = await runApi();
          r = runRaw();
        } else {
          r = runRaw();
          a = await runApi();
        }
        const { page } = a;
        const { rows } = r;
        if (i < warmup) continue;
        api.push(a.took);
        raw.push(r.took);
        if (page.rows.length > 0) hits += 1;
        // The API must answer exactly what its SQL answers: same customer+car pairs, same order.
        const pairs = (list: { customerId: number | null; vehicleId: number | null }[]) =>
          list.map((row) => `${row.customerId}/${row.vehicleId}`).join(',');
        const rawPairs = rows.slice(0, PAGE).map((row) => ({ customerId: row.customer_id, vehicleId: row.vehicle_id }));
        if (pairs(page.rows) !== pairs(rawPairs)) mismatches += 1;
      }
      perKindFigures[kind] = figures(api, raw, hits);
      allApi.push(...api);
      allRaw.push(...raw);
    }
    const overall = figures(
      allApi,
      allRaw,
      Object.values(perKindFigures).reduce((sum, f) => sum + (f?.hits ?? 0), 0),
    );

    // Where the API's time goes: the same queries through each layer in turn (after a warm-up round), median per call.
    type Layer = 'raw' | 'buildCompile' | 'kysely' | 'service' | 'api';
    const LAYERS: readonly Layer[] = ['raw', 'buildCompile', 'kysely', 'service', 'api'];
    const median = (values: number[]) =>
      percentile(
        [...values].sort((x, y) => x - y),
        50,
      );
    const breakdown: Record<string, Record<Layer, number>> = {};
    const everyLayer: Record<Layer, number[]> = { raw: [], buildCompile: [], kysely: [], service: [], api: [] };
    for (const kind of KINDS) {
      const times: Record<Layer, number[]> = { raw: [], buildCompile: [], kysely: [], service: [], api: [] };
      const texts = queries[kind].slice(warmup);
      const compiled = texts.map((q) => compile(planLookup(q)));
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < texts.length; i++) {
          const q = texts[i]!;
          const c = compiled[i];
          // Untimed: brings the query's pages into SQLite's cache, so every layer below is timed warm.
          if (c) c.statement.all(...c.parameters);
          const t0 = performance.now();
          if (c) c.statement.all(...c.parameters);
          const t1 = performance.now();
          lookupQuery(core.deps.db, planLookup(q), 0, PAGE)?.compile();
          const t2 = performance.now();
          await lookupQuery(core.deps.db, planLookup(q), 0, PAGE)?.execute();
          const t3 = performance.now();
          await serviceLookup(core.deps, { q, offset: 0, limit: PAGE }, { searchPhones: true });
          const t4 = performance.now();
          await client.customers.lookup({ q, limit: PAGE });
          const t5 = performance.now();
          if (round === 0) continue;
          times.raw.push(t1 - t0);
          times.buildCompile.push(t2 - t1);
          times.kysely.push(t3 - t2);
          times.service.push(t4 - t3);
          times.api.push(t5 - t4);
        }
      }
      breakdown[kind] = Object.fromEntries(LAYERS.map((layer) => [layer, median(times[layer])])) as Record<Layer, number>;
      for (const layer of LAYERS) everyLayer[layer].push(...times[layer]);
    }
    breakdown.overall = Object.fromEntries(LAYERS.map((layer) => [layer, median(everyLayer[layer])])) as Record<Layer, number>;

    // The table.
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const header = `${pad('kind', 26)}${pad('n', 6)}${pad('hits', 6)}${pad('API p50', 10)}${pad('API p95', 10)}${pad('raw p50', 10)}${pad('raw p95', 10)}${pad('ratio', 8)}${pad(`p95<=${TARGET_P95_MS}ms`, 12)}ratio<=${TARGET_RATIO}`;
    console.log(
      `\nLook-up timings in ms (${perKind} timed calls per kind after ${warmup} warm-up; limit ${PAGE}; API and raw alternate who goes first):`,
    );
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
      "\nWhere the API's time goes (median ms per call, each column measured on its own): raw SQL = the prepared " +
        'statement alone; build+compile = lookupQuery(...).compile(), no SQL run; kysely execute = ' +
        'lookupQuery(...).execute(); service.lookup = the core service as it stands (plan, SQL, row mapping), no oRPC; ' +
        'API call = the whole procedure through the in-process oRPC client (zod input, session, role check).',
    );
    const bHeader = `${pad('kind', 26)}${pad('raw SQL', 10)}${pad('kysely build+compile only', 27)}${pad('kysely execute', 16)}${pad('service.lookup', 16)}API call`;
    console.log(bHeader);
    console.log('-'.repeat(bHeader.length + 4));
    for (const key of [...KINDS, 'overall'] as const) {
      const b = breakdown[key]!;
      const label = key === 'overall' ? 'overall' : KIND_LABEL[key];
      console.log(
        `${pad(label, 26)}${pad(ms(b.raw), 10)}${pad(ms(b.buildCompile), 27)}${pad(ms(b.kysely), 16)}${pad(ms(b.service), 16)}${ms(b.api)}`,
      );
    }
    if (mismatches === 0)
      console.log(`API answers = raw SQL answers, row for row, for all ${KINDS.length * (perKind + warmup)} look-ups`);
    if (mismatches > 0)
      console.log(`WARNING: ${mismatches} look-ups answered differently through the API than through their raw SQL`);
    const loadAfter = loadavg()[0]!;
    console.log(
      `generation ${(generationMs / 1000).toFixed(2)} s (${(generationCpuMs / 1000).toFixed(2)} s CPU); peak RSS ${peakRssMb.toFixed(0)} MB; ` +
        `load average ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)} on ${availableParallelism()} CPUs (other work on the machine skews p95)`,
    );

    result = {
      customers,
      vehicles,
      seed,
      perKind,
      warmup,
      generationMs: Math.round(generationMs),
      generationCpuMs: Math.round(generationCpuMs),
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
      loadAverage: { before: loadBefore, after: loadAfter, cpus: availableParallelism() },
    };
  } finally {
    await core.close();
    if (values.keep) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  // Microseconds are plenty: round the fractions so the line stays readable.
  if (values.json)
    console.log(
      JSON.stringify(result, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value)),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
