import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDir } from '../../electron/core/backups/service';
import { expect, signInAs, test } from './fixtures';

test('a backup from elsewhere asks for an administrator password at the manager desk, refuses a wrong one, restores with it', async ({
  page,
  desk,
}) => {
  const manager = desk.core.client((await desk.core.client().users.login({ username: 'manager', password: 'demo1234' })).token);
  const ours = await manager.backups.backupNow({});
  // Copied into the folder by hand: the signed manifest has no record of it.
  const foreign = 'baydesk-20250101-000000-manual.sqlite';
  const dir = backupsDir(desk.core.deps);
  copyFileSync(join(dir, ours.name), join(dir, foreign));

  await signInAs(page, desk, 'manager');
  await page.goto(`${desk.url}/#/settings/backups`);
  const table = page.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row').filter({ hasText: ours.name })).toContainText('Made here');
  const row = table.getByRole('row').filter({ hasText: foreign });
  await expect(row).toContainText('From elsewhere');

  // Our own backup asks only "are you sure", as before.
  await table.getByRole('button', { name: `Restore ${ours.name}` }).click();
  await expect(page.getByLabel('Administrator password')).toHaveCount(0);
  await page.getByRole('button', { name: 'Keep' }).click();

  await row.getByRole('button', { name: `Restore ${foreign}` }).click();
  const question = page.getByRole('dialog', { name: /^Put the data back as it was at / });
  await expect(question).toContainText('An administrator must type their password');
  const yes = question.getByRole('button', { name: 'Yes, restore' });
  await expect(yes).toBeDisabled();
  await question.getByLabel('Administrator password').fill('not-the-password');
  await yes.click();
  await expect(page.getByRole('alert')).toContainText('not the password of an active administrator');

  await row.getByRole('button', { name: `Restore ${foreign}` }).click();
  await page
    .getByRole('dialog', { name: /^Put the data back as it was at / })
    .getByLabel('Administrator password')
    .fill('demo1234');
  await page.getByRole('button', { name: 'Yes, restore' }).click();
  // Restored: every desk signs in again.
  await expect(page.getByLabel('Username')).toBeVisible();
  const again = desk.core.client((await desk.core.client().users.login({ username: 'manager', password: 'demo1234' })).token);
  const trail = await again.audit.list({ entity: 'backup' });
  expect(trail.rows.map((entry) => entry.details.label)).toEqual([foreign]);
});
