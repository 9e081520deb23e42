import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../electron/core/core';
import { startCore } from '../../electron/core/startup';
import { StartupProgress } from '../../electron/core/startup-progress';
import { startHttpServer } from '../../electron/server/http-server';
import { expect, test } from './fixtures';

/**
 * After an update, a dealership's ten-year file is upgraded at start-up. A desk opened meanwhile shows what is being
 * done and how far it is, then the sign-in screen by itself once the core is open.
 */
test('a desk opened during an upgrade shows its progress, then the sign-in screen', async ({ page, demoDatabase }) => {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-upgrade-'));
  const file = join(dir, 'baydesk.sqlite');
  copyFileSync(demoDatabase, file);
  const opening = new StartupProgress();
  let open!: () => void;
  const mayOpen = new Promise<void>((resolve) => (open = resolve));
  // The upgrade's progress is told by the test; the core opens when the test lets it.
  const opened: Promise<Core> = mayOpen.then(() => startCore({ file, demo: true }));
  const server = await startHttpServer({ core: opened, opening, staticDir: join(__dirname, '..', '..', 'out', 'renderer') });
  try {
    opening.report({ phase: 'backfill', migration: '0025-create-report-summaries', done: 120_000, total: 400_000 });
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Upgrading the database' })).toBeVisible();
    await expect(page.getByText('Filling indexes and summaries from history')).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('value', '30');
    await expect(page.getByText('0025-create-report-summaries: 120,000 of 400,000')).toBeVisible();

    opening.report({ phase: 'backfill', migration: '0025-create-report-summaries', done: 300_000, total: 400_000 });
    await expect(page.getByRole('progressbar')).toHaveAttribute('value', '75');

    // In Chinese too: the language switch works on this screen.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '正在升级数据库' })).toBeVisible();

    open();
    const core = await opened;
    try {
      await expect(page.getByLabel('用户名')).toBeVisible();
    } finally {
      await core.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
