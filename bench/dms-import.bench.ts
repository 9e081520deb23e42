/**
 * npm run bench (after the price-import bench), or: tsx bench/dms-import.bench.ts [--scale 1] [--json] [--keep]
 *
 * Moving in from the previous DMS (issue 18 item 1) at the size the issue names: 150,000 customers and 200,000
 * vehicles in ≤ 60 s, 400,000 RO headers with 2,000,000 lines in ≤ 5 min, memory ≤ 500 MB. Writes the four CSV files
 * of an old system into a temporary folder (every 500th row of each file bad, so refusals are written too), then
 * imports them in order through the core's own path (upload, prepare, run committed) as the after-sales manager, and
 * prints seconds, rows/s and the process's peak RSS against the targets. --scale 0.1 runs a tenth of every size (the
 * targets scaled with it); the projection to the full size is printed beside it. Always exits 0: it is a report.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../electron/core/core';
import { prepare } from '../electron/core/dms-import/prepare';
import { runToEnd } from '../electron/core/dms-import/run';
import { receiveImportFile } from '../electron/core/imports/uploads';
import { actorForToken } from '../electron/core/users/service';
import type { Actor } from '../electron/core/context';
import { templateHeaders, type DmsImportKind } from '../shared/domain/dms-import';
import { vinCheckCharacter } from '../shared/domain/vin';

const PASSWORD = 'bench-password-1';
const FULL = { customers: 150_000, vehicles: 200_000, orders: 400_000, orderLines: 2_000_000 };
const TARGET_S = { masterData: 60, history: 300 };
const TARGET_RSS_MB = 500;

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${args.scale}`);
const size = {
  customers: Math.round(FULL.customers * scale),
  vehicles: Math.round(FULL.vehicles * scale),
  orders: Math.round(FULL.orders * scale),
  orderLines: Math.round(FULL.orderLines * scale),
};

function vin(i: number): string {
  const draft = `LSGKB54H0${String(i).padStart(8, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckCharacter(draft)}${draft.slice(9)}`;
}
const phone = (i: number) => `13${String(i).padStart(9, '0')}`;
const day = (i: number) => {
  const d = new Date(Date.UTC(2017, 0, 1) + (i % 3_400) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** One file's rows, written as CSV line by line (never held whole). */
async function writeCsv(path: string, header: string[], count: number, row: (i: number) => string[]): Promise<void> {
  const out = createWriteStream(path);
  const write = async (cells: string[]) => {
    if (!out.write(cells.join(',') + '\r\n')) await once(out, 'drain');
  };
  await write(header);
  for (let i = 0; i < count; i++) await write(row(i));
  out.end();
  await once(out, 'finish');
}

async function writeFiles(dir: string): Promise<Record<DmsImportKind, string>> {
  const paths = {
    customers: join(dir, 'customers.csv'),
    vehicles: join(dir, 'vehicles.csv'),
    orders: join(dir, 'orders.csv'),
    orderLines: join(dir, 'order-lines.csv'),
  };
  const bad = (i: number) => i % 500 === 499;
  await writeCsv(paths.customers, templateHeaders('customers', 'zh-CN'), size.customers, (i) => [
    `C${i}`,
    i % 10 === 0 ? `某某汽车服务有限公司${i}` : `客户${i}`,
    '',
    bad(i) ? `138abc${i}` : phone(i),
    '',
    '',
    '',
    `北京市朝阳区某某路${i}号`,
    i % 2 === 0 ? '是' : '',
  ]);
  await writeCsv(paths.vehicles, templateHeaders('vehicles', 'zh-CN'), size.vehicles, (i) => [
    `V${i}`,
    bad(i) ? `LSGKB54H1${String(i).padStart(8, '0')}` : vin(i),
    '',
    '大众',
    '帕萨特',
    String(2012 + (i % 12)),
    day(i),
    String(10_000 + (i % 90_000)),
    '',
    `C${i % size.customers}`,
    '',
  ]);
  await writeCsv(paths.orders, templateHeaders('orders', 'zh-CN'), size.orders, (i) => [
    `R${i}`,
    `WO${i}`,
    bad(i) ? 'V-none' : `V${i % size.vehicles}`,
    '',
    '',
    day(i * 7),
    day(i * 7),
    String(20_000 + (i % 80_000)),
    '老周',
    '300.00',
    '450.50',
    i % 3 === 0 ? '常规保养' : '维修',
  ]);
  const perOrder = size.orderLines / size.orders;
  await writeCsv(paths.orderLines, templateHeaders('orderLines', 'zh-CN'), size.orderLines, (i) => {
    const order = Math.floor(i / perOrder);
    const line = (i % perOrder) + 1;
    return [
      `R${order}`,
      String(line),
      line === 1 ? '工时' : '配件',
      `P-${i % 5000}`,
      line === 1 ? '更换机油' : '机油滤清器',
      '1',
      '',
      bad(i) ? 'n/a' : '150.00',
    ];
  });
  return paths;
}

async function managerOf(core: Core): Promise<Actor> {
  const anonymous = core.client();
  const admin = await anonymous.users.setupAdmin({ username: 'admin', displayName: 'Admin', password: PASSWORD });
  await core.client(admin.token).users.create({ username: 'boss', displayName: '老周', password: PASSWORD, role: 'manager' });
  const session = await anonymous.users.login({ username: 'boss', password: PASSWORD });
  const actor = await actorForToken(core.deps, session.token);
  if (!actor) throw new Error('no session');
  return actor;
}

async function importOne(core: Core, actor: Actor, kind: DmsImportKind, path: string) {
  const { createReadStream } = await import('node:fs');
  const started = performance.now();
  const { uploadId } = await receiveImportFile(core.deps, actor, 'dmsFile', createReadStream(path));
  const prepared = await prepare(core.deps, actor, { kind, fileName: `${kind}.csv`, uploadId });
  const summary = await runToEnd(core.deps, actor, {
    importId: prepared.importId,
    kind,
    mapping: prepared.suggestedMapping,
    commit: true,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${kind.padEnd(10)} ${summary.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(summary.rows / seconds).toLocaleString('en')} rows/s): created ${summary.created}, refused ${summary.refused}; ` +
      `RSS peak so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return { kind, rows: summary.rows, created: summary.created, refused: summary.refused, seconds };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-dms-bench-'));
  const loadBefore = loadavg()[0]!;
  try {
    console.log(`DMS import bench at scale ${scale}: ${JSON.stringify(size)}`);
    const t0 = performance.now();
    const paths = await writeFiles(dir);
    console.log(`  files written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite') });
    const actor = await managerOf(core);
    const results = [];
    for (const kind of ['customers', 'vehicles', 'orders', 'orderLines'] as const)
      results.push(await importOne(core, actor, kind, paths[kind]));
    await core.close();
    const masterS = results[0]!.seconds + results[1]!.seconds;
    const historyS = results[2]!.seconds + results[3]!.seconds;
    const rss = process.resourceUsage().maxRSS / 1024;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      `customers + vehicles: ${masterS.toFixed(1)} s (target ${(TARGET_S.masterData * scale).toFixed(0)} s at this scale; ` +
        `projected full size ${(masterS / scale).toFixed(0)} s vs ${TARGET_S.masterData} s) ${verdict(masterS / scale <= TARGET_S.masterData)}`,
    );
    console.log(
      `RO headers + lines: ${historyS.toFixed(1)} s (target ${(TARGET_S.history * scale).toFixed(0)} s at this scale; ` +
        `projected full size ${(historyS / scale).toFixed(0)} s vs ${TARGET_S.history} s) ${verdict(historyS / scale <= TARGET_S.history)}`,
    );
    console.log(
      `peak RSS ${rss.toFixed(0)} MB (target ${TARGET_RSS_MB} MB) ${verdict(rss <= TARGET_RSS_MB)}; load average ` +
        `${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} CPUs (other work on the machine skews the times)`,
    );
    if (args.json) console.log(JSON.stringify({ bench: 'dms-import', scale, size, results, masterS, historyS, peakRssMb: rss }));
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
