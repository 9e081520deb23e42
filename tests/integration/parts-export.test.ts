import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartRow } from '../../shared/contract/parts';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { LIBREOFFICE, openInLibreOffice } from '../fixtures/libreoffice';
import { makePart, stockIn } from '../fixtures/parts';
import { signIn, type SignedIn } from '../fixtures/users';

if (!LIBREOFFICE) console.warn('parts-export: libreoffice is not installed; the LibreOffice round trip is skipped');

let t: TestCore;
let clerk: SignedIn;
const reserved: number[] = [];

beforeAll(async () => {
  t = await openTestCore();
  clerk = await signIn(t.core, 'parts_clerk');
  // 1,250 parts: more than one chunk of the export's SQL paging.
  for (let i = 1; i <= 1_250; i += 1) {
    const p = await makePart(t.core, {
      part_number: `EXP-${String(i).padStart(5, '0')}`,
      name_zh: `配件${i}`,
      name_en: `Part ${i}`,
      brand: i % 2 ? '丰田' : '大众',
      list_price_fen: 1_000 + i * 7,
      cost_fen: 500 + i,
      default_bin: `A-${String(i % 10).padStart(2, '0')}-01`,
    });
    if (i % 5 === 0) await stockIn(t.core, p.id, i * 3, 400 + (i % 97));
    if (i % 10 === 0) reserved.push(p.id);
  }
  // Some parts held by an open RO line (written straight to the file: the RO link is another screen's work).
  const advisor = await signIn(t.core, 'advisor');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id);
  const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['保养'] });
  const now = t.clock.now().toISOString();
  const hold = t.core.deps.sqlite.prepare(
    `INSERT INTO part_reservations (line_id, part_id, repair_order_id, job_id, qty_milli, reserved_milli, to_order_milli,
       issued_milli, expected_at, status, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, NULL, 'open', 1, ?, ?)`,
  );
  reserved.forEach((partId, n) => hold.run(100_000 + n, partId, ro.id, ro.jobs[0]!.id, 1_500, 1_500, now, now));
}, 120_000);
afterAll(() => t?.close());

async function allGridRows(brand: string): Promise<PartRow[]> {
  const out: PartRow[] = [];
  for (let start = 0; ; start += 200) {
    const page = await clerk.client.parts.grid({ startRow: start, endRow: start + 200, brand });
    out.push(...page.rows);
    if (!page.hasMore) return out;
  }
}

describe('stock list export', () => {
  it('writes every part the filters find, numbers as numbers, with a totals row that matches the grid', async () => {
    const exported = await clerk.client.parts.exportStock({ brand: '大众' });
    expect(exported.fileName).toMatch(/^stock-\d{8}-\d{4}\.xlsx$/);
    const buffer = Buffer.from(exported.dataBase64, 'base64');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const grid = await allGridRows('大众');
    expect(grid).toHaveLength(625);
    expect(grid.filter((p) => p.reservedMilli === 1_500)).toHaveLength(reserved.length);
    expect(sheet.rowCount).toBe(1 + grid.length + 1);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(grid[0]!.partNumber);
    expect(typeof row.getCell(7).value).toBe('number');
    // The unit in both languages, as the column titles are: a Chinese reader never sees "set" alone.
    const unitCells = grid.map((_, i) => String(sheet.getRow(2 + i).getCell(6).value));
    expect(unitCells.every((cell) => /^[\u4e00-\u9fff]+ [a-z]+$/.test(cell))).toBe(true);
    expect(typeof row.getCell(12).value).toBe('number');
  });

  it.skipIf(!LIBREOFFICE)(
    'opens in LibreOffice with the same numbers as the grid',
    async () => {
      const exported = await clerk.client.parts.exportStock({ brand: '大众' });
      const csv = (await openInLibreOffice(Buffer.from(exported.dataBase64, 'base64'), t.dir, 'stock')).sheet('库存 Stock');
      const grid = await allGridRows('大众');
      const [header, ...body] = csv;
      expect(header![0]).toContain('Part number');
      const totals = body.pop()!;
      expect(body).toHaveLength(grid.length);
      const num = (cell: string | undefined) => Number(cell ?? 'NaN');
      grid.forEach((part, i) => {
        const cells = body[i]!;
        expect(cells[0]).toBe(part.partNumber);
        expect(cells[1]).toBe(part.nameZh);
        expect(cells[4]).toBe(part.defaultBin);
        expect(num(cells[6])).toBe(part.onHandMilli / 1000);
        expect(num(cells[7])).toBe(part.reservedMilli / 1000);
        expect(num(cells[8])).toBe(part.availableMilli / 1000);
        expect(Math.round(num(cells[9]) * 100)).toBe(part.avgUnitCostFen);
        expect(Math.round(num(cells[10]) * 100)).toBe(part.stockValueFen);
        expect(Math.round(num(cells[11]) * 100)).toBe(part.listPriceFen);
      });
      expect(totals[0]).toContain('625');
      expect(num(totals[7])).toBeCloseTo(grid.reduce((s, p) => s + p.reservedMilli, 0) / 1000, 6);
      expect(num(totals[8])).toBeCloseTo(grid.reduce((s, p) => s + p.availableMilli, 0) / 1000, 6);
      expect(num(totals[6])).toBeCloseTo(grid.reduce((s, p) => s + p.onHandMilli, 0) / 1000, 6);
      expect(Math.round(num(totals[10]) * 100)).toBe(grid.reduce((s, p) => s + p.stockValueFen, 0));
    },
    180_000,
  );
});
