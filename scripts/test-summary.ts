// The last line of `npm test`: the counts of every runner together, as one plain "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const reports = join(__dirname, '..', 'reports');

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(name = 'vitest.json'): Counts {
  const file = join(reports, name);
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(): Counts {
  const file = join(reports, 'playwright.json');
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

// The quiet pass: tests that measure time, run after the others one file at a time (vitest.quiet.config.mts).
const parts = { vitest: vitestCounts(), 'vitest (quiet)': vitestCounts('vitest-quiet.json'), playwright: playwrightCounts() };
for (const [runner, c] of Object.entries(parts))
  console.log(`${runner}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
const total = Object.values(parts).reduce((a, c) => ({
  passed: a.passed + c.passed,
  failed: a.failed + c.failed,
  skipped: a.skipped + c.skipped,
}));
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
