import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { ShiftedClock } from '../../electron/core/clock';
import type { Core } from '../../electron/core/core';
import { startCore } from '../../electron/core/startup';
import { startHttpServer } from '../../electron/server/http-server';

export interface Desk {
  /** Browser mode's address for this test's own core. */
  url: string;
  core: Core;
  /** The core's clock: `desk.clock.advanceDays(3)` lives through three days (sessions last 12 h: sign in again). */
  clock: ShiftedClock;
}

/**
 * Every test gets its own data folder, database and HTTP server (browser mode over the built renderer), so tests
 * never see each other's data. `demo: false` gives a brand-new database (first-run set-up).
 */
export const test = base.extend<{ demo: boolean; desk: Desk }, { demoDatabase: string }>({
  // Seeding the demo dealership costs seconds; each worker seeds it once and every test starts from a copy of it.
  demoDatabase: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-demo-'));
      const file = join(dir, 'demo.sqlite');
      const core = await startCore({ file, demo: true });
      await core.close(); // the last connection closing folds the WAL into the file, so one file is the whole database
      await use(file);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  demo: [true, { option: true }],
  desk: async ({ demo, demoDatabase }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-'));
    const file = join(dir, 'baydesk.sqlite');
    if (demo) copyFileSync(demoDatabase, file);
    const clock = new ShiftedClock();
    const core = await startCore({ file, demo, clock });
    const server = await startHttpServer({ core, staticDir: join(__dirname, '..', '..', 'out', 'renderer') });
    await use({ url: server.url, core, clock });
    await server.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  },
  // Depends on `desk` so that it is torn down first: the console is checked while the server still runs (closing it
  // cuts the page's live-update stream, which Chromium logs as an error the test did not cause).
  page: async ({ page, desk: _desk }, use) => {
    // A console error is a bug a user may not see but will suffer from: fail the test on one.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('the server responded with a status of'))
        errors.push(message.text());
    });
    await use(page);
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };

/** Signs in through the login screen as one of the demo users (password demo1234). */
export async function signInAs(page: Page, desk: Desk, username: string): Promise<void> {
  await page.goto(desk.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

type Table = 'users' | 'customers' | 'customer_phones' | 'customer_notes' | 'vehicles' | 'vehicle_ownerships' | 'vehicle_mileage';

/** How many rows one table of the test's own database holds: proof that a refused save wrote nothing. */
export function countRows(desk: Desk, table: Table): number {
  // The table name comes from the union above, never from input.
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** The reception look-up box (its results table carries the same accessible name, so it is found by role). */
export function lookupBox(page: Page) {
  return page.getByRole('combobox', { name: 'Look-up' });
}

/**
 * One form field: the <label data-field> that wraps its input and, when refused, its message (role alert). Found by
 * the field's name because a refused input's accessible name also carries the message.
 */
export function field(page: Page, name: string) {
  const label = page.locator(`label[data-field="${name}"]`);
  return {
    label,
    caption: label.locator('.field-label'),
    input: label.locator('input, select, textarea').first(),
    error: label.getByRole('alert'),
  };
}

/** The first demo car with a plate whose current owner's file is in use: the car a test writes its RO for. */
export function demoCar(desk: Desk): { vehicleId: number } {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where v.plate <> '' order by v.id limit 1`,
    )
    .get() as { vehicleId: number };
}
