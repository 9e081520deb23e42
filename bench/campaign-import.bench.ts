/**
 * npm run bench (after the DMS import bench), or: tsx bench/campaign-import.bench.ts [--vins 100000] [--json]
 *
 * A recall's VIN list at the size the issue names (issue 19 item 2: 100,000 VINs "in seconds"): writes a CSV of
 * VINs (every 1,000th one bad, so refusals are judged too; a tenth of them cars the desk knows, so the VIN is
 * resolved to a car), imports it through the core's own path (campaigns.import over the in-process client, as the
 * manager's screen calls it: base64, the import engine's upload, batches of prepared inserts) and prints seconds,
 * VINs/s and the ratio to the target. Always exits 0: it is a report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/core';
import { vinCheckCharacter } from '../shared/domain/vin';

const PASSWORD = 'bench-password-1';
const TARGET_S = 5;

const { values: args } = parseArgs({
  options: { vins: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false } },
});
const count = Number(args.vins);

function vin(i: number): string {
  const draft = `LSGKB54H0${String(i).padStart(8, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckCharacter(draft)}${draft.slice(9)}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-campaign-bench-'));
  const loadBefore = loadavg()[0]!;
  try {
    const core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite') });
    const anonymous = core.client();
    const admin = await anonymous.users.setupAdmin({ username: 'admin', displayName: 'Admin', password: PASSWORD });
    await core.client(admin.token).users.create({ username: 'boss', displayName: '老周', password: PASSWORD, role: 'manager' });
    const manager = core.client((await anonymous.users.login({ username: 'boss', password: PASSWORD })).token);
    // A tenth of the listed cars are on file (written directly: the bench times the import, not the vehicle form).
    const known = Math.floor(count / 10);
    const now = new Date().toISOString();
    const insert = core.deps.sqlite.prepare(
      `INSERT INTO vehicles (vin, vin_rev, vin_check_ok, plate, plate_serial, make, model, year, colour, fuel_type, engine,
        created_at, updated_at) VALUES (?, ?, 1, '', '', '大众', '帕萨特', 2020, '', 'petrol', '', ?, ?)`,
    );
    core.deps.sqlite.transaction(() => {
      for (let i = 0; i < known; i++) insert.run(vin(i * 10), [...vin(i * 10)].reverse().join(''), now, now);
    })();
    const lines = ['VIN'];
    for (let i = 0; i < count; i++) lines.push(i % 1000 === 999 ? `LSGKB54H${i}` : vin(i));
    const file = Buffer.from(lines.join('\r\n') + '\r\n');
    const operationId = (await manager.catalog.laborGrid({ startRow: 0, endRow: 1 })).rows[0]!.id;
    const started = performance.now();
    const result = await manager.campaigns.import({
      code: 'RC-BENCH',
      title: '更换气囊模块',
      kind: 'recall',
      mandatory: true,
      laborOperationId: operationId,
      laborHoursMilli: 800,
      parts: [],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      fileName: 'vins.csv',
      fileBase64: file.toString('base64'),
    });
    const seconds = (performance.now() - started) / 1000;
    await core.close();
    console.log(
      `campaign import: ${count.toLocaleString('en')} VINs (${(file.length / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(2)} s ` +
        `(${Math.round(count / seconds).toLocaleString('en')} VINs/s): imported ${result.imported}, refused ${result.refused}; ` +
        `ratio to the ${TARGET_S} s target ${(seconds / TARGET_S).toFixed(2)} ${seconds <= TARGET_S ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `load average ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} CPUs (other work on the machine skews the times)`,
    );
    if (args.json) console.log(JSON.stringify({ bench: 'campaign-import', vins: count, seconds, imported: result.imported }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 0;
});
