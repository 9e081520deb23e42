/**
 * npm run seed -- [--db .data/demo.sqlite] [--customers 300] [--vehicles 400] [--seed 42] [--no-history]
 *
 * Creates (or migrates) the database through the core and fills it with the demo dealership. Refuses a database that
 * already has users. With no options it builds the small demo `npm start` uses.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/core';
import { DEMO_SMALL, seedDemo } from '../electron/core/db/seed';

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run seed -- [--db FILE] [--customers N] [--vehicles N] [--seed N] [--no-history]');
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `seed: ${error.message}` : error);
  process.exitCode = 1;
});
