import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CopyProgress } from '../../electron/core/backups/backup-files';
import { openCore } from '../../electron/core/core';
import * as kpiService from '../../electron/core/reports/kpis/service';
import * as csiReport from '../../electron/core/reports/csi-report/service';
import * as reports from '../../electron/core/reports/service';
import * as warrantyRisk from '../../electron/core/warranty-risk/service';
import { READERS } from '../../electron/core/workers/core-workers';
import { PoolClient, WorkerPool, type RunnerNote } from '../../electron/core/workers/pool';
import { WorkerFailedError } from '../../electron/core/workers/protocol';
import { bundledWorkerScript } from '../../electron/core/workers/script';
import { countRows, FIXED_NOW, makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { deliveredRo } from '../fixtures/delivered';
import { apiError } from '../fixtures/errors';
import { makeCustomer } from '../fixtures/factories';
import { preparePriceFile } from '../fixtures/price-files';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 13, point 3: long work runs in worker threads (electron/core/workers), so one desk's backup or report never
 * holds another desk's call. Order is asserted through events (a backup's progress, a task starting), never timings.
 */

/** Fills the file with 16 MiB that only the backup reads, so its copy takes many steps (256 pages each). */
function padDatabase(t: TestCore): void {
  t.core.deps.sqlite.exec('CREATE TABLE test_padding (bytes BLOB)');
  const insert = t.core.deps.sqlite.prepare('INSERT INTO test_padding VALUES (randomblob(65536))');
  t.core.deps.sqlite.transaction(() => {
    for (let i = 0; i < 256; i++) insert.run();
  })();
}

describe('a backup in its worker', () => {
  let t: TestCore;
  let manager: SignedIn;
  let advisor: SignedIn;

  beforeAll(async () => {
    t = await openTestCore();
    manager = await signIn(t.core, 'manager');
    advisor = await signIn(t.core, 'advisor');
    padDatabase(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lets another desk's look-up answer while it copies and while it checks, from threads of its own", async () => {
    const customer = await makeCustomer(advisor.client, { name: '备份时查找' });
    const copying: CopyProgress[] = [];
    const threads: Record<string, number | undefined> = {};
    let copyStarted!: () => void;
    let checkStarted!: () => void;
    const inCopy = new Promise<void>((resolve) => (copyStarted = resolve));
    const inCheck = new Promise<void>((resolve) => (checkStarted = resolve));
    const stop = t.core.deps.workers.maintenance.observe((note: RunnerNote) => {
      if (note.kind === 'start') threads[note.task] = note.threadId;
      if (note.kind === 'start' && note.task === 'backups.check') checkStarted();
      if (note.kind !== 'event' || note.task !== 'backups.copy') return;
      const progress = note.event as CopyProgress;
      copying.push(progress);
      if (progress.donePages < progress.totalPages) copyStarted();
    });
    let backupSettled = false;
    const backup = manager.client.backups.backupNow({}).finally(() => (backupSettled = true));
    const lookUp = async () => (await advisor.client.customers.lookup({ q: '备份时查找' })).rows.map((row) => row.customerId);

    // The copy has told part of its pages: the look-up is answered before the backup tells anything more. (The
    // look-up runs on the core's thread without yielding to the event loop, so this order needs no timing.)
    await inCopy;
    expect(await lookUp()).toContain(customer.id);
    const seen = copying[copying.length - 1]!;
    expect(seen.donePages).toBeLessThan(seen.totalPages);
    expect(backupSettled).toBe(false);

    // The full integrity check is one long statement: on the core's thread no look-up could be answered during it.
    await inCheck;
    expect(await lookUp()).toContain(customer.id);
    expect(backupSettled).toBe(false);

    const made = await backup;
    stop();
    expect(made).toMatchObject({ kind: 'manual', verified: true, problem: null });
    // Both ran in a worker thread (the core's own thread is thread 0).
    expect(threads['backups.copy']).toBeGreaterThan(0);
    expect(threads['backups.check']).toBeGreaterThan(0);
    // It went in steps: 16 MiB is 4,096 pages, at most 256 a step.
    expect(copying.length).toBeGreaterThan(16);
    expect(copying[copying.length - 1]!.donePages).toBe(copying[copying.length - 1]!.totalPages);
  });
});

describe('reports in the read worker', () => {
  let t: TestCore;
  let manager: SignedIn;

  beforeAll(async () => {
    // Two ROs delivered on 12 October (the desks' sessions last the day), read on 24 November.
    t = await openTestCore({ now: '2026-10-12T00:30:00.000Z' });
    const people = {
      advisor: await signIn(t.core, 'advisor'),
      foreman: await signIn(t.core, 'foreman'),
      technician: await signIn(t.core, 'technician'),
    };
    for (let n = 0; n < 2; n++) await deliveredRo(t, people, '2026-10-12');
    const boss = await signIn(t.core, 'manager', 'boss');
    t.clock.set(FIXED_NOW);
    const session = await t.core.client().users.login({ username: 'boss', password: PASSWORD });
    manager = { ...boss, session, token: session.token, client: t.core.client(session.token) };
  });
  afterAll(async () => {
    await t.close();
  });

  it('return exactly what the service returns on the core’s thread', async () => {
    expect(t.core.deps.workers.reads.mode).toBe('threads');
    const period = { from: '2026-10-01', to: '2026-11-23' };
    const deps = t.core.deps;
    expect(await manager.client.reports.kpis(period)).toEqual(await kpiService.kpis(deps, period));
    const trend = await manager.client.reports.kpiTrend({ to: '2026-11', months: 24 });
    expect(trend).toEqual(await kpiService.kpiTrend(deps, { to: '2026-11', months: 24 }));
    expect(trend.series.length).toBeGreaterThan(0);
    const ftf = { ...period, by: 'technician' as const };
    expect(await manager.client.reports.firstTimeFix(ftf)).toEqual(await reports.firstTimeFix(deps, ftf));
    expect(await manager.client.reports.monthlyCsi({ month: '2026-10' })).toEqual(
      await csiReport.monthlyCsi(deps, manager.session.user, { month: '2026-10' }),
    );
    const radar = { offset: 0, limit: 20, reachedOnly: false };
    expect(await manager.client.warrantyRisk.radar(radar)).toEqual(await warrantyRisk.radar(deps, radar));
  });

  it.runIf(process.platform === 'linux')(
    'run at background priority, while the thread that answers the desks keeps its own (Linux: nice per thread)',
    async () => {
      await manager.client.reports.kpiTrend({ to: '2026-11', months: 12 });
      // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value; the command name before it may hold spaces.
      const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      const nice = new Map(readdirSync('/proc/self/task').map((tid) => [tid, niceOf(tid)]));
      expect(nice.get(String(process.pid))).toBe(0);
      expect([...nice.values()].filter((n) => n === 10).length).toBeGreaterThanOrEqual(1);
    },
  );

  it('read as of the core clock’s time of the call (the worker cannot see a test’s manual clock)', async () => {
    t.clock.set('2026-10-16T00:00:00.000Z');
    try {
      const period = { from: '2026-10-01', to: '2026-10-31' };
      const early = await manager.client.reports.kpis(period);
      expect(early.asOf).toBe('2026-10-16T00:00:00.000Z');
      expect(early).toEqual(await kpiService.kpis(t.core.deps, period));
    } finally {
      t.clock.set(FIXED_NOW);
    }
  });

  it('a worker that dies mid-task fails the call with the typed INTERNAL error, and the next call gets a new worker', async () => {
    const reads = t.core.deps.workers.reads as PoolClient;
    const stop = reads.observe((note) => {
      // The task was handed to a worker: stop that thread the way a crash (or running out of memory) would.
      if (note.kind === 'start' && note.task === 'reports.kpiTrend') {
        void reads.pool
          .threads()
          .find((thread) => thread.threadId === note.threadId)!
          .terminate();
      }
    });
    const error = await apiError(manager.client.reports.kpiTrend({ to: '2026-11', months: 12 }));
    stop();
    expect(error.code).toBe('INTERNAL');
    expect(await manager.client.reports.kpiTrend({ to: '2026-11', months: 12 })).toEqual(
      await kpiService.kpiTrend(t.core.deps, { to: '2026-11', months: 12 }),
    );
  });
});

describe('the price file check in the read worker', () => {
  it('streams its progress from a worker thread, and stops when the clerk goes away', async () => {
    const t = await openTestCore();
    try {
      const clerk = await signIn(t.core, 'parts_clerk');
      const rows = ['零件号,名称,英文名称,品牌,单位,零售价,成本'];
      for (let i = 0; i < 100_000; i++)
        rows.push(`WK${String(i).padStart(7, '0')},配件${i},Part ${i},丰田,个,${(100 + (i % 900)).toFixed(2)},60.00`);
      const prepared = await preparePriceFile(t.core, clerk, 'price.csv', rows.join('\r\n'));
      const mapping = { partNumber: 0, nameZh: 1, nameEn: 2, brand: 3, unit: 4, listPrice: 5, cost: 6, supersededBy: null };
      const notes: RunnerNote[] = [];
      const stop = t.core.deps.workers.reads.observe((note) => notes.push(note));
      let ended!: () => void;
      const checkEnded = new Promise<void>((resolve) => (ended = resolve));
      const stopEnded = t.core.deps.workers.reads.observe((note) => {
        if (note.task === 'parts.importCheck' && (note.kind === 'done' || note.kind === 'failed')) ended();
      });

      const stream = await clerk.client.parts.importRun({
        importId: prepared.importId,
        mapping,
        onErrors: 'skip',
        commit: false,
      });
      for await (const event of stream) {
        expect(event.kind).toBe('progress');
        break; // the clerk closes the screen after the first progress
      }
      await checkEnded;
      stop();
      stopEnded();
      const start = notes.find((note) => note.kind === 'start' && note.task === 'parts.importCheck');
      expect(start?.kind === 'start' && start.threadId).toBeGreaterThan(0);
      const end = notes.find((note) => note.task === 'parts.importCheck' && (note.kind === 'done' || note.kind === 'failed'));
      // Stopped where it was (the service ends an abandoned check with an error nobody is left to read), not finished.
      expect(end?.kind).toBe('failed');
      // Nothing was written, and the worker takes the next task.
      expect(countRows(t.core, 'parts')).toBe(0);
      const again = await clerk.client.parts.importRun({ importId: prepared.importId, mapping, onErrors: 'skip', commit: false });
      let last: unknown = null;
      for await (const event of again) last = event;
      expect(last).toMatchObject({ kind: 'summary', lines: 100_000, added: 100_000, committed: false });
    } finally {
      await t.close();
    }
  });
});

describe('the price import in a worker', () => {
  it("writes from a worker thread while the desks' look-ups and saves are answered, and holds the next import until its last chunk", async () => {
    const t = await openTestCore();
    try {
      const clerk = await signIn(t.core, 'parts_clerk');
      const manager = await signIn(t.core, 'manager');
      const mapping = { partNumber: 0, nameZh: 1, nameEn: 2, brand: 3, unit: 4, listPrice: 5, cost: 6, supersededBy: null };
      const fileOf = (prefix: string, n: number) => {
        const rows = ['零件号,名称,英文名称,品牌,单位,零售价,成本'];
        for (let i = 0; i < n; i++)
          rows.push(`${prefix}${String(i).padStart(7, '0')},配件${i},Part ${i},丰田,个,${(100 + (i % 900)).toFixed(2)},60.00`);
        return rows.join('\r\n');
      };
      const big = await preparePriceFile(t.core, clerk, 'big.csv', fileOf('BG', 40_000));
      const small = await preparePriceFile(t.core, clerk, 'small.csv', fileOf('SM', 10));
      const notes: RunnerNote[] = [];
      const stopNotes = t.core.deps.workers.reads.observe((note) => notes.push(note));
      let partsNews = 0;
      const stopNews = t.core.deps.events.subscribe((event) => {
        if (event.area === 'parts') partsNews += 1;
      });
      const status = (id: number) =>
        t.core.deps.sqlite.prepare('SELECT status, written FROM price_imports WHERE id = ?').get(id) as {
          status: string;
          written: number | null;
        };

      let desk: { found: string | undefined; created: string } | null = null;
      const stream = await clerk.client.parts.importRun({ importId: big.importId, mapping, onErrors: 'stop', commit: true });
      for await (const event of stream) {
        if (event.kind === 'progress' && event.phase === 'writing' && event.done > 0) {
          // Another desk, while the import is between its chunks: a look-up and a save (its BEGIN IMMEDIATE waits for
          // the worker's chunk to commit, never fails with SQLITE_BUSY).
          const found = await manager.client.parts.lookup({ partNumber: 'BG0000000' });
          const created = await manager.client.parts.create({
            partNumber: 'DESK-1',
            nameZh: '柜台件',
            nameEn: 'Desk part',
            unit: 'piece',
            listPriceFen: 100,
            costFen: 50,
            defaultBin: 'A-01-01',
            minQtyMilli: 0,
            maxQtyMilli: 0,
          });
          desk = { found: found?.current.partNumber, created: created.partNumber };
          expect(status(big.importId).status).toBe('writing');
          break; // and the clerk closes the screen: the import already writing goes on to its end
        }
      }
      expect(desk).toEqual({ found: 'BG0000000', created: 'DESK1' });
      // The next import waits for the one still writing (it would otherwise take it for one a dead process left).
      let last: unknown = null;
      for await (const event of await clerk.client.parts.importRun({
        importId: small.importId,
        mapping,
        onErrors: 'stop',
        commit: true,
      }))
        last = event;
      expect(last).toMatchObject({ kind: 'summary', added: 10, committed: true });
      expect(status(big.importId)).toEqual({ status: 'committed', written: 40_000 });
      stopNotes();
      stopNews();
      const start = notes.find((note) => note.kind === 'start' && note.task === 'parts.importCommit');
      expect(start?.kind === 'start' && start.threadId).toBeGreaterThan(0);
      expect(countRows(t.core, 'parts')).toBe(40_000 + 10 + 1);
      expect(partsNews).toBeGreaterThanOrEqual(2);
    } finally {
      await t.close();
    }
  });
});

describe('the read connection a report worker keeps', () => {
  /** Descriptors of this process open on the database file itself (threads share them); null where /proc is missing. */
  function openOnFile(file: string): number | null {
    if (!existsSync('/proc/self/fd')) return null;
    let n = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`) === file) n += 1;
      } catch {
        // closed while listing
      }
    }
    return n;
  }

  it('reads what was written since it opened, and is let go of when the core closes (the file is whole, no WAL)', async () => {
    const t = await openTestCore({ now: '2026-10-12T00:30:00.000Z' });
    try {
      const people = {
        advisor: await signIn(t.core, 'advisor'),
        foreman: await signIn(t.core, 'foreman'),
        technician: await signIn(t.core, 'technician'),
      };
      const manager = await signIn(t.core, 'manager', 'boss');
      const period = { from: '2026-10-01', to: '2026-10-31' };
      await deliveredRo(t, people, '2026-10-12');
      const coreOnly = openOnFile(t.file);
      const first = await manager.client.reports.kpis(period);
      // The worker keeps its connection after the report (one descriptor more on the file than the core's own).
      if (coreOnly !== null) expect(openOnFile(t.file)).toBe(coreOnly + 1);

      await deliveredRo(t, people, '2026-10-12');
      const second = await manager.client.reports.kpis(period);
      expect(second).toEqual(await kpiService.kpis(t.core.deps, period));
      expect(second).not.toEqual(first);
      if (coreOnly !== null) expect(openOnFile(t.file)).toBe(coreOnly + 1);

      await t.core.close();
      if (coreOnly !== null) expect(openOnFile(t.file)).toBe(0);
      // The core's connection was the last: SQLite folded the WAL into the file and removed it.
      expect(existsSync(`${t.file}-wal`)).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe('one pool for the cores of a process', () => {
  it('serves each core its own file, and a core that closes leaves the others reading', async () => {
    const first = await openTestCore();
    const second = await openTestCore();
    try {
      const period = { from: '2026-11-01', to: '2026-11-30' };
      const one = await signIn(first.core, 'manager');
      const two = await signIn(second.core, 'manager');
      const people = {
        advisor: await signIn(second.core, 'advisor'),
        foreman: await signIn(second.core, 'foreman'),
        technician: await signIn(second.core, 'technician'),
      };
      await deliveredRo(second, people, '2026-11-23');
      second.clock.set(FIXED_NOW);
      const [a, b] = await Promise.all([one.client.reports.kpis(period), two.client.reports.kpis(period)]);
      expect(a).toEqual(await kpiService.kpis(first.core.deps, period));
      expect(b).toEqual(await kpiService.kpis(second.core.deps, period));
      expect(b).not.toEqual(a);
      expect((first.core.deps.workers.reads as PoolClient).pool).toBe((second.core.deps.workers.reads as PoolClient).pool);
      expect((first.core.deps.workers.reads as PoolClient).pool.threads().length).toBeLessThanOrEqual(READERS);

      await second.close();
      expect(await one.client.reports.kpis(period)).toEqual(a);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('the worker pool', () => {
  it('reports a worker that cannot start as WorkerFailedError, task by task, never a hang', async () => {
    const dir = makeTempDir();
    const pool = new WorkerPool({ name: 'test', size: 1, script: bundledWorkerScript(join(dir, 'no-such-worker.js')) });
    try {
      const options = { now: new Date(FIXED_NOW), database: { file: join(dir, 'none.sqlite'), filesDir: dir } };
      const first = pool.run('reports.kpiTrend', { to: '2026-11', months: 12 }, options);
      const second = pool.run('reports.kpis', { from: '2026-10-01', to: '2026-10-31' }, options);
      await expect(first).rejects.toBeInstanceOf(WorkerFailedError);
      await expect(second).rejects.toBeInstanceOf(WorkerFailedError);
    } finally {
      await pool.close();
      removeDir(dir);
    }
  });
});

describe('after a restore', () => {
  let t: TestCore;
  afterEach(async () => {
    await t.close();
  });

  it('reports read the restored data, not the file as it was before', async () => {
    t = await openTestCore({ now: '2026-11-20T00:30:00.000Z' });
    const manager = await signIn(t.core, 'manager', 'boss');
    const people = {
      advisor: await signIn(t.core, 'advisor'),
      foreman: await signIn(t.core, 'foreman'),
      technician: await signIn(t.core, 'technician'),
    };
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const backup = await manager.client.backups.backupNow({});
    await deliveredRo(t, people, '2026-11-20');
    // The read worker opens its connection on the file as it is now, with the delivered RO.
    const withDelivery = await manager.client.reports.kpis(period);

    await manager.client.backups.restore({ name: backup.name, confirm: true });
    const again = t.core.client((await t.core.client().users.login({ username: 'boss', password: PASSWORD })).token);
    const restored = await again.reports.kpis(period);
    expect(restored).toEqual(await kpiService.kpis(t.core.deps, period));
    expect(restored).not.toEqual(withDelivery);
  });
});

describe('in-process, when chosen explicitly', () => {
  it('runs the same tasks on the core’s thread, with no worker', async () => {
    const dir = makeTempDir();
    const core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite'), workers: 'in-process' });
    try {
      expect(core.deps.workers.reads.mode).toBe('in-process');
      const manager = await signIn(core, 'manager');
      const made = await manager.client.backups.backupNow({});
      expect(made).toMatchObject({ kind: 'manual', verified: true });
      const period = { from: '2026-11-01', to: '2026-11-30' };
      expect(await manager.client.reports.kpis(period)).toEqual(await kpiService.kpis(core.deps, period));
    } finally {
      await core.close();
      removeDir(dir);
    }
  });
});
