/**
 * npm run seed -- [--db .data/demo.sqlite] [--customers 300] [--vehicles 400] [--seed 42] [--no-history]
 * npm run seed -- --scale 10y|1y|test [--db FILE] [--seed 42] [--now ISO] [--base-only]
 *
 * Creates (or migrates) the database through the core and fills it with the demo dealership. Refuses a database that
 * already has users. With no options it builds the small demo `npm start` uses.
 *
 * With --scale it generates a whole dealership's history instead (electron/core/db/seed/scale: ten years is about
 * 414,000 ROs), written at schema 21 into a temporary file that is renamed when complete; then, unless --base-only,
 * opens it with the core, which runs the newer migrations and their backfills (the upgrade a dealer's ten-year file
 * goes through). Refuses an existing file.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/core';
import { DEMO_SMALL, seedDemo } from '../electron/core/db/seed';
import { SCHEMA_VERSION } from '../electron/core/db/migrations';
import { generateScale, isScaleName, SCALES } from '../electron/core/db/seed/scale';

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: '.data/demo.sqlite' },
      customers: { type: 'string' },
      vehicles: { type: 'string' },
      seed: { type: 'string' },
      'no-history': { type: 'boolean', default: false },
      scale: { type: 'string' },
      now: { type: 'string' },
      'base-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run seed -- [--db FILE] [--customers N] [--vehicles N] [--seed N] [--no-history]');
    console.log(`       npm run seed -- --scale ${SCALES.join('|')} [--db FILE] [--seed N] [--now ISO] [--base-only]`);
    return;
  }
  if (values.scale !== undefined) {
    await seedScale(values.scale, {
      db: values.db === '.data/demo.sqlite' ? `.data/${values.scale}.sqlite` : values.db,
      seed: whole('seed', values.seed, DEMO_SMALL.seed),
      now: values.now,
      baseOnly: values['base-only'],
    });
    return;
  }
  const file = resolve(values.db);
  const options = {
    customers: whole('customers', values.customers, DEMO_SMALL.customers),
    vehicles: whole('vehicles', values.vehicles, DEMO_SMALL.vehicles),
    seed: whole('seed', values.seed, DEMO_SMALL.seed),
    history: !values['no-history'],
  };

  const started = performance.now();
  const existed = existsSync(file);
  const core = await openCore({ file });
  try {
    console.log(`${existed ? 'Opened' : 'Created'} ${file}`);
    console.log(`Seeding ${options.customers} customers and ${options.vehicles} vehicles (seed ${options.seed})...`);
    const report = await seedDemo(core, options);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      [
        `customers   ${report.customers}`,
        `phones      ${report.phones}`,
        `vehicles    ${report.vehicles}`,
        `ownerships  ${report.ownerships}`,
        `mileage     ${report.mileage}`,
        `users       ${report.users.map((u) => u.username).join(', ')} (password ${report.password})`,
        ...(report.history
          ? [
              `history     ${report.history.repairOrders} ROs (${report.history.delivered} delivered, ${report.history.inWorkshop} in the workshop), ` +
                `${report.history.appointments} appointments, ${report.history.surveys} surveys, ${report.history.complaints} complaints, ` +
                `${report.history.callsDueToday} calls due today`,
            ]
          : []),
        `planned in ${seconds(report.ms.plan)}, written in ${seconds(report.ms.insert)}, history in ${seconds(report.ms.history)}, seed total ${seconds(report.ms.total)}`,
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(2)} s (open, migrate, seed, close).`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function seedScale(
  scale: string,
  options: { db: string; seed: number; now: string | undefined; baseOnly: boolean },
): Promise<void> {
  if (!isScaleName(scale)) throw new Error(`--scale must be one of ${SCALES.join(', ')}, got "${scale}"`);
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date and time, got "${options.now}"`);
  const file = resolve(options.db);
  if (existsSync(file)) throw new Error(`${file} exists: the generated dealership goes into a new file`);
  // Written under a temporary name and renamed when complete, so nobody opens a half-written file.
  const temporary = `${file}.partial`;
  const [load1] = (await import('node:os')).loadavg();
  console.log(
    `Generating the ${scale} dealership up to ${now.toISOString()} (seed ${options.seed}; load average ${load1?.toFixed(1)})...`,
  );
  let report;
  try {
    report = await generateScale(temporary, { scale, seed: options.seed, now });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  renameSync(temporary, file);
  const width = Math.max(...Object.keys(report.rows).map((t) => t.length));
  for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(width)} ${n.toLocaleString('en')}`);
  const { ms } = report;
  console.log(
    `Generated in ${seconds(ms.total)} (schema and staff ${seconds(ms.schema)}, customers and cars ${seconds(ms.fleet)}, ` +
      `history ${seconds(ms.history)}, indexes and finish ${seconds(ms.finish)}; ${seconds(report.cpuMs)} of CPU): ` +
      `${file}, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, schema 21`,
  );
  if (options.baseOnly) return;
  const upgradeStarted = performance.now();
  const core = await openCore({ file });
  await core.close();
  // migrate() copied the schema-21 file aside before upgrading it, as it does for a dealer's file; this one is ours.
  rmSync(`${file}.before-schema-${SCHEMA_VERSION}.bak`, { force: true });
  console.log(
    `Upgraded to the current schema (migrations 22+ and their backfills) in ${seconds(performance.now() - upgradeStarted)}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `seed: ${error.message}` : error);
  process.exitCode = 1;
});
