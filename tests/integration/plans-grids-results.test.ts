import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GridInput } from '../../shared/contract/paging';
import { partFilterInput, type PartFilterInput, type PartGridColumn, type PartRow } from '../../shared/contract/parts';
import { ManualClock } from '../../electron/core/clock';
import { openCore } from '../../electron/core/core';
import { kyselyOver, openSqlite } from '../../electron/core/db/connection';
import { WALK } from '../../electron/core/db/grid-filters';
import { migrate } from '../../electron/core/db/migrate';
import { prefixUpperBound } from '../../electron/core/db/prefix';
import { hashPassword } from '../../electron/core/users/password';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { backfill } from '../../electron/core/db/migrations/0024-index-grids';
import { fillWaitingLines } from '../../electron/core/parts/part-supply/reservations';
import { partGridQuery, resolvePartFilter, type PartFilterPlan } from '../../electron/core/parts/repository';
import { filterQuery } from '../../electron/core/parts/service';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { stockIn } from '../fixtures/parts';
import { type SignedIn } from '../fixtures/users';
import {
  t,
  clerk,
  advisor,
  manager,
  foreman,
  tech,
  tech2,
  newRo,
  addPart,
  lastLine,
  workshopJob,
  PART_FILTERS,
  text,
  CUSTOMER_FILTERS,
  useGridDesk,
} from '../fixtures/grid-desk';

/**
 * Issue 13, what the users see of the indexed grids (their plans: plans-grids-indexes.test.ts): the searches find what
 * the LIKE filters found, keyset pages are the offset pages, the per-part reserved total equals the open reservations
 * after a day of RO part lines, and an upgraded file is filled.
 */
useGridDesk();

describe('what the grids show', () => {
  /** Every row of a parts filter, page after page by key. */
  async function allParts(
    filter: Partial<PartFilterInput>,
    sortModel: GridInput<PartGridColumn>['sortModel'] = [],
  ): Promise<PartRow[]> {
    const rows: PartRow[] = [];
    let after: string | undefined;
    for (let start = 0; ; start += 2) {
      const page = await clerk.client.parts.grid({
        startRow: start,
        endRow: start + 2,
        sortModel,
        active: 'all',
        ...filter,
        ...(after ? { after } : {}),
      });
      rows.push(...page.rows);
      if (!page.hasMore) return rows;
      after = page.next ?? undefined;
    }
  }

  it('the parts search finds what "contains" found before, for every length of text, in both spellings of a number', async () => {
    const sqlite = t.core.deps.sqlite;
    for (const typed of [
      '滤清器',
      '刹车',
      '刹',
      '车片',
      '）',
      'filter',
      'FILTER',
      'oil f',
      'Rear',
      'r',
      '100%',
      '_',
      'grd 000',
      'xyz',
      'zz',
      '途锐）',
    ]) {
      const like = `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const expected = (
        sqlite
          .prepare(
            `SELECT part_number FROM parts WHERE (name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\' OR part_number >= ? AND part_number < ?) ORDER BY part_number`,
          )
          .all(like, like, ...numberRange(typed)) as { part_number: string }[]
      ).map((r) => r.part_number);
      const found = (await allParts({ text: typed })).map((r) => r.partNumber);
      expect(found, typed).toEqual(expected);
    }
  });

  it('a filter read as driver, as id set or on the row finds the same parts in the same order; keyset pages are the offset pages', async () => {
    for (const [label, filter, name] of PART_FILTERS) {
      for (const column of ['available', 'nameZh'] as const) {
        const sort = [{ column, direction: 'desc' as const }];
        const f = await resolvePartFilter(t.core.deps.db, filterQuery(partFilterInput.parse(filter)));
        const read = (plan: PartFilterPlan, resolved = f) =>
          partGridQuery(t.core.deps.db, resolved, { offset: 0, limit: 100, sort }, plan)
            .execute()
            .then((rows) => rows.map((r) => r.part_number));
        const onTheRow = await read(WALK, { ...f, nameMatch: { kind: 'dense' } });
        expect(onTheRow.length, label).toBeGreaterThan(0);
        expect(await read({ drive: name, sets: [] }), label).toEqual(onTheRow);
        expect(await read({ drive: null, sets: [name] }), label).toEqual(onTheRow);
        const keyed = await allParts(filter, [{ colId: column, sort: 'desc' }]);
        expect(
          keyed.map((r) => r.partNumber),
          label,
        ).toEqual(
          (
            await clerk.client.parts.grid({
              startRow: 0,
              endRow: 200,
              active: 'all',
              sortModel: [{ colId: column, sort: 'desc' }],
              ...filter,
            })
          ).rows.map((r) => r.partNumber),
        );
      }
    }
  });

  it('the customers filters find what LIKE found before, and keyset pages are the offset pages', async () => {
    const sqlite = t.core.deps.sqlite;
    const live = 'merged_into_id IS NULL AND erased_at IS NULL';
    const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    for (const [label, filterModel] of CUSTOMER_FILTERS) {
      const [column, filter] = Object.entries(filterModel)[0]! as ['name' | 'phone', { type: string; filter: string }];
      const needle = column === 'phone' ? filter.filter.replace(/\D/g, '') : filter.filter.toLowerCase();
      const pattern =
        filter.type === 'equals' ? escape(needle) : filter.type === 'startsWith' ? `${escape(needle)}%` : `%${escape(needle)}%`;
      const sqlText =
        column === 'name'
          ? `SELECT id FROM customers WHERE ${live} AND name_key LIKE ? ESCAPE '\\' ORDER BY id DESC`
          : `SELECT id FROM customers c WHERE ${live} AND EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id AND p.number LIKE ? ESCAPE '\\') ORDER BY id DESC`;
      const expected = (sqlite.prepare(sqlText).all(pattern) as { id: number }[]).map((r) => r.id);
      expect(expected.length, label).toBeGreaterThan(0);
      const all = await advisor.client.customers.grid({ startRow: 0, endRow: 200, filterModel });
      expect(
        all.rows.map((r) => r.id),
        label,
      ).toEqual(expected);
    }
    for (const sortModel of [
      [],
      [{ colId: 'kind' as const, sort: 'asc' as const }],
      [{ colId: 'name' as const, sort: 'desc' as const }],
    ]) {
      const whole = await advisor.client.customers.grid({ startRow: 0, endRow: 200, sortModel });
      const keyed: number[] = [];
      let after: string | undefined;
      for (let start = 0; ; start += 2) {
        const page = await advisor.client.customers.grid({
          startRow: start,
          endRow: start + 2,
          sortModel,
          ...(after ? { after } : {}),
        });
        keyed.push(...page.rows.map((r) => r.id));
        if (!page.hasMore) break;
        after = page.next ?? undefined;
      }
      expect(keyed).toEqual(whole.rows.map((r) => r.id));
      // Ties newest first in both directions, as before.
      if (sortModel[0]?.colId === 'kind')
        expect(whole.rows.slice(1).map((r) => r.id)).toEqual([...whole.rows.slice(1).map((r) => r.id)].sort((a, b) => b - a));
    }
  });

  it("the trail's keyset pages are its offset pages", async () => {
    const whole = await manager.client.audit.list({ offset: 0, limit: 200 });
    const keyed: number[] = [];
    let after: string | undefined;
    for (let offset = 0; ; offset += 3) {
      const page = await manager.client.audit.list({ offset, limit: 3, ...(after ? { after } : {}) });
      keyed.push(...page.rows.map((r) => r.id));
      if (!page.hasMore) break;
      after = page.next ?? undefined;
    }
    expect(keyed).toEqual(whole.rows.map((r) => r.id));
  });

  it("the board counts a day's clocked minutes from the clockings that reach into the day, started before it or not", async () => {
    // Tech: 23:30-00:30 across midnight into 2026-11-24. Tech2: on since 2026-11-22 10:00 and still running.
    const a = await workshopJob(tech.session.user.id);
    const b = await workshopJob(tech2.session.user.id);
    t.clock.set('2026-11-22T02:00:00.000Z');
    await tech2.client.workshop.clockOn({ jobId: b.jobId });
    t.clock.set('2026-11-23T15:30:00.000Z');
    await tech.client.workshop.clockOn({ jobId: a.jobId });
    t.clock.set('2026-11-23T16:30:00.000Z');
    await tech.client.workshop.clockOff({ jobId: a.jobId, finished: false });
    t.clock.set(FIXED_NOW);
    const minutes = async (day: string, who: SignedIn) =>
      (await foreman.client.workshop.board({ day })).technicians.find((c) => c.id === who.session.user.id)!.clockedMinutesDay;
    // The whole 2026-11-24 clocking history of tech before this test: the plan test's clocking at FIXED_NOW (0 minutes).
    expect(await minutes('2026-11-24', tech)).toBe(30);
    expect(await minutes('2026-11-23', tech)).toBe(30);
    expect(await minutes('2026-11-23', tech2)).toBe(24 * 60);
    expect(await minutes('2026-11-24', tech2)).toBe(10 * 60);
    expect(await minutes('2026-11-21', tech2)).toBe(0);
    await tech2.client.workshop.clockOff({ jobId: b.jobId, finished: false });
  });
});

/** The part-number range the grid reads for typed text (an empty range when it cannot start a number). */
function numberRange(typed: string): [string, string] {
  const prefix = filterQuery({ text: typed, brand: '', bin: '', belowMin: false, active: 'all' }).numberPrefix;
  return prefix ? [prefix, prefixUpperBound(prefix)] : ['', ''];
}

describe('reserved per part', () => {
  it('equals what open reservations hold after a day of RO part lines, and the grid sorts by it', async () => {
    // Pads and belt are on the shelf; the filter has 3 units for a line of 50.
    const [pads, filter, belt] = await Promise.all(
      ['GRD0002', 'GRD0001', 'XYZ0008'].map((n) =>
        t.core.deps.db.selectFrom('parts').selectAll().where('part_number', '=', n).executeTakeFirstOrThrow(),
      ),
    );
    let ro1 = await newRo();
    ro1 = await addPart(ro1, pads!.part_number, 2);
    ro1 = await addPart(ro1, filter!.part_number, 50);
    const short = lastLine(ro1);
    let ro2 = await newRo();
    ro2 = await addPart(ro2, pads!.part_number, 1);
    ro2 = await addPart(ro2, belt!.part_number, 1);
    // A line removed, parts issued and one returned, a receipt filling the line that waited, an RO cancelled.
    await advisor.client.repairOrders.removeLine({ id: ro2.id, version: ro2.version, lineId: lastLine(ro2).id });
    await clerk.client.parts.issueToLine({ lineId: ro1.jobs[0]!.partLines[0]!.id, qtyMilli: 1000 });
    await clerk.client.parts.returnFromLine({ lineId: ro1.jobs[0]!.partLines[0]!.id, qtyMilli: 1000, reason: '未使用' });
    await stockIn(t.core, filter!.id, 60_000, 5_500);
    await t.core.deps.db.transaction().execute((trx) => fillWaitingLines(trx, filter!.id, FIXED_NOW));
    const ro3 = await addPart(await newRo(), belt!.part_number, 2);
    await advisor.client.repairOrders.transition({ id: ro3.id, version: ro3.version, to: 'cancelled', note: '客户取消' });

    const sqlite = t.core.deps.sqlite;
    const drift = sqlite
      .prepare(
        `SELECT p.part_number, p.reserved_milli, coalesce((SELECT sum(r.reserved_milli) FROM part_reservations r WHERE r.part_id = p.id AND r.status = 'open'), 0) AS fresh
         FROM parts p WHERE p.reserved_milli <> fresh`,
      )
      .all();
    expect(drift).toEqual([]);
    const held = (sqlite.prepare('SELECT reserved_milli AS n FROM parts WHERE id = ?').get(filter!.id) as { n: number }).n;
    expect(held).toBeGreaterThan(0);
    expect(
      (
        await t.core.deps.db
          .selectFrom('part_reservations')
          .select('to_order_milli')
          .where('line_id', '=', short.id)
          .executeTakeFirstOrThrow()
      ).to_order_milli,
    ).toBe(0);
    // What the clerk sees: reserved and available per row, and the order they sort in.
    const byAvailable = await clerk.client.parts.grid({
      startRow: 0,
      endRow: 100,
      active: 'all',
      sortModel: [{ colId: 'available', sort: 'asc' }],
    });
    const figures = new Map(byAvailable.rows.map((r) => [r.partNumber, r]));
    expect(figures.get(filter!.part_number)).toMatchObject({
      reservedMilli: held,
      availableMilli: filter!.on_hand_milli + 60_000 - held,
    });
    const available = byAvailable.rows.map((r) => r.availableMilli);
    expect(available).toEqual([...available].sort((x, y) => x - y));
    const detail = await clerk.client.parts.get({ id: filter!.id });
    expect(detail.reservedMilli).toBe(held);
  });
});

describe('upgrading a file that already holds parts, reservations and customers', () => {
  it('fills reserved per part in the migration and the search tables in the backfill', async () => {
    const dir = makeTempDir('baydesk-grids-');
    try {
      const file = join(dir, 'baydesk.sqlite');
      const sqlite = openSqlite(file);
      const db = kyselyOver(sqlite);
      const before = MIGRATIONS.findIndex((m) => m.name === '0024-index-grids');
      await migrate(sqlite, db as never, file, MIGRATIONS.slice(0, before));
      sqlite
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('boss', 'Boss', 'manager', ?, ?, ?)`,
        )
        .run(await hashPassword('boss-password-1'), FIXED_NOW, FIXED_NOW);
      const insertPart = sqlite.prepare(
        `INSERT INTO parts (part_number, name_zh, name_en, brand, default_bin, on_hand_milli, created_at, updated_at) VALUES (?, ?, ?, '大众', 'A-01', 5000, ?, ?)`,
      );
      sqlite.transaction(() => {
        for (let n = 1; n <= 12_345; n += 1)
          insertPart.run(
            `OLD${String(n).padStart(5, '0')}`,
            n % 1000 === 7 ? '刹车盘（旧）' : `配件${n}`,
            `Part ${n}`,
            FIXED_NOW,
            FIXED_NOW,
          );
      })();
      sqlite
        .prepare(
          `INSERT INTO customers (kind, name, name_key, preferred_contact, created_at, updated_at) VALUES ('person', '欧阳娜娜', '欧阳娜娜', 'phone', ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW);
      sqlite
        .prepare(
          `INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (1, '13912345678', '87654321931', 'mobile', 0)`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO vehicles (vin, vin_rev, vin_check_ok, make, model, year, fuel_type, created_at, updated_at) VALUES ('V1', '1V', 1, 'VW', 'Golf', 2020, 'petrol', ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW);
      sqlite
        .prepare(
          `INSERT INTO repair_orders (number, vehicle_id, customer_id, advisor_id, status, opened_at, created_at, updated_at) VALUES ('RO1', 1, 1, 1, 'open', ?, ?, ?)`,
        )
        .run(FIXED_NOW, FIXED_NOW, FIXED_NOW);
      const reserve = sqlite.prepare(
        `INSERT INTO part_reservations (line_id, part_id, repair_order_id, job_id, qty_milli, reserved_milli, status, created_at, updated_at) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?)`,
      );
      reserve.run(1, 7, 3000, 3000, 'open', FIXED_NOW, FIXED_NOW);
      reserve.run(2, 7, 1000, 1000, 'open', FIXED_NOW, FIXED_NOW);
      reserve.run(3, 7, 2000, 0, 'closed', FIXED_NOW, FIXED_NOW);
      const entry = sqlite.prepare(`INSERT INTO audit_log (at, user_id, entity, entity_id, action) VALUES (?, 1, ?, ?, ?)`);
      sqlite.transaction(() => {
        for (let n = 0; n < 7_000; n += 1) {
          const at = new Date(Date.parse('2016-01-01T00:00:00Z') + n * 3_600_000).toISOString();
          entry.run(at, n % 700 === 0 ? 'complaint' : 'repair_order', n, n % 700 === 0 ? 'complaint.created' : 'ro.created');
        }
      })();
      await db.destroy();

      const progress: number[] = [];
      const core = await openCore({
        file,
        clock: new ManualClock(FIXED_NOW),
        onUpgradeProgress: (p) => p.phase === 'backfill' && p.migration === '0024-index-grids' && progress.push(p.done),
      });
      try {
        // 12,345 parts + 1 customer + 1 phone + 10 complaint entries (the RO entries are not read), in chunks.
        expect(progress.length).toBeGreaterThan(3);
        expect(Math.max(...progress)).toBe(12_357);
        expect((core.deps.sqlite.prepare('SELECT reserved_milli AS n FROM parts WHERE id = 7').get() as { n: number }).n).toBe(
          4000,
        );
        const session = await core.client().users.login({ username: 'boss', password: 'boss-password-1' });
        const client = core.client(session.token);
        const found = await client.parts.grid({ startRow: 0, endRow: 50, text: '刹车盘' });
        expect(found.rows.map((r) => r.partNumber)).toEqual(
          Array.from({ length: 13 }, (_, k) => `OLD${String(k * 1000 + 7).padStart(5, '0')}`),
        );
        expect(found.rows[0]).toMatchObject({ reservedMilli: 4000, availableMilli: 1000 });
        expect(
          (await client.customers.grid({ startRow: 0, endRow: 10, filterModel: { name: text('contains', '阳娜') } })).rows,
        ).toHaveLength(1);
        expect(
          (await client.customers.grid({ startRow: 0, endRow: 10, filterModel: { phone: text('contains', '2345') } })).rows,
        ).toHaveLength(1);
        const complaints = await client.audit.list({ offset: 0, limit: 50, entity: 'complaint' });
        expect(complaints.rows.map((r) => r.entityId)).toEqual([6300, 5600, 4900, 4200, 3500, 2800, 2100, 1400, 700, 0]);
        // A machine stopped after a chunk committed runs that chunk again from the last cursor: nothing is doubled.
        for (const cursor of ['parts:0', 'audit-complaint:0']) {
          await core.deps.db.transaction().execute((trx) => backfill.step(trx as never, cursor));
        }
        expect((await client.parts.grid({ startRow: 0, endRow: 50, text: '刹车盘' })).rows).toHaveLength(13);
        expect((await client.audit.list({ offset: 0, limit: 50, entity: 'complaint' })).rows).toHaveLength(10);
      } finally {
        await core.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});
