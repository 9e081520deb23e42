import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_MAPPING } from '../../shared/domain/price-file';
import * as repo from '../../electron/core/parts/price-import/repository';
import { countRows } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { stockIn } from '../fixtures/parts';
import { preparePriceFile } from '../fixtures/price-files';
import {
  HEADER,
  FULL,
  LINES,
  EXPECTED,
  csvOf,
  xlsxOf,
  runImport,
  partByNumber,
  t,
  clerk,
  manager,
  advisor,
  usePriceImportDesk,
  freshMasterAndFile,
} from '../fixtures/price-import';

// Price-file import from a supplier's CSV or XLSX: prepare, dry run, commit with 'stop' or 'skip', remembered mappings,
// versions and the name search, another desk served meanwhile, supersession, GB18030, refusals, large XLSX files, and
// the query plans of the staging.
usePriceImportDesk();

describe('price-file import', () => {
  let importId: number;

  beforeEach(async () => {
    // A fresh master for each test: the five parts the file names.
    importId = await freshMasterAndFile();
  });

  it('prepares: stores the file, reads the header and the first rows, and guesses the mapping from the names', async () => {
    const prepared = await preparePriceFile(t.core, clerk, 'price.csv', `\uFEFF${csvOf([HEADER, ...LINES])}`);
    expect(prepared.format).toBe('csv');
    expect(prepared.headers).toEqual(HEADER);
    expect(prepared.previewRows).toHaveLength(10);
    expect(prepared.previewRows[0]).toEqual(LINES[0]);
    expect(prepared.suggestedMapping).toEqual(FULL);
    const row = t.core.deps.sqlite.prepare('SELECT * FROM price_imports WHERE id = ?').get(prepared.importId) as {
      stored_path: string;
      status: string;
    };
    expect(row).toMatchObject({ stored_path: `imports/${prepared.importId}.csv`, status: 'prepared' });
  });

  it('dry run: counts exactly and writes nothing', async () => {
    const before = countRows(t.core, 'parts');
    const { events, summary } = await runImport(clerk, { importId, mapping: FULL, onErrors: 'skip', commit: false });
    expect(summary).toEqual({ ...EXPECTED, committed: false });
    expect(events.filter((e) => e.kind === 'progress').map((e) => e.kind === 'progress' && e.phase)).toContain('checking');
    expect(countRows(t.core, 'parts')).toBe(before);
    expect(partByNumber(t, 'P0001')?.list_price_fen).toBe(10_000);
  });

  it("commit with 'stop': one bad line and nothing is written", async () => {
    const before = countRows(t.core, 'parts');
    const { summary } = await runImport(clerk, { importId, mapping: FULL, onErrors: 'stop', commit: true });
    expect(summary).toEqual({ ...EXPECTED, committed: false });
    expect(countRows(t.core, 'parts')).toBe(before);
    expect(partByNumber(t, 'NEW001')).toBeUndefined();
    expect(partByNumber(t, 'P0001')?.list_price_fen).toBe(10_000);
    expect(partByNumber(t, 'P0003')?.name_zh).toBe('旧名称');
    expect(countRows(t.core, 'price_import_mappings')).toBe(0);
    const row = t.core.deps.sqlite.prepare('SELECT status, committed_at FROM price_imports WHERE id = ?').get(importId);
    expect(row).toEqual({ status: 'prepared', committed_at: null });
  });

  it("commit with 'skip': writes the good lines only, leaves stock alone, records the import and publishes", async () => {
    const p1 = partByNumber(t, 'P0001')!;
    await stockIn(t.core, p1.id, 3_000, 6_000);
    const p2Version = partByNumber(t, 'P0002')!.version;
    const before = countRows(t.core, 'parts');
    const changes: unknown[] = [];
    const unsubscribe = t.core.deps.events.subscribe((change) => changes.push(change));
    const { summary } = await runImport(manager, { importId, mapping: FULL, onErrors: 'skip', commit: true });
    unsubscribe();
    expect(summary).toEqual({ ...EXPECTED, committed: true });
    expect(countRows(t.core, 'parts')).toBe(before + 1);
    expect(partByNumber(t, 'NEW001')).toMatchObject({
      name_zh: '新配件一',
      list_price_fen: 123_450,
      cost_fen: 80_000,
      unit: 'piece',
      brand: '丰田',
    });
    expect(partByNumber(t, 'NEW002')).toBeUndefined();
    expect(partByNumber(t, 'P0001')).toMatchObject({ list_price_fen: 12_000, cost_fen: 6_000, on_hand_milli: 3_000 });
    expect(partByNumber(t, 'P0002')?.version).toBe(p2Version);
    expect(partByNumber(t, 'P0003')?.name_zh).toBe('新名称');
    expect(partByNumber(t, 'P0005')?.superseded_by_id).toBeNull();
    const row = t.core.deps.sqlite.prepare('SELECT * FROM price_imports WHERE id = ?').get(importId);
    expect(row).toMatchObject({
      status: 'committed',
      line_count: 10,
      added: 1,
      changed: 2,
      unchanged: 1,
      rejected: 6,
      committed_at: t.clock.now().toISOString(),
    });
    expect(changes).toContainEqual({ area: 'parts' });
    // Done is done: the same file is not imported twice.
    await expectApiError(runImport(clerk, { importId, mapping: FULL, onErrors: 'skip', commit: true }), 'RULE', {
      reason: 'priceImport.alreadyCommitted',
    });
  });

  it('reads the same file as XLSX to the same summary', async () => {
    const prepared = await preparePriceFile(t.core, clerk, '价格.xlsx', await xlsxOf([HEADER, ...LINES]));
    expect(prepared.format).toBe('xlsx');
    expect(prepared.headers).toEqual(HEADER);
    expect(prepared.suggestedMapping).toEqual(FULL);
    const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'skip', commit: false });
    expect(summary).toEqual({ ...EXPECTED, committed: false });
  });

  it('remembers the mapping of a committed import and suggests it for the next file with the same header', async () => {
    const header = ['Code', 'Desc', 'Amount', 'Remark'];
    const first = await preparePriceFile(t.core, clerk, 'oem-2026-10.csv', csvOf([header, ['X-1', '刹车片', '88', '']]));
    expect(first.remembered).toBe(false);
    const mapping = { ...EMPTY_MAPPING, partNumber: 0, nameZh: 1, listPrice: 2 };
    expect(first.suggestedMapping).not.toEqual(mapping);
    const { summary } = await runImport(clerk, { importId: first.importId, mapping, onErrors: 'stop', commit: true });
    expect(summary).toMatchObject({ added: 1, committed: true });
    const next = await preparePriceFile(
      t.core,
      clerk,
      'oem-2026-11.csv',
      csvOf([
        [' code', 'DESC ', 'amount', 'remark'],
        ['X-2', '刹车盘', '188', ''],
      ]),
    );
    expect(next.remembered).toBe(true);
    expect(next.suggestedMapping).toEqual(mapping);
  });

  it('a new price moves the version once and leaves the name search as it was; a new name is found, the old one not', async () => {
    const p1 = partByNumber(t, 'P0001')!;
    const p2 = partByNumber(t, 'P0002')!;
    const lines = [
      ['P-0001', p1.name_zh, '', '', '', '130.00', '70', ''], // price and cost, names as they are
      ['P-0002', '', '', '', '', '55.00', '', ''], // price only
      ['P-0003', '新名称', '', '', '', '100.00', '', ''], // the name only
    ];
    const prepared = await preparePriceFile(t.core, clerk, 'p.csv', csvOf([HEADER, ...lines]));
    const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'skip', commit: true });
    expect(summary).toMatchObject({ changedPrice: 2, changedOther: 1, unchanged: 0, rejected: 0, committed: true });
    expect(partByNumber(t, 'P0001')).toMatchObject({
      list_price_fen: 13_000,
      cost_fen: 7_000,
      name_zh: p1.name_zh,
      version: p1.version + 1,
    });
    expect(partByNumber(t, 'P0002')).toMatchObject({
      list_price_fen: 5_500,
      cost_fen: p2.cost_fen,
      name_zh: p2.name_zh,
      version: p2.version + 1,
    });
    const found = async (text: string) =>
      (await clerk.client.parts.grid({ startRow: 0, endRow: 10, sortModel: [], text })).rows.map((row) => row.partNumber);
    expect(await found(p1.name_zh)).toEqual(['P0001']);
    expect(await found(p2.name_zh)).toEqual(['P0002']);
    expect(await found('新名称')).toEqual(['P0003']);
    expect(await found('旧名称')).toEqual([]);
  });

  it('answers another desk while a large file is staged, then writes the whole file', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => [
      `BIG-${String(i).padStart(5, '0')}`,
      `大配件${i}`,
      '',
      '',
      '',
      '10.00',
      '',
      '',
    ]);
    const prepared = await preparePriceFile(t.core, clerk, 'big.csv', csvOf([HEADER, ...lines]));
    const order: string[] = [];
    let desk: Promise<unknown> | null = null;
    for await (const event of await clerk.client.parts.importRun({
      importId: prepared.importId,
      mapping: FULL,
      onErrors: 'skip',
      commit: true,
    })) {
      // Asked once the lines are being staged: answered between two chunks, not after the import.
      if (event.kind === 'progress' && event.phase === 'checking' && !desk) {
        desk = manager.client.parts
          .lookup({ partNumber: 'P-0001' })
          .then((found) => order.push(`desk: ${found?.current.partNumber}`));
      }
      if (event.kind === 'summary') order.push(`import: ${event.added} added`);
    }
    await desk;
    expect(order).toEqual(['desk: P0001', 'import: 40000 added']);
    expect(t.core.deps.sqlite.prepare("SELECT count(*) FROM parts WHERE part_number LIKE 'BIG%'").pluck().get()).toBe(40_000);
  });

  it('follows supersession inside the file and refuses a loop closed within it', async () => {
    const prepared = await preparePriceFile(
      t.core,
      clerk,
      'chain.csv',
      csvOf([
        HEADER,
        ['A-1', '旧款', '', '', '', '10', '', 'A-2'],
        ['A-2', '新款', '', '', '', '12', '', ''],
        ['C-1', '甲', '', '', '', '1', '', 'C-2'],
        ['C-2', '乙', '', '', '', '1', '', 'C-1'],
        ['D-1', '丙', '', '', '', '1', '', 'NOWHERE-9'],
      ]),
    );
    const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'skip', commit: true });
    // C-2 closes the loop; C-1 then names a part this file does not add, so it goes too.
    expect(summary.rejections).toEqual([
      { line: 4, partNumber: 'C1', reason: 'priceImport.supersededUnknown', field: 'supersededBy' },
      { line: 5, partNumber: 'C2', reason: 'priceImport.supersededLoop', field: 'supersededBy' },
      { line: 6, partNumber: 'D1', reason: 'priceImport.supersededUnknown', field: 'supersededBy' },
    ]);
    expect(summary).toMatchObject({ added: 2, rejected: 3, committed: true });
    expect(partByNumber(t, 'A1')?.superseded_by_id).toBe(partByNumber(t, 'A2')?.id);
    expect(partByNumber(t, 'C1')).toBeUndefined();
    expect(partByNumber(t, 'C2')).toBeUndefined();
  });

  it('reads a GB18030 (GBK) CSV as Chinese Excel saves it', async () => {
    // 零件号,名称,零售价 \r\n GBK-1,名称,5 in GBK bytes.
    const bytes = Buffer.concat([
      Buffer.from('C1E3BCFEBAC52CC3FBB3C62CC1E3CADBBCDB0D0A', 'hex'),
      Buffer.from('GBK-1,', 'ascii'),
      Buffer.from('C3FBB3C6', 'hex'),
      Buffer.from(',5\r\n', 'ascii'),
    ]);
    const prepared = await preparePriceFile(t.core, clerk, 'gbk.csv', bytes);
    expect(prepared.headers).toEqual(['零件号', '名称', '零售价']);
    expect(prepared.previewRows).toEqual([['GBK-1', '名称', '5']]);
    expect(prepared.suggestedMapping).toMatchObject({ partNumber: 0, nameZh: 1, listPrice: 2 });
  });

  it('refuses the wrong roles, an old .xls, a mapping outside the header, writing nothing', async () => {
    const before = countRows(t.core, 'price_imports');
    await expectApiError(preparePriceFile(t.core, advisor, 'a.csv', 'a,b\n'), 'FORBIDDEN');
    await expectApiError(
      advisor.client.parts.importRun({ importId, mapping: FULL, onErrors: 'skip', commit: false }),
      'FORBIDDEN',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expectApiError(preparePriceFile(t.core, clerk, 'old.xls', xls), 'RULE', {
      reason: 'priceImport.fileXls',
    });
    await expectApiError(
      clerk.client.parts.importRun({ importId, mapping: { ...FULL, listPrice: null }, onErrors: 'skip', commit: false }),
      'INVALID_INPUT',
      {
        field: 'mapping.listPrice',
        reason: 'priceImport.mappingRequired',
      },
    );
    expect(countRows(t.core, 'price_imports')).toBe(before);
    const parts = countRows(t.core, 'parts');
    await expectApiError(
      runImport(clerk, { importId, mapping: { ...FULL, supersededBy: 12 }, onErrors: 'skip', commit: true }),
      'INVALID_INPUT',
      {
        field: 'mapping.supersededBy',
        reason: 'priceImport.mappingColumn',
      },
    );
    expect(countRows(t.core, 'parts')).toBe(parts);
  });

  it('reads a large XLSX without breaking a Chinese character at exceljs chunk boundaries', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => [
      `XL-${i}`,
      `空气滤清器总成${i}`,
      `Air filter ${i}`,
      '丰田',
      '个',
      '88.50',
      '',
      '',
    ]);
    const prepared = await preparePriceFile(t.core, clerk, 'big.xlsx', await xlsxOf([HEADER, ...rows]));
    const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'stop', commit: true });
    expect(summary).toMatchObject({ lines: 4000, added: 4000, rejected: 0, committed: true });
    const names = t.core.deps.sqlite
      .prepare("SELECT name_zh FROM parts WHERE part_number LIKE 'XL%' ORDER BY id")
      .pluck()
      .all() as string[];
    expect(names).toEqual(rows.map((row) => row[1]));
  });

  it("finds the master's parts through its indexes, never by scanning it", async () => {
    const db = t.core.deps.db;
    await db.connection().execute(async (connection) => {
      await repo.createStage(connection);
      try {
        const plan = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
          const { sql, parameters } = query.compile();
          const rows = t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[];
          return rows.map((row) => row.detail);
        };
        expect(await plan(repo.linkMasterQuery(connection))).toContainEqual(
          expect.stringMatching(/^SEARCH parts USING (COVERING )?INDEX sqlite_autoindex_parts_1 \(part_number=\?\)/),
        );
        const classify = await plan(repo.classifyQuery(connection));
        const apply = await plan(repo.applyStageQuery(connection, 'now'));
        for (const detail of [...classify, ...apply]) expect(detail).not.toMatch(/^SCAN (parts|p|s)\b/);
        expect(apply).toContainEqual(expect.stringMatching(/^SEARCH p USING INTEGER PRIMARY KEY/));
        // The price-only updates read the stage and find each part by its id; a chunk of lines is a range of the stage.
        const chunk = { from: 10_000, to: 20_000 };
        for (const what of ['price', 'cost'] as const) {
          for (const lines of [undefined, chunk]) {
            const prices = await plan(repo.applyPricesQuery(connection, 'now', what, lines));
            for (const detail of prices) expect(detail, prices.join('\n')).not.toMatch(/^SCAN parts\b/);
            expect(prices, what).toContainEqual(expect.stringMatching(/^SEARCH parts USING INTEGER PRIMARY KEY \(rowid=\?\)/));
          }
          expect(await plan(repo.applyPricesQuery(connection, 'now', what, chunk))).toContainEqual(
            expect.stringMatching(/^SEARCH st USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/),
          );
        }
        const applyChunk = await plan(repo.applyStageQuery(connection, 'now', chunk));
        for (const detail of applyChunk) expect(detail).not.toMatch(/^SCAN (parts|p|s|st)\b/);
        expect(applyChunk).toContainEqual(
          expect.stringMatching(/^SEARCH st USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/),
        );
      } finally {
        await repo.dropStage(connection);
      }
    });
  });
});
