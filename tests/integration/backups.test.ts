import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readManifest, writeManifest, type Manifest } from '../../electron/core/backups/backup-files';
import { backupIfDue, backupsDir } from '../../electron/core/backups/service';
import { startBackupSchedule } from '../../electron/core/backups/schedule';
import { openTestCore, countRows, type TestCore } from '../fixtures/core';
import { apiError, expectApiError } from '../fixtures/errors';
import { customerData, makeCustomer } from '../fixtures/factories';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

function readOnly(file: string): BetterSqlite3.Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true });
}

function backupFiles(t: TestCore): string[] {
  const dir = backupsDir(t.core.deps);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.sqlite'))
        .sort()
    : [];
}

describe('backups', () => {
  let t: TestCore;
  let manager: SignedIn;

  beforeEach(async () => {
    t = await openTestCore();
    manager = await signIn(t.core, 'manager', 'boss');
  });
  afterEach(async () => {
    await t.close();
  });

  it('only the manager may list, back up or restore; the admin and the desks are refused', async () => {
    const advisor = await signIn(t.core, 'advisor');
    const admin = await signIn(t.core, 'admin');
    for (const who of [advisor, admin]) {
      await expectApiError(who.client.backups.list({}), 'FORBIDDEN');
      await expectApiError(who.client.backups.lastGood({}), 'FORBIDDEN');
      await expectApiError(who.client.backups.backupNow({}), 'FORBIDDEN');
      await expectApiError(
        who.client.backups.restore({ name: 'baydesk-20261124-020000-manual.sqlite', confirm: true }),
        'FORBIDDEN',
      );
    }
    await expectApiError(t.core.client().backups.backupNow({}), 'UNAUTHENTICATED');
    expect(backupFiles(t)).toEqual([]);
  });

  it('a manual backup is checked, listed and becomes the last good backup, which turns stale after two days', async () => {
    expect(await manager.client.backups.lastGood({})).toEqual({ backup: null, ageHours: null, stale: true });
    const made = await manager.client.backups.backupNow({});
    expect(made).toMatchObject({ name: 'baydesk-20261124-020000-manual.sqlite', kind: 'manual', verified: true, problem: null });
    expect(made.sizeBytes).toBe(statSync(join(backupsDir(t.core.deps), made.name)).size);
    expect(await manager.client.backups.list({})).toEqual([made]);
    expect(await manager.client.backups.lastGood({})).toEqual({ backup: made, ageHours: 0, stale: false });

    // The check result is recorded in the manifest next to the backups.
    const manifest = JSON.parse(readFileSync(join(backupsDir(t.core.deps), 'manifest.json'), 'utf8'));
    expect(manifest.backups[made.name]).toMatchObject({ verified: true, kind: 'manual' });

    // A second click in the same second gets a name of its own.
    const again = await manager.client.backups.backupNow({});
    expect(again.name).toBe('baydesk-20261124-020000-2-manual.sqlite');

    // Sessions run out over two days: the manager signs in again to look.
    t.clock.advance(47 * 3600_000);
    const later = t.core.client((await t.core.client().users.login({ username: 'boss', password: PASSWORD })).token);
    expect(await later.backups.lastGood({})).toMatchObject({ ageHours: 47, stale: false });
    t.clock.advance(3600_000);
    expect(await later.backups.lastGood({})).toMatchObject({ ageHours: 48, stale: true });
  });

  it('a backup taken while the desks keep writing is a consistent copy', async () => {
    for (let i = 0; i < 30; i++) await makeCustomer(manager.client);
    const before = countRows(t.core, 'customers');
    const writes = Array.from({ length: 30 }, () => makeCustomer(manager.client));
    const backup = manager.client.backups.backupNow({});
    const more = Array.from({ length: 30 }, () => makeCustomer(manager.client));
    const [made] = await Promise.all([backup, Promise.all(writes), Promise.all(more)]);
    // Every write was acknowledged while the backup ran.
    expect(countRows(t.core, 'customers')).toBe(before + 60);
    expect(made.verified).toBe(true);

    const copy = readOnly(join(backupsDir(t.core.deps), made.name));
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const customers = (copy.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
      expect(customers).toBeGreaterThanOrEqual(before);
      expect(customers).toBeLessThanOrEqual(before + 60);
      // Each customer was written with its phone in one transaction: the copy never holds one without the other.
      const orphans = copy
        .prepare(
          'SELECT count(*) AS n FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id)',
        )
        .get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      copy.close();
    }
  });

  it('the daily schedule backs up at start, then once the last good backup is a day old', async () => {
    const schedule = startBackupSchedule(t.core.deps, 3600_000);
    schedule.stop();
    await schedule.check();
    expect(backupFiles(t)).toEqual(['baydesk-20261124-020000-daily.sqlite']);
    // The hourly checks of the same day find nothing due.
    t.clock.advance(23 * 3600_000);
    await schedule.check();
    expect(backupFiles(t)).toHaveLength(1);
    t.clock.advance(3600_000);
    await schedule.check();
    expect(backupFiles(t)).toEqual(['baydesk-20261124-020000-daily.sqlite', 'baydesk-20261125-020000-daily.sqlite']);
  });

  it('retention keeps the newest of the last 7 days, 4 weeks and 12 months, the last 10 manual backups, and prunes the rest', async () => {
    // 65 earlier daily backups (one a day at 10:00 desk time, 20 Sep to 23 Nov) and 12 manual ones, as files the core recorded.
    const first = await manager.client.backups.backupNow({});
    const dir = backupsDir(t.core.deps);
    const manifest: Manifest = {};
    const entry = (kind: 'daily' | 'manual', createdAt: string) => ({
      kind,
      createdAt,
      sizeBytes: 1,
      verified: true,
      problem: null,
      schemaVersion: 1,
    });
    for (let day = 0; day < 65; day++) {
      const at = new Date(Date.parse('2026-09-20T02:00:00.000Z') + day * 86_400_000).toISOString();
      const name = `baydesk-${at.slice(0, 10).replaceAll('-', '')}-020000-daily.sqlite`;
      copyFileSync(join(dir, first.name), join(dir, name));
      manifest[name] = entry('daily', at);
    }
    for (let n = 1; n <= 12; n++) {
      const name = `baydesk-202611${String(n).padStart(2, '0')}-090000-manual.sqlite`;
      copyFileSync(join(dir, first.name), join(dir, name));
      manifest[name] = entry('manual', `2026-11-${String(n).padStart(2, '0')}T09:00:00.000Z`);
    }
    // A failed daily backup is never kept; a file copied in by hand (not recorded) is left alone.
    writeFileSync(join(dir, 'baydesk-20261122-030000-daily.sqlite'), 'garbage');
    manifest['baydesk-20261122-030000-daily.sqlite'] = {
      ...entry('daily', '2026-11-22T03:00:00.000Z'),
      verified: false,
      problem: 'corrupt',
    };
    copyFileSync(join(dir, first.name), join(dir, 'baydesk-20250101-000000-manual.sqlite'));
    rmSync(join(dir, first.name));
    writeManifest(dir, manifest);

    // Today's daily backup (24 Nov) applies the retention.
    expect((await backupIfDue(t.core.deps))?.name).toBe('baydesk-20261124-020000-daily.sqlite');
    const files = backupFiles(t);
    const daily = files.filter((name) => name.endsWith('-daily.sqlite')).map((name) => name.slice(8, 16));
    expect(daily).toEqual([
      '20260930', // newest of September
      '20261031', // newest of October
      '20261108', // newest of the week of 2 Nov
      '20261115', // newest of the week of 9 Nov
      '20261118',
      '20261119',
      '20261120',
      '20261121',
      '20261122', // also the newest of the week of 16 Nov
      '20261123',
      '20261124', // also the newest of this week and of November
    ]);
    const manual = files.filter((name) => name.endsWith('-manual.sqlite')).map((name) => name.slice(8, 16));
    expect(manual).toEqual([
      '20250101',
      '20261103',
      '20261104',
      '20261105',
      '20261106',
      '20261107',
      '20261108',
      '20261109',
      '20261110',
      '20261111',
      '20261112',
    ]);
    // The records follow the files.
    expect(Object.keys(readManifest(dir)).sort()).toEqual(
      files.filter((name) => name !== 'baydesk-20250101-000000-manual.sqlite'),
    );
  });

  it('a garbage, damaged or too new backup is refused for restore with its reason, and nothing changes', async () => {
    const customer = await makeCustomer(manager.client);
    const good = await manager.client.backups.backupNow({});
    const dir = backupsDir(t.core.deps);

    writeFileSync(join(dir, 'baydesk-20261120-020000-daily.sqlite'), 'this is not a database, just some text '.repeat(200));
    const half = readFileSync(join(dir, good.name));
    writeFileSync(join(dir, 'baydesk-20261121-020000-daily.sqlite'), half.subarray(0, Math.floor(half.length / 2)));
    copyFileSync(join(dir, good.name), join(dir, 'baydesk-20261122-020000-daily.sqlite'));
    const newer = new BetterSqlite3(join(dir, 'baydesk-20261122-020000-daily.sqlite'));
    newer.pragma('user_version = 999');
    newer.close();
    writeFileSync(join(dir, 'baydesk-20261123-020000-daily.sqlite'), '');

    await makeCustomer(manager.client);
    const customersBefore = countRows(t.core, 'customers');
    const filesBefore = backupFiles(t);
    const cases: [string, string][] = [
      ['baydesk-20261120-020000-daily.sqlite', 'backup.corrupt'],
      ['baydesk-20261121-020000-daily.sqlite', 'backup.corrupt'],
      ['baydesk-20261122-020000-daily.sqlite', 'backup.tooNew'],
      ['baydesk-20261123-020000-daily.sqlite', 'backup.noSchema'],
    ];
    for (const [name, reason] of cases) {
      await expectApiError(manager.client.backups.restore({ name, confirm: true }), 'RULE', { field: 'name', reason });
    }
    await expectApiError(
      manager.client.backups.restore({ name: 'baydesk-20261119-020000-daily.sqlite', confirm: true }),
      'NOT_FOUND',
    );
    await expectApiError(manager.client.backups.restore({ name: '../baydesk.sqlite', confirm: true }), 'INVALID_INPUT', {
      field: 'name',
      reason: 'backup.name',
    });
    await expectApiError(manager.client.backups.restore({ name: good.name, confirm: false }), 'INVALID_INPUT', {
      field: 'confirm',
      reason: 'backup.confirm',
    });

    // Nothing changed: the same data, the same files (no before-restore copy), the manager still signed in.
    expect(countRows(t.core, 'customers')).toBe(customersBefore);
    expect(backupFiles(t)).toEqual(filesBefore);
    expect((await manager.client.customers.get({ id: customer.id })).name).toBe(customer.name);
  });

  it('restore brings the data back as it was at the backup, keeps a before-restore copy and signs everyone out', async () => {
    const advisor = await signIn(t.core, 'advisor', 'desk1');
    const kept = await makeCustomer(advisor.client);
    const backup = await manager.client.backups.backupNow({});

    t.clock.advance(3600_000);
    const later = await makeCustomer(advisor.client);
    await advisor.client.customers.update({ ...customerData(1, { name: '改过的名字' }), id: kept.id, version: kept.version });
    const customersAfterBackup = countRows(t.core, 'customers');

    const result = await manager.client.backups.restore({ name: backup.name, confirm: true });
    expect(result.restored).toBe(backup.name);
    expect(result.beforeRestore).toBe('baydesk-20261124-030000-before-restore.sqlite');

    // Every desk signs in again.
    await expectApiError(manager.client.customers.get({ id: kept.id }), 'UNAUTHENTICATED');
    await expectApiError(advisor.client.customers.get({ id: kept.id }), 'UNAUTHENTICATED');
    const session = await t.core.client().users.login({ username: 'boss', password: PASSWORD });
    const again = t.core.client(session.token);

    // The data as it was at the backup: the renamed customer has its old name, the later one is gone.
    expect((await again.customers.get({ id: kept.id })).name).toBe(kept.name);
    expect((await apiError(again.customers.get({ id: later.id }))).code).toBe('NOT_FOUND');
    expect(countRows(t.core, 'customers')).toBe(customersAfterBackup - 1);
    expect(t.core.deps.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // The database as it was before the restore is kept, checked, and holds the later customer.
    const listed = await again.backups.list({});
    expect(listed.find((row) => row.name === result.beforeRestore)).toMatchObject({ kind: 'before-restore', verified: true });
    const before = readOnly(join(backupsDir(t.core.deps), result.beforeRestore));
    try {
      expect(before.prepare('SELECT name FROM customers WHERE id = ?').get(later.id)).toEqual({ name: later.name });
    } finally {
      before.close();
    }

    // The desk keeps working on the restored database.
    const fresh = await makeCustomer(again);
    expect((await again.customers.get({ id: fresh.id })).name).toBe(fresh.name);
  });
});
