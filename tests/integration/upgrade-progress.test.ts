import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contract } from '../../shared/contract';
import { kyselyOver, openSqlite } from '../../electron/core/db/connection';
import { migrate, schemaVersionOf, type UpgradeProgress } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations/types';
import { openCore, type Core } from '../../electron/core/core';
import { ManualClock } from '../../electron/core/clock';
import { StartupProgress } from '../../electron/core/startup-progress';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempFile(): string {
  const dir = makeTempDir('baydesk-upgrade-');
  dirs.push(dir);
  return join(dir, 'baydesk.sqlite');
}

const ROWS = 1000;
const CHUNK = 100;

/** A table of facts and, in a later migration, the per-bucket summary a backfill fills from them in chunks. */
const facts: Migration = {
  name: 'test-facts',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE facts (id INTEGER PRIMARY KEY, bucket INTEGER NOT NULL, amount INTEGER NOT NULL)`.execute(db);
  },
};

/** The summary migration; `failAtChunk` makes the machine "stop" there, once. */
function summary(calls: { steps: number; failAtChunk: number | null }): Migration {
  return {
    name: 'test-summary',
    async up(db) {
      await sql`CREATE TABLE bucket_totals (bucket INTEGER PRIMARY KEY, amount INTEGER NOT NULL)`.execute(db);
    },
    backfill: {
      async total(db) {
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM facts`.execute(db);
        return rows[0]!.n;
      },
      async step(db, cursor) {
        calls.steps++;
        if (calls.failAtChunk !== null && calls.steps === calls.failAtChunk) {
          calls.failAtChunk = null;
          throw new Error('power cut');
        }
        const after = cursor === null ? 0 : Number(cursor);
        const { rows } = await sql<{ last: number | null; n: number }>`
          SELECT max(id) AS last, count(*) AS n FROM (SELECT id FROM facts WHERE id > ${after} ORDER BY id LIMIT ${CHUNK})`.execute(
          db,
        );
        const { last, n } = rows[0]!;
        if (last === null) return null;
        await sql`INSERT INTO bucket_totals (bucket, amount)
                  SELECT bucket, sum(amount) FROM facts WHERE id > ${after} AND id <= ${last} GROUP BY bucket
                  ON CONFLICT (bucket) DO UPDATE SET amount = amount + excluded.amount`.execute(db);
        return { cursor: String(last), done: n };
      },
    },
  };
}

async function fileWithFacts(file: string): Promise<void> {
  const sqlite = openSqlite(file);
  const db = kyselyOver(sqlite);
  await migrate(sqlite, db as never, file, [facts]);
  const insert = sqlite.prepare('INSERT INTO facts (id, bucket, amount) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (let id = 1; id <= ROWS; id++) insert.run(id, id % 7, id);
  })();
  await db.destroy();
}

function totalsOf(file: string): Record<number, number> {
  const sqlite = openSqlite(file);
  const rows = sqlite.prepare('SELECT bucket, amount FROM bucket_totals ORDER BY bucket').all() as {
    bucket: number;
    amount: number;
  }[];
  sqlite.close();
  return Object.fromEntries(rows.map((row) => [row.bucket, row.amount]));
}

function expectedTotals(): Record<number, number> {
  const totals: Record<number, number> = {};
  for (let id = 1; id <= ROWS; id++) totals[id % 7] = (totals[id % 7] ?? 0) + id;
  return totals;
}

describe('upgrading a file that holds years of data', () => {
  it('fills a new summary in chunks, telling its progress, and the result equals the facts', async () => {
    const file = tempFile();
    await fileWithFacts(file);
    const calls = { steps: 0, failAtChunk: null };
    const seen: UpgradeProgress[] = [];
    const sqlite = openSqlite(file);
    const db = kyselyOver(sqlite);
    const result = await migrate(sqlite, db as never, file, [facts, summary(calls)], { onProgress: (p) => seen.push(p) });
    await db.destroy();

    expect(result).toMatchObject({ from: 1, to: 2 });
    expect(totalsOf(file)).toEqual(expectedTotals());
    // Ten chunks of a hundred rows, and one more that finds nothing left.
    expect(calls.steps).toBe(ROWS / CHUNK + 1);
    const backfill = seen.filter((p) => p.phase === 'backfill');
    expect(backfill[0]).toEqual({ phase: 'backfill', migration: 'test-summary', done: 0, total: ROWS });
    expect(backfill.map((p) => p.done)).toEqual([...backfill.map((p) => p.done)].sort((a, b) => a - b));
    expect(backfill.at(-1)).toMatchObject({ done: ROWS, total: ROWS });
    // The copy kept before the upgrade, and the statistics refreshed after it.
    expect(seen.map((p) => p.phase)).toContain('copy');
    expect(seen.at(-1)).toMatchObject({ phase: 'optimize', done: 1 });
  });

  it('a machine that stops halfway resumes at the last finished chunk, and nothing is counted twice', async () => {
    const file = tempFile();
    await fileWithFacts(file);
    const calls = { steps: 0, failAtChunk: 4 as number | null };
    const first = openSqlite(file);
    const firstDb = kyselyOver(first);
    await expect(migrate(first, firstDb as never, file, [facts, summary(calls)])).rejects.toThrow('power cut');
    // The schema step is in, three chunks are done and remembered; the fourth left nothing behind.
    expect(schemaVersionOf(first)).toBe(2);
    expect(first.prepare('SELECT cursor, done, finished_at FROM schema_backfills').get()).toEqual({
      cursor: '300',
      done: 300,
      finished_at: null,
    });
    await firstDb.destroy();

    // Started again: the backfill carries on from row 301 (chunks 4 to 10, then the empty one).
    calls.steps = 0;
    const again = openSqlite(file);
    const againDb = kyselyOver(again);
    const seen: UpgradeProgress[] = [];
    await migrate(again, againDb as never, file, [facts, summary(calls)], { onProgress: (p) => seen.push(p) });
    expect(calls.steps).toBe(ROWS / CHUNK - 3 + 1);
    expect(seen.find((p) => p.phase === 'backfill')).toMatchObject({ done: 300, total: ROWS });
    expect(again.prepare('SELECT finished_at IS NOT NULL AS finished FROM schema_backfills').get()).toEqual({ finished: 1 });
    await againDb.destroy();
    expect(totalsOf(file)).toEqual(expectedTotals());

    // A third start has nothing to do.
    calls.steps = 0;
    const third = openSqlite(file);
    const thirdDb = kyselyOver(third);
    expect(await migrate(third, thirdDb as never, file, [facts, summary(calls)])).toEqual({ from: 2, to: 2, backup: null });
    expect(calls.steps).toBe(0);
    await thirdDb.destroy();
  });

  it('a restart after a stop halfway keeps the copy of the file as it was before the upgrade began', async () => {
    const later: Migration = {
      name: 'test-later',
      async up(db) {
        await sql`CREATE TABLE later_things (id INTEGER PRIMARY KEY)`.execute(db);
      },
    };
    const file = tempFile();
    await fileWithFacts(file);
    const calls = { steps: 0, failAtChunk: 4 as number | null };
    const first = openSqlite(file);
    const firstDb = kyselyOver(first);
    await expect(migrate(first, firstDb as never, file, [facts, summary(calls), later])).rejects.toThrow('power cut');
    await firstDb.destroy();
    const backup = `${file}.before-schema-3.bak`;
    const before = (): { version: number; summary: number } => {
      const copy = openSqlite(backup);
      const result = {
        version: schemaVersionOf(copy),
        summary: (copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'bucket_totals'").get() as { n: number }).n,
      };
      copy.close();
      return result;
    };
    expect(before()).toEqual({ version: 1, summary: 0 });

    // Started again at schema 2 of 3: the copy aside is still the untouched file, not the half-upgraded one.
    const again = openSqlite(file);
    const againDb = kyselyOver(again);
    expect(await migrate(again, againDb as never, file, [facts, summary(calls), later])).toMatchObject({
      from: 2,
      to: 3,
      backup,
    });
    await againDb.destroy();
    expect(before()).toEqual({ version: 1, summary: 0 });
    expect(totalsOf(file)).toEqual(expectedTotals());
  });

  it('backfills without an fsync per chunk, and a desk writing after the upgrade is durable again', async () => {
    const file = tempFile();
    await fileWithFacts(file);
    const sqlite = openSqlite(file);
    const db = kyselyOver(sqlite);
    const settings = () => ({
      synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
      cacheSize: Number(sqlite.pragma('cache_size', { simple: true })),
      walAutocheckpoint: Number(sqlite.pragma('wal_autocheckpoint', { simple: true })),
    });
    const before = settings();
    expect(before.synchronous).toBe(2);
    const during: ReturnType<typeof settings>[] = [];
    const calls = { steps: 0, failAtChunk: null };
    const measured = summary(calls);
    const step = measured.backfill!.step;
    measured.backfill!.step = async (trx, cursor) => {
      during.push(settings());
      return step(trx, cursor);
    };
    await migrate(sqlite, db as never, file, [facts, measured]);
    // During the upgrade: NORMAL (a chunk lost to a power cut is lost with its cursor and done again), a big cache.
    expect(during[0]).toMatchObject({ synchronous: 1 });
    // cache_size in KiB is negative: the more negative, the bigger.
    expect(during[0]!.cacheSize).toBeLessThan(before.cacheSize);
    // After it: the connection the core serves desks with is as openSqlite made it (FULL: every commit fsynced).
    expect(settings()).toEqual(before);
    await db.destroy();
    expect(totalsOf(file)).toEqual(expectedTotals());
  });

  it('every real migration upgrades an empty file to the newest schema with no backfill left pending', async () => {
    const file = tempFile();
    const core = await openCore({ file, clock: new ManualClock(FIXED_NOW) });
    closers.push(() => core.close());
    expect(schemaVersionOf(core.deps.sqlite)).toBe(MIGRATIONS.length);
    expect(core.deps.sqlite.prepare('SELECT count(*) AS n FROM schema_backfills WHERE finished_at IS NULL').get()).toEqual({
      n: 0,
    });
  });
});

describe('a desk that connects while the core upgrades', () => {
  function httpClient(server: RunningServer): ContractRouterClient<Contract> {
    return createORPCClient(new RPCLink({ url: `${server.url}/rpc` }));
  }

  it('is told the progress, is refused anything else with a typed reason, and is served once the core is open', async () => {
    const file = tempFile();
    await fileWithFacts(file);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls = { steps: 0, failAtChunk: null };
    const slow = summary(calls);
    // The third chunk waits for the test: the core is mid-backfill while the desk asks.
    const step = slow.backfill!.step;
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    slow.backfill!.step = async (db, cursor) => {
      if (calls.steps === 2) {
        reachedGate();
        await gate;
      }
      return step(db, cursor);
    };

    const opening = new StartupProgress();
    const opened = (async () => {
      const sqlite = openSqlite(file);
      const db = kyselyOver(sqlite);
      await migrate(sqlite, db as never, file, [facts, slow], { onProgress: opening.report });
      await db.destroy();
      // The real core, on a file of its own: what matters here is the server switching over once it is open.
      return openCore({ file: tempFile(), clock: new ManualClock(FIXED_NOW) });
    })();
    const server = await startHttpServer({ core: opened, opening, port: 0, staticDir: null });
    closers.push(() => server.close());
    await atGate;

    const client = httpClient(server);
    expect(await client.settings.startupStatus({})).toEqual({
      ready: false,
      upgrade: { phase: 'backfill', migration: 'test-summary', done: 200, total: ROWS, percent: 20 },
    });
    await expectApiError(client.users.status({}), 'INTERNAL', { reason: 'startup.upgrading' });

    release();
    const core: Core = await opened;
    closers.push(() => core.close());
    expect(await client.settings.startupStatus({})).toEqual({ ready: true, upgrade: null });
    expect(await client.users.status({})).toEqual({ needsSetup: true, demo: null });
  });
});
