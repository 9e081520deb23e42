/**
 * The first step of `npm test`: the system programs the tests drive. Chromium runs the browser tests, poppler's
 * pdftotext reads printed PDFs back, the Noto CJK font prints Chinese text, and LibreOffice Calc opens the exported
 * workbooks as a dealer's office would. On a fresh Debian machine, as root, the missing ones are installed with
 * apt-get; otherwise the run stops at once with the one command to run, instead of failing test by test later.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Requirement {
  /** The Debian package that provides it. */
  pkg: string;
  present(): boolean;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const REQUIREMENTS: Requirement[] = [
  {
    pkg: 'chromium',
    present: () => existsSync(process.env.BAYDESK_CHROMIUM ?? '/usr/bin/chromium'),
  },
  { pkg: 'poppler-utils', present: () => onPath('pdftotext') },
  {
    pkg: 'fonts-noto-cjk',
    present: () => /Noto Sans CJK/i.test(spawnSync('fc-list', [], { encoding: 'utf8' }).stdout ?? ''),
  },
  { pkg: 'libreoffice-calc', present: () => onPath('libreoffice') },
];

function main(): number {
  const missing = REQUIREMENTS.filter((r) => !r.present()).map((r) => r.pkg);
  if (missing.length === 0) return 0;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // BAYDESK_NO_INSTALL=1: say what is missing, never install (a machine whose packages someone else manages).
  if (process.platform !== 'linux' || !isRoot || !onPath('apt-get') || process.env.BAYDESK_NO_INSTALL === '1') {
    console.error(`The tests need ${missing.join(', ')}. Install them, then run npm test again:\n\n  sudo ${command}\n`);
    return 1;
  }
  console.log(`Installing what the tests need: ${missing.join(', ')} (apt-get, a few minutes the first time) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed. Run it yourself, then npm test again:\n\n  ${command}\n`);
      return 1;
    }
  }
  const still = REQUIREMENTS.filter((r) => !r.present()).map((r) => r.pkg);
  if (still.length > 0) {
    console.error(`Still missing after apt-get: ${still.join(', ')}.`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
