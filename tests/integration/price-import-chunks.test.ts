import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../shared/contract/parts/price-import';
import { writeTuning } from '../../electron/core/parts/price-import/service';
import { expectApiError } from '../fixtures/errors';
import { makePart } from '../fixtures/parts';
import { preparePriceFile } from '../fixtures/price-files';
import {
  HEADER,
  FULL,
  EXPECTED,
  csvOf,
  runImport,
  partByNumber,
  t,
  clerk,
  manager,
  usePriceImportDesk,
  freshMasterAndFile,
} from '../fixtures/price-import';

// Price-file import, writing in chunks: another desk is answered between chunks, a write cut short is left interrupted
// and finished by running the file again, and a desk's change made between two chunks is kept.
usePriceImportDesk();

describe('price-file import', () => {
  let importId: number;

  beforeEach(async () => {
    // A fresh master for each test: the five parts the file names.
    importId = await freshMasterAndFile();
  });

  describe('writing in chunks', () => {
    afterEach(() => {
      writeTuning.chunkLines = null;
      writeTuning.beforeChunkCommit = null;
    });

    function recordOf(id: number) {
      return t.core.deps.sqlite
        .prepare('SELECT status, written, line_count, rejected, committed_at FROM price_imports WHERE id = ?')
        .get(id) as {
        status: string;
        written: number | null;
        line_count: number | null;
        rejected: number | null;
        committed_at: string | null;
      };
    }

    it('answers another desk while the file is being written, before the last chunk', async () => {
      writeTuning.chunkLines = 2;
      const lines = Array.from({ length: 120 }, (_, i) => [
        `W-${String(i).padStart(3, '0')}`,
        `写入配件${i}`,
        '',
        '',
        '',
        '20.00',
        '',
        '',
      ]);
      const prepared = await preparePriceFile(t.core, clerk, 'w.csv', csvOf([HEADER, ...lines]));
      let desk: Promise<void> | null = null;
      let seenByDesk: { status: string; written: number | null } | null = null;
      let summary: ImportSummary | null = null;
      for await (const event of await clerk.client.parts.importRun({
        importId: prepared.importId,
        mapping: FULL,
        onErrors: 'stop',
        commit: true,
      })) {
        if (event.kind === 'progress' && event.phase === 'writing' && !desk) {
          desk = manager.client.parts.lookup({ partNumber: 'P-0001' }).then((found) => {
            expect(found?.current.partNumber).toBe('P0001');
            // Where the import stood when the desk got its answer.
            seenByDesk = recordOf(prepared.importId);
          });
        }
        if (event.kind === 'summary') summary = event;
      }
      await desk;
      expect(seenByDesk).toMatchObject({ status: 'writing' });
      expect(seenByDesk!.written).toBeLessThan(120);
      expect(summary).toMatchObject({ added: 120, committed: true });
      expect(recordOf(prepared.importId)).toMatchObject({ status: 'committed', written: 120 });
      expect(t.core.deps.sqlite.prepare("SELECT count(*) FROM parts WHERE part_number LIKE 'W%'").pluck().get()).toBe(120);
    });

    /** The master as a desk sees it, by part number (ids and successors by number). */
    function master() {
      return t.core.deps.sqlite
        .prepare(
          `SELECT p.part_number, p.name_zh, p.name_en, p.brand, p.unit, p.list_price_fen, p.cost_fen, p.version, p.updated_at,
                  p.on_hand_milli, s.part_number AS successor
           FROM parts p LEFT JOIN parts s ON s.id = p.superseded_by_id ORDER BY p.part_number`,
        )
        .all();
    }

    async function resetMaster() {
      t.core.deps.sqlite.exec(
        'DELETE FROM stock_movements; DELETE FROM part_stock; UPDATE parts SET superseded_by_id = NULL; DELETE FROM parts',
      );
      for (let i = 1; i <= 6; i += 1)
        await makePart(t.core, { part_number: `R-${i}`, name_zh: `旧${i}`, name_en: `Old ${i}`, list_price_fen: 1_000 * i });
    }

    /** 12 lines: new prices, a new name, new parts, and an early line whose successor a late line adds. */
    const RESUMED = [
      ['R-1', '', '', '', '', '11.00', '', 'R-NEW-4'],
      ['R-2', '新二', '', '', '', '20.00', '', ''],
      ['R-NEW-1', '新一', '', '', '', '1.00', '', ''],
      ['R-3', '', '', '', '', '33.00', '5', ''],
      ['R-NEW-2', '新二号', 'New two', '', '', '2.00', '', ''],
      ['R-4', '', '', '', '', '44.00', '', ''],
      ['R-5', '', '', '', '', '50.00', '', ''],
      ['R-NEW-3', '新三', '', '', '', '3.00', '', ''],
      ['R-6', '新六', '', '', '', '66.00', '', ''],
      ['R-NEW-4', '新四', '', '', '', '4.00', '', ''],
    ];

    it('a write cut short leaves the record interrupted with the chunks written, and the same file run again finishes it', async () => {
      // The master one clean import leaves.
      await resetMaster();
      const clean = await preparePriceFile(t.core, clerk, 'r.csv', csvOf([HEADER, ...RESUMED]));
      expect(
        (await runImport(clerk, { importId: clean.importId, mapping: FULL, onErrors: 'stop', commit: true })).summary.committed,
      ).toBe(true);
      const once = master();

      await resetMaster();
      const before = master();
      const prepared = await preparePriceFile(t.core, clerk, 'r.csv', csvOf([HEADER, ...RESUMED]));
      writeTuning.chunkLines = 3;
      writeTuning.beforeChunkCommit = (chunk) => {
        if (chunk === 2) throw new Error('disk full');
      };
      await expectApiError(
        runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'stop', commit: true }),
        'INTERNAL',
        {
          reason: 'priceImport.interrupted',
          params: { written: 6, total: 10 },
        },
      );
      expect(recordOf(prepared.importId)).toMatchObject({
        status: 'interrupted',
        written: 6,
        line_count: 10,
        rejected: 0,
        committed_at: null,
      });
      // The first two chunks (lines 2-7) are in, the third rolled back, nothing after it written.
      expect(partByNumber(t, 'R1')).toMatchObject({ list_price_fen: 1_100, superseded_by_id: null });
      expect(partByNumber(t, 'R4')).toMatchObject({ list_price_fen: 4_400 });
      expect(partByNumber(t, 'RNEW2')).toMatchObject({ name_en: 'New two' });
      expect(partByNumber(t, 'R5')?.list_price_fen).toBe(5_000);
      expect(partByNumber(t, 'RNEW3')).toBeUndefined();
      expect(master()).not.toEqual(before);
      const audited = () =>
        t.core.deps.sqlite
          .prepare("SELECT count(*) FROM audit_log WHERE entity = 'price_import' AND entity_id = ?")
          .pluck()
          .get(prepared.importId);
      expect(audited()).toBe(0);

      writeTuning.beforeChunkCommit = null;
      const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'stop', commit: true });
      expect(summary).toMatchObject({ lines: 10, rejected: 0, committed: true });
      expect(master()).toEqual(once);
      expect(recordOf(prepared.importId)).toMatchObject({ status: 'committed', written: 10 });
      expect(audited()).toBe(1);
    });

    it('marks a record a stopped process left writing as interrupted when the next import runs', async () => {
      // As a process that died in the middle of the write leaves it.
      t.core.deps.sqlite
        .prepare("UPDATE price_imports SET status = 'writing', written = 4, line_count = 10, rejected = 0 WHERE id = ?")
        .run(importId);
      const next = await preparePriceFile(t.core, clerk, 'x.csv', csvOf([HEADER, ['X-9', '某件', '', '', '', '9', '', '']]));
      await runImport(clerk, { importId: next.importId, mapping: FULL, onErrors: 'stop', commit: true });
      expect(recordOf(importId)).toMatchObject({ status: 'interrupted', written: 4 });
      // And the same file run again finishes it.
      const { summary } = await runImport(clerk, { importId, mapping: FULL, onErrors: 'skip', commit: true });
      expect(summary).toEqual({ ...EXPECTED, committed: true });
      expect(recordOf(importId)).toMatchObject({ status: 'committed', written: 4 });
    });

    it("keeps a desk's change made between two chunks, and updates a part a desk created with a number of the file", async () => {
      await resetMaster();
      const prepared = await preparePriceFile(t.core, clerk, 'r.csv', csvOf([HEADER, ...RESUMED]));
      writeTuning.chunkLines = 1;
      let desk: Promise<unknown> | null = null;
      writeTuning.beforeChunkCommit = (chunk) => {
        // Asked while the first chunk is being written: answered before a later chunk.
        if (chunk === 0) {
          desk = Promise.all([
            manager.client.parts.create({
              partNumber: 'R-NEW-3',
              nameZh: '柜台建的',
              nameEn: 'Made at the counter',
              unit: 'piece',
              listPriceFen: 999,
              costFen: 500,
              defaultBin: 'A-01-01',
              minQtyMilli: 0,
              maxQtyMilli: 0,
            }),
            t.core.deps.db.updateTable('parts').set({ brand: '柜台改的' }).where('part_number', '=', 'R5').execute(),
          ]);
        }
      };
      const { summary } = await runImport(clerk, { importId: prepared.importId, mapping: FULL, onErrors: 'stop', commit: true });
      await desk;
      expect(summary.committed).toBe(true);
      // The file names the price and the Chinese name; the desk's English name, cost and bin stay.
      expect(partByNumber(t, 'RNEW3')).toMatchObject({
        name_zh: '新三',
        name_en: 'Made at the counter',
        list_price_fen: 300,
        cost_fen: 500,
      });
      expect(partByNumber(t, 'R5')).toMatchObject({ brand: '柜台改的', list_price_fen: 5_000 });
      expect(t.core.deps.sqlite.prepare("SELECT count(*) FROM parts WHERE part_number = 'RNEW3'").pluck().get()).toBe(1);
    });
  });
});
