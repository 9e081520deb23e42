import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { backupsDir } from '../../electron/core/backups/service';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer } from '../fixtures/factories';
import { ADMIN, PASSWORD, signIn } from '../fixtures/users';

/** Issue 14 item 8: a backup edited outside BayDesk, or carried in from elsewhere, is not restored without a word. */

let t: TestCore;
let server: RunningServer;
let manager: RouterClient<Router>;

function overHttp(token?: string): RouterClient<Router> {
  return createORPCClient(
    new RPCLink({ url: `${server.url}/rpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
  );
}

function backupFiles(): string[] {
  const dir = backupsDir(t.core.deps);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.sqlite'))
        .sort()
    : [];
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** What an attacker does with the file: adds an administrator, copying the columns of an existing user's row. */
function addAdministrator(file: string, username: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    const columns = (db.pragma('table_info(users)') as { name: string }[]).map((c) => c.name).filter((name) => name !== 'id');
    const values = columns.map((name) =>
      name === 'username' ? '?' : name === 'role' ? "'admin'" : name === 'active' ? '1' : name,
    );
    db.prepare(`INSERT INTO users (${columns.join(', ')}) SELECT ${values.join(', ')} FROM users WHERE username = 'admin'`).run(
      username,
    );
  } finally {
    db.close();
  }
}

function usersNamed(username: string): number {
  return (t.core.deps.sqlite.prepare('SELECT count(*) AS n FROM users WHERE username = ?').get(username) as { n: number }).n;
}

beforeEach(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  const { token } = await signIn(t.core, 'manager', 'boss');
  manager = overHttp(token);
});
afterEach(async () => {
  await server?.close();
  await t?.close();
});

describe('a backup that was tampered with is not restored (over HTTP)', () => {
  it('a backup file edited to add an administrator is refused as tampered: nothing changes, no before-restore copy', async () => {
    const backup = await manager.backups.backupNow({});
    const file = join(backupsDir(t.core.deps), backup.name);
    addAdministrator(file, 'intruder');
    const customers = countRows(t.core, 'customers');
    const filesBefore = backupFiles();

    await expectApiError(manager.backups.restore({ name: backup.name, confirm: true }), 'RULE', {
      field: 'name',
      reason: 'backup.tampered',
    });
    // Not even with an administrator's password: the file is not what this BayDesk wrote.
    await expectApiError(manager.backups.restore({ name: backup.name, confirm: true, adminPassword: ADMIN.password }), 'RULE', {
      field: 'name',
      reason: 'backup.tampered',
    });

    expect(usersNamed('intruder')).toBe(0);
    expect(countRows(t.core, 'customers')).toBe(customers);
    expect(backupFiles()).toEqual(filesBefore);
    // The manager is still signed in: no restore happened.
    expect((await manager.backups.list({})).map((row) => row.name)).toEqual([backup.name]);
  });

  it("a manifest edited to carry the tampered file's new hash fails its signature: the file counts as from elsewhere", async () => {
    const backup = await manager.backups.backupNow({});
    expect(backup.origin).toBe('ours');
    const dir = backupsDir(t.core.deps);
    const file = join(dir, backup.name);
    addAdministrator(file, 'intruder');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      backups: Record<string, { sha256?: string }>;
    };
    expect(manifest.backups[backup.name]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    manifest.backups[backup.name]!.sha256 = sha256(file);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));

    expect((await manager.backups.list({})).find((row) => row.name === backup.name)?.origin).toBe('elsewhere');
    const filesBefore = backupFiles();
    await expectApiError(manager.backups.restore({ name: backup.name, confirm: true }), 'RULE', {
      field: 'adminPassword',
      reason: 'backup.adminPasswordRequired',
    });
    await expectApiError(
      manager.backups.restore({ name: backup.name, confirm: true, adminPassword: 'not the password' }),
      'RULE',
      {
        field: 'adminPassword',
        reason: 'backup.adminPasswordWrong',
      },
    );
    // The manager's own password is not an administrator's.
    await expectApiError(manager.backups.restore({ name: backup.name, confirm: true, adminPassword: PASSWORD }), 'RULE', {
      field: 'adminPassword',
      reason: 'backup.adminPasswordWrong',
    });
    expect(usersNamed('intruder')).toBe(0);
    expect(backupFiles()).toEqual(filesBefore);

    // The next backup signs the manifest again, but never the edited hash: that entry stays untrusted.
    await manager.backups.backupNow({});
    expect((await manager.backups.list({})).find((row) => row.name === backup.name)?.origin).toBe('elsewhere');
  });

  it('a file copied in from elsewhere needs the administrator typed password, is then restored and audited', async () => {
    // Another BayDesk's backup (a valid database of its own, with a customer this one does not have).
    const other = await openTestCore();
    let foreignName: string;
    let foreignHash: string;
    let theirCustomer: string;
    try {
      const theirManager = await signIn(other.core, 'manager', 'boss2');
      theirCustomer = (await makeCustomer(theirManager.client)).name;
      const theirs = await theirManager.client.backups.backupNow({});
      foreignName = 'baydesk-20261120-020000-manual.sqlite';
      const into = backupsDir(t.core.deps);
      await manager.backups.backupNow({}); // creates the folder and a manifest of our own
      copyFileSync(join(backupsDir(other.core.deps), theirs.name), join(into, foreignName));
      foreignHash = sha256(join(into, foreignName));
    } finally {
      await other.close();
    }

    expect((await manager.backups.list({})).find((row) => row.name === foreignName)).toMatchObject({ origin: 'elsewhere' });
    const filesBefore = backupFiles();
    await expectApiError(manager.backups.restore({ name: foreignName, confirm: true }), 'RULE', {
      field: 'adminPassword',
      reason: 'backup.adminPasswordRequired',
    });
    await expectApiError(
      manager.backups.restore({ name: foreignName, confirm: true, adminPassword: 'wrong password here' }),
      'RULE',
      {
        field: 'adminPassword',
        reason: 'backup.adminPasswordWrong',
      },
    );
    expect(backupFiles()).toEqual(filesBefore);
    expect(usersNamed('boss2')).toBe(0);

    const result = await manager.backups.restore({ name: foreignName, confirm: true, adminPassword: ADMIN.password });
    expect(result.restored).toBe(foreignName);
    expect(usersNamed('boss2')).toBe(1);

    // Signed out; their manager signs in on the restored data and finds the restore in the audit trail.
    const session = await overHttp().users.login({ username: 'boss2', password: PASSWORD });
    const theirs = overHttp(session.token);
    expect(t.core.deps.sqlite.prepare('SELECT count(*) AS n FROM customers WHERE name = ?').get(theirCustomer)).toEqual({ n: 1 });
    const trail = await theirs.audit.list({ entity: 'backup' });
    expect(trail.rows).toHaveLength(1);
    expect(trail.rows[0]).toMatchObject({
      entity: 'backup',
      action: 'backup.restoredFromElsewhere',
      user: { displayName: expect.any(String) },
      details: { label: foreignName, values: { sha256: foreignHash, confirmedBy: ADMIN.username } },
    });
  });

  it('a manifest written before backups were signed trusts none of its entries; the key is private to the data folder', async () => {
    const backup = await manager.backups.backupNow({});
    const dir = backupsDir(t.core.deps);
    expect(statSync(join(dirname(t.file), 'backup-key')).mode & 0o777).toBe(0o600);
    // As an older BayDesk wrote it: no signature, no hashes.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      backups: Record<string, { sha256?: string }>;
    };
    delete manifest.backups[backup.name]!.sha256;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ backups: manifest.backups }, null, 2));
    expect((await manager.backups.list({}))[0]).toMatchObject({ name: backup.name, origin: 'elsewhere', verified: true });
    await expectApiError(manager.backups.restore({ name: backup.name, confirm: true }), 'RULE', {
      field: 'adminPassword',
      reason: 'backup.adminPasswordRequired',
    });
  });

  it('an untouched backup restores as before, with no administrator password', async () => {
    const kept = await makeCustomer(manager);
    const backup = await manager.backups.backupNow({});
    t.clock.advance(3600_000);
    await makeCustomer(manager);
    const result = await manager.backups.restore({ name: backup.name, confirm: true });
    expect(result).toEqual({ restored: backup.name, beforeRestore: 'baydesk-20261124-030000-before-restore.sqlite' });
    const session = await overHttp().users.login({ username: 'boss', password: PASSWORD });
    const again = overHttp(session.token);
    expect((await again.customers.get({ id: kept.id })).name).toBe(kept.name);
    // Our own restores are not "from elsewhere": nothing in the trail.
    expect((await again.audit.list({ entity: 'backup' })).rows).toEqual([]);
  });
});
