import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { openCore, type Core } from '../../electron/core/core';
import { kyselyOver, openSqlite } from '../../electron/core/db/connection';
import { DatabaseTooNewError, migrate, schemaVersionOf } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { hashPassword } from '../../electron/core/users/password';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';

const TABLES = [
  'users',
  'sessions',
  'settings',
  'customers',
  'customer_phones',
  'customer_notes',
  'vehicles',
  'vehicle_ownerships',
  'vehicle_mileage',
];
const OLD_USER = { username: 'veteran', password: 'kept-across-upgrades' };

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempFile(): string {
  const dir = makeTempDir('baydesk-migrate-');
  dirs.push(dir);
  return join(dir, 'baydesk.sqlite');
}

async function open(file: string): Promise<Core> {
  const core = await openCore({ file, clock: new ManualClock(FIXED_NOW) });
  cores.push(core);
  return core;
}

function tablesOf(sqlite: ReturnType<typeof openSqlite>): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
}

/** A file as an older BayDesk left it: the first `version` migrations, and whatever rows that schema can hold. */
async function buildFileAtVersion(file: string, version: number): Promise<{ rows: string[] }> {
  const sqlite = openSqlite(file);
  const db = kyselyOver(sqlite);
  await migrate(sqlite, db as never, file, MIGRATIONS.slice(0, version));
  expect(schemaVersionOf(sqlite)).toBe(version);
  const tables = tablesOf(sqlite);
  const rows: string[] = [];
  if (tables.includes('users')) {
    sqlite
      .prepare(
        'INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(OLD_USER.username, 'Veteran Admin', 'admin', await hashPassword(OLD_USER.password), FIXED_NOW, FIXED_NOW);
    rows.push('users');
  }
  if (tables.includes('settings')) {
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('dealer.name', '北京东方汽车服务');
    rows.push('settings');
  }
  if (tables.includes('customers')) {
    sqlite
      .prepare(
        'INSERT INTO customers (kind, name, name_key, preferred_contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('person', '老客户', '老客户', 'phone', FIXED_NOW, FIXED_NOW);
    rows.push('customers');
  }
  await db.destroy();
  return { rows };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('migrations', () => {
  it('a new file is migrated to the newest schema with every table, and no backup (nothing to lose)', async () => {
    const file = tempFile();
    const core = await open(file);
    expect(schemaVersionOf(core.deps.sqlite)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(tablesOf(core.deps.sqlite)).toEqual(expect.arrayContaining(TABLES));
    expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.bak'))).toEqual([]);
    // The file is usable at once: first-run set-up is offered.
    expect(await core.client().users.status()).toEqual({ needsSetup: true, demo: null });
  });

  it('opening a file already at the newest version changes nothing and makes no backup', async () => {
    const file = tempFile();
    await (await open(file)).close();
    cores.length = 0;
    const core = await open(file);
    expect(schemaVersionOf(core.deps.sqlite)).toBe(SCHEMA_VERSION);
    expect(existsSync(`${file}.before-schema-${SCHEMA_VERSION}.bak`)).toBe(false);
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, k) => k))(
    'a file at schema %i is brought to the newest schema, keeps its data, and is backed up first when it held data',
    async (k) => {
      const file = tempFile();
      const { rows } = await buildFileAtVersion(file, k);

      const core = await open(file);
      expect(schemaVersionOf(core.deps.sqlite)).toBe(SCHEMA_VERSION);
      expect(tablesOf(core.deps.sqlite)).toEqual(expect.arrayContaining(TABLES));

      const backup = `${file}.before-schema-${SCHEMA_VERSION}.bak`;
      if (rows.length > 0) {
        // The person who used the old version can still sign in with the same password.
        const session = await core.client().users.login(OLD_USER);
        expect(session.user).toMatchObject({ username: OLD_USER.username, role: 'admin' });
        expect(await core.client().users.status()).toMatchObject({ needsSetup: false });
        expect(core.deps.sqlite.prepare("SELECT value FROM settings WHERE key = 'dealer.name'").pluck().get()).toBe(
          '北京东方汽车服务',
        );
        if (rows.includes('customers')) {
          expect(await core.client(session.token).customers.lookup({ q: '老客户' })).toMatchObject({
            rows: [{ customerName: '老客户' }],
          });
        }

        expect(existsSync(backup)).toBe(true);
        // The backup is the file as it was: the old version, with the data.
        const old = openSqlite(backup, { readonly: true });
        try {
          expect(schemaVersionOf(old)).toBe(k);
          expect(old.prepare('SELECT username FROM users').pluck().all()).toEqual([OLD_USER.username]);
        } finally {
          old.close();
        }
      } else {
        expect(existsSync(backup)).toBe(false);
        expect(await core.client().users.status()).toMatchObject({ needsSetup: true });
      }
    },
  );

  it('a file from a newer BayDesk is refused with DatabaseTooNewError and left exactly as it was', async () => {
    const file = tempFile();
    await buildFileAtVersion(file, SCHEMA_VERSION);
    const sqlite = openSqlite(file);
    sqlite.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    sqlite.close();
    const before = sha256(file);

    const attempt = openCore({ file, clock: new ManualClock(FIXED_NOW) });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(attempt).rejects.toThrow(/newer BayDesk/);

    expect(sha256(file)).toBe(before);
    const after = openSqlite(file, { readonly: true });
    try {
      expect(schemaVersionOf(after)).toBe(SCHEMA_VERSION + 1);
      expect(after.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    } finally {
      after.close();
    }
    expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('a migration that fails leaves the file at the last good version, with none of its changes', async () => {
    const file = tempFile();
    await buildFileAtVersion(file, SCHEMA_VERSION);
    const sqlite = openSqlite(file);
    const db = kyselyOver(sqlite);
    try {
      const broken = {
        name: '9999-broken',
        async up(trx: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) {
          await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
          throw new Error('disk full');
        },
      };
      await expect(migrate(sqlite, db as never, file, [...MIGRATIONS, broken])).rejects.toThrow('disk full');
      expect(schemaVersionOf(sqlite)).toBe(SCHEMA_VERSION);
      expect(tablesOf(sqlite)).not.toContain('half_done');
      expect(sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('the connection runs in WAL mode with foreign keys enforced', async () => {
    const core = await open(tempFile());
    expect(core.deps.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.deps.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // Enforced, not only declared: a phone for a customer that does not exist is refused by the file itself.
    expect(() =>
      core.deps.sqlite
        .prepare(
          "INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (999, '1', '1', 'mobile', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
