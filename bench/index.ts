/**
 * npm run bench [-- ARGS]
 *
 * With --desks [N]: the desks load profile alone (bench/desks.bench.ts), the other ARGS (--seconds, --db…) passed on.
 * With --scale or --db: the scale bench alone (bench/scale.bench.ts), ARGS passed on.
 * With no ARGS: a quick scale bench at 1y (fewer calls per case, a smaller price file), then the reception look-up
 * bench, the price-import bench, the previous-DMS import bench (a tenth of its size; --dms-full for all), the campaign VIN import (100,000 VINs) and the login's first paint (bench/first-paint.bench.ts, over the built renderer), so `npm run bench` still says something about every figure in ~10 minutes.
 * Other ARGS (e.g. --json) go to every bench run. Each bench runs in its own process: one's memory and open files
 * never skew the next. Exits 0 unless a bench could not run at all.
 */
import { spawnSync } from 'node:child_process';

const dmsFull = process.argv.includes('--dms-full');
const args = process.argv.slice(2).filter((a) => a !== '--dms-full');

function run(file: string, extra: string[]): number {
  console.log(`\n=== ${file} ${extra.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...extra], { stdio: 'inherit' });
  return result.status ?? 1;
}

let failed = 0;
if (args.includes('--desks') || args.some((a) => a.startsWith('--desks='))) {
  // A bare --desks selects the profile; --desks N (or --desks=N) also says how many desks.
  const passed = args.filter((a, i) => a !== '--desks' || /^\d+$/.test(args[i + 1] ?? ''));
  failed += run('bench/desks.bench.ts', passed) === 0 ? 0 : 1;
} else if (args.includes('--scale') || args.some((a) => a.startsWith('--scale=')) || args.includes('--db')) {
  failed += run('bench/scale.bench.ts', args) === 0 ? 0 : 1;
} else {
  failed +=
    run('bench/scale.bench.ts', ['--scale', '1y', '--n', '20', '--warmup', '5', '--price-lines', '100000', ...args]) === 0
      ? 0
      : 1;
  failed += run('bench/lookup.bench.ts', args) === 0 ? 0 : 1;
  failed += run('bench/price-import.bench.ts', args) === 0 ? 0 : 1;
  // The previous-DMS import at a tenth of the size (its projection to the full size printed), --dms-full for all of it.
  const dmsArgs = dmsFull ? args : ['--scale', '0.1', ...args];
  failed += run('bench/dms-import.bench.ts', dmsArgs) === 0 ? 0 : 1;
  // A recall's 100,000 VINs through campaigns.import (issue 19 item 2).
  failed +=
    run(
      'bench/campaign-import.bench.ts',
      args.filter((a) => a === '--json'),
    ) === 0
      ? 0
      : 1;
  failed += run('bench/first-paint.bench.ts', args) === 0 ? 0 : 1;
}
process.exitCode = failed > 0 ? 1 : 0;
