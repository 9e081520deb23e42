import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, item 12: `npm test` on a fresh machine. Its first step finds the system programs the tests drive; what it
 * cannot install it names, with the one command to run, and stops before any test runs.
 */
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'test-prerequisites.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

function run(env: Record<string, string>) {
  return spawnSync(TSX, [SCRIPT], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('the first step of npm test', () => {
  it('passes on a machine that has what the tests need', () => {
    const result = run({});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('stops at once with the one command to run when a program is missing and it may not install', () => {
    const result = run({ BAYDESK_CHROMIUM: '/nonexistent/chromium', BAYDESK_NO_INSTALL: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The tests need chromium.');
    expect(result.stderr).toContain('sudo apt-get install -y --no-install-recommends chromium');
  });
});
