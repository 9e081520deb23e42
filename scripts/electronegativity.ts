// `npm test` (after the build) and `npm run scan:electron`: Doyensec's electronegativity scanner over the Electron
// sources, offline. Prints every finding, marks the ones reviewed and accepted (below, with the reason), writes
// reports/electronegativity.json, and exits 1 on any HIGH finding or when an Electron source could not be parsed.
//
// What it scans: electron/ (main, preload, server, core) plus the renderer's index.html (the CSP) and package.json,
// copied into a temporary folder. Not the built bundle: there the window is `new electron.BrowserWindow(...)` and the
// scanner only recognises `new BrowserWindow(...)`, so it would see no window at all; the built bundle is checked by
// tests/unit/electron-hardening.test.ts instead.
//
// Offline: the scanner fetches translations and Electron's release list from the internet. Its HTTP client (got) is
// replaced here by one that fails at once, and the release-list check (AvailableSecurityFixesGlobalCheck: "is this
// Electron the latest patch?") is left out; keeping Electron current is `npm outdated`'s job, not the test's.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const root = join(__dirname, '..');
const load = createRequire(join(root, 'package.json'));

interface Level {
  name: string;
  value: number;
}
interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: Level;
  confidence: Level;
  manualReview: boolean;
  description: string;
  sample?: string;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

/** Findings reviewed and accepted: check id and file (relative to the scanned folder) -> why. */
const ACCEPTED: Record<string, string> = {
  'PRELOAD_JS_CHECK main/window.ts':
    'the one preload (electron/preload/index.ts) runs sandboxed and only forwards a MessagePort and one print-to-PDF call; it exposes no Electron or Node API',
  'ELECTRON_VERSION_JSON_CHECK package.json': 'informational: the Electron version it found in package.json',
  'CSP_GLOBAL_CHECK renderer/index.html':
    "style-src allows 'unsafe-inline' (React, AG Grid and recharts set inline styles); scripts are 'self' only, no eval, object-src and base-uri 'none'",
};

export interface ScanSummary {
  high: Finding[];
  accepted: Finding[];
  review: Finding[];
  parseFailures: string[];
  checks: number;
}

/** Runs the scanner over a copy of the Electron sources; never touches the network. */
export async function scanElectronSources(): Promise<ScanSummary> {
  const scannerDir = dirname(load.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = createRequire(join(scannerDir, 'package.json')).resolve('got');
  const offline = Object.assign(
    () => Promise.reject(new Error('offline: electronegativity runs without network in BayDesk')),
    {},
  );
  Object.assign(offline, { head: offline, default: offline });
  load.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;

  const stage = mkdtempSync(join(tmpdir(), 'baydesk-electronegativity-'));
  try {
    cpSync(join(root, 'electron'), join(stage, 'electron'), { recursive: true });
    mkdirSync(join(stage, 'renderer'));
    cpSync(join(root, 'renderer', 'index.html'), join(stage, 'renderer', 'index.html'));
    cpSync(join(root, 'package.json'), join(stage, 'package.json'));
    const electronVersion = (JSON.parse(readFileSync(load.resolve('electron/package.json'), 'utf8')) as { version: string })
      .version;

    const runner = load(join(scannerDir, 'dist', 'runner.js')) as { default?: unknown };
    const run = (runner.default ?? runner) as (options: object, forCli: boolean) => Promise<ScanResult>;
    const quiet = console.log;
    console.log = () => undefined; // its "could not retrieve translations" line
    let result: ScanResult;
    try {
      result = await run(
        {
          input: stage,
          isRelative: true,
          customScan: [],
          excludeFromScan: ['availablesecurityfixesglobalcheck'],
          electronVersionOverride: electronVersion,
          parserPlugins: [],
        },
        false,
      );
    } finally {
      console.log = quiet;
    }

    const issues = result.issues.map((issue) => ({ ...issue, file: issue.file.replace(/^electron\//, '') }));
    const accepted = issues.filter((i) => i.severity.name !== 'HIGH' && ACCEPTED[`${i.id} ${i.file}`]);
    return {
      high: issues.filter((i) => i.severity.name === 'HIGH'),
      accepted,
      review: issues.filter((i) => i.severity.name !== 'HIGH' && !accepted.includes(i)),
      // A main or preload file the scanner cannot read is a file it did not check.
      parseFailures: result.errors
        .filter((e) => !e.tolerable)
        .map((e) => `${relative(stage, e.file)}: ${e.message}`)
        .filter((line) => /^electron[\\/](main|preload)[\\/]/.test(line)),
      checks: result.globalChecks + result.atomicChecks,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function line(finding: Finding): string {
  const where = `${finding.file}:${finding.location.line}:${finding.location.column}`;
  const note = ACCEPTED[`${finding.id} ${finding.file}`];
  return `  ${finding.severity.name.padEnd(13)} ${finding.confidence.name.padEnd(9)} ${finding.id.padEnd(32)} ${where}${note ? `\n      accepted: ${note}` : ''}`;
}

if (require.main === module) {
  scanElectronSources().then(
    (summary) => {
      const report = join(root, 'reports', 'electronegativity.json');
      mkdirSync(dirname(report), { recursive: true });
      writeFileSync(report, JSON.stringify(summary, null, 2));
      console.log(`electronegativity: ${summary.checks} checks over electron/ and renderer/index.html`);
      for (const finding of [...summary.high, ...summary.review, ...summary.accepted]) console.log(line(finding));
      for (const failure of summary.parseFailures) console.log(`  NOT SCANNED  ${failure}`);
      console.log(
        `electronegativity: ${summary.high.length} high, ${summary.review.length} to review, ${summary.accepted.length} accepted, ${summary.parseFailures.length} not scanned`,
      );
      process.exit(summary.high.length > 0 || summary.parseFailures.length > 0 ? 1 : 0);
    },
    (error: unknown) => {
      console.error('electronegativity could not run:', error);
      process.exit(1);
    },
  );
}
