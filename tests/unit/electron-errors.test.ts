import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../../electron/main/i18n';
import { fakeElectron, loadMainBundle } from '../electron/stand-in';

/**
 * Issue 16, item 5: what the desk does with errors, on the BUILT main bundle against the stand-in Electron of
 * tests/electron/stand-in.ts. An uncaught error of the main process is written to main.log and shown in a dialog in
 * the desk's language (English here: the stand-in's system language is en-US); a core process that stops unasked is
 * reported the same way and the desk closes.
 */
const MAIN_BUNDLE = join(__dirname, '..', '..', 'out', 'main', 'index.js');

describe('errors on the desk (built main bundle, stand-in Electron)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'baydesk-errors-'));
  const electron = fakeElectron(userData);
  let mainHandlers: NodeJS.UncaughtExceptionListener[] = [];

  beforeAll(async () => {
    const before = new Set(process.listeners('uncaughtException'));
    // A desk that chose "This PC keeps the database" at its first run.
    writeFileSync(join(userData, 'desk.json'), JSON.stringify({ mode: 'standalone' }));
    loadMainBundle(MAIN_BUNDLE, electron);
    // The bundle's own handlers, called directly: emitting the event would reach the test runner's as well.
    mainHandlers = process.listeners('uncaughtException').filter((listener) => !before.has(listener));
    await vi.waitFor(() => expect(electron.forks[0]?.sent).toContainEqual(expect.objectContaining({ kind: 'opened' })), {
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    for (const handler of mainHandlers) process.off('uncaughtException', handler);
    electron.forks[0]?.kill();
    rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
  });

  it('logs an uncaught error of the main process and shows it once, translated', () => {
    expect(mainHandlers).toHaveLength(1);
    mainHandlers[0]!(new Error('printer on fire'), 'uncaughtException');
    mainHandlers[0]!(new Error('printer on fire'), 'uncaughtException');
    const shown = electron.errors.filter((message) => message.includes('printer on fire'));
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(en.errors.unexpected.split(' (')[0]!);
    expect(shown[0]).toContain(join(userData, 'logs'));
    expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(/\[main\] uncaught error[\s\S]*printer on fire/);
  });

  it('tells the desk when the core process stops unasked, and closes', async () => {
    electron.forks[0]!.kill();
    await vi.waitFor(() => expect(electron.quits).toContain('exit 1'));
    expect(electron.errors).toContain(en.errors.coreStopped);
    expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(/the core process stopped unexpectedly/);
  });
});
