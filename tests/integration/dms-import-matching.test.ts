import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openTestCore, type TestCore } from '../fixtures/core';
import {
  CUSTOMERS,
  csvOf,
  importFile,
  ORDER_LINES,
  ORDERS,
  prepareDmsFile,
  runDms,
  VEHICLES,
  VIN_A,
  xlsxOf,
} from '../fixtures/dms-import';
import { signIn, type SignedIn } from '../fixtures/users';

// Issue 18 item 1: the previous DMS's customers, vehicles and ROs matched, refused with reasons, imported twice.

let t: TestCore;
let manager: SignedIn;

beforeAll(async () => {
  t = await openTestCore({ workers: 'in-process' });
  manager = await signIn(t.core, 'manager');
});
afterAll(async () => {
  await t?.close();
});

const rows = (sql: string, ...params: unknown[]) => t.core.deps.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
const count = (sql: string, ...params: unknown[]) => Number((t.core.deps.sqlite.prepare(sql).get(...params) as { n: number }).n);

describe('DMS import', () => {
  it('proposes the template mapping and refuses a dry run of nothing', async () => {
    const prepared = await prepareDmsFile(t.core, manager, 'customers', 'c.csv', csvOf(CUSTOMERS));
    expect(prepared.format).toBe('csv');
    expect(prepared.encoding).toBe('utf-8');
    expect(prepared.headers[0]).toBe('原客户编号');
    expect(prepared.suggestedMapping).toMatchObject({ legacyId: 0, name: 1, kind: 2, phone: 3, consent: 8 });
    expect(prepared.targets.filter((x) => x.required).map((x) => x.target)).toEqual(['legacyId', 'name']);
  });

  it('judges customers in a dry run without writing, then imports them', async () => {
    const before = count('SELECT count(*) AS n FROM customers');
    const dry = await importFile(t.core, manager, 'customers', CUSTOMERS, false);
    expect(dry.summary).toMatchObject({ rows: 6, created: 3, updated: 0, unchanged: 0, refused: 3, committed: false });
    expect(dry.summary.outcomes.filter((o) => o.outcome === 'refused')).toEqual([
      { line: 5, key: 'C4', outcome: 'refused', reason: 'dmsImport.phoneLetters', field: 'phone' },
      { line: 6, key: 'C1', outcome: 'refused', reason: 'dmsImport.duplicate', field: 'legacyId' },
      { line: 7, key: 'C5', outcome: 'refused', reason: 'dmsImport.phoneTaken', field: 'phone' },
    ]);
    expect(count('SELECT count(*) AS n FROM customers')).toBe(before);
    const page = await manager.client.dmsImport.refusalsPage({ importId: dry.prepared.importId });
    expect(page.total).toBe(3);
    expect(page.rows[0]).toMatchObject({ line: 5, reason: 'dmsImport.phoneLetters', cells: CUSTOMERS[4] });
    const workbook = await manager.client.dmsImport.refusals({ importId: dry.prepared.importId, language: 'en' });
    expect(Buffer.from(workbook.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const run = await importFile(t.core, manager, 'customers', CUSTOMERS);
    expect(run.summary).toMatchObject({ created: 3, refused: 3, committed: true, written: 3 });
    const c1 = rows(`SELECT * FROM customers WHERE legacy_id = 'C1'`)[0]!;
    expect(c1).toMatchObject({ name: '张三', kind: 'person', consent_to_contact: 1 });
    expect(rows(`SELECT kind FROM customers WHERE legacy_id = 'C3'`)[0]).toEqual({ kind: 'company' });
    expect(
      rows(`SELECT number FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE c.legacy_id = 'C2'`),
    ).toEqual([{ number: '13900139000' }, { number: '01065001234' }]);
  });

  it('matches a customer the desk already has by phone, never a second file for one phone', async () => {
    const desk = await manager.client.customers.create({
      kind: 'person',
      name: '孙七',
      phones: [{ number: '13500135000', label: 'mobile' }],
    } as never);
    const file = [CUSTOMERS[0]!, ['C7', '孙七', '', '135 0013 5000', '', '', '', '上海', '']];
    const { summary } = await importFile(t.core, manager, 'customers', file);
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    expect(rows(`SELECT id, address FROM customers WHERE legacy_id = 'C7'`)).toEqual([{ id: desk.id, address: '上海' }]);
  });

  it('imports vehicles matched to their owners, refusing a bad check digit, an unknown owner, a VIN twice', async () => {
    const { summary } = await importFile(t.core, manager, 'vehicles', VEHICLES);
    expect(summary).toMatchObject({ rows: 6, created: 3, refused: 3 });
    expect(summary.outcomes.filter((o) => o.outcome === 'refused').map((o) => [o.key, o.reason, o.field])).toEqual([
      ['V4', 'dmsImport.vinCheckDigit', 'vin'],
      ['V5', 'dmsImport.ownerUnknown', 'ownerLegacyId'],
      ['V6', 'dmsImport.duplicate', 'vin'],
    ]);
    const v2 = rows(`SELECT v.id, o.customer_id, c.legacy_id FROM vehicles v JOIN vehicle_ownerships o ON o.vehicle_id = v.id
      AND o.to_at IS NULL JOIN customers c ON c.id = o.customer_id WHERE v.legacy_id = 'V2'`)[0]!;
    expect(v2.legacy_id).toBe('C2');
    expect(rows(`SELECT km FROM vehicle_mileage m JOIN vehicles v ON v.id = m.vehicle_id WHERE v.legacy_id = 'V1'`)).toEqual([
      { km: 45000 },
    ]);
  });

  it('matches a vehicle by VIN and keeps the old id', async () => {
    const file = [VEHICLES[0]!, ['V1-NEW', VIN_A, '京A12345', '大众', '帕萨特', '2019', '2019-05-01', '', '', 'C1', '']];
    const { summary } = await importFile(t.core, manager, 'vehicles', file);
    // V1 carries another old id: two old vehicles for one VIN are refused, never merged silently.
    expect(summary.outcomes[0]).toMatchObject({ outcome: 'refused', reason: 'dmsImport.vinTaken' });
  });

  it('imports RO headers and lines as history, refusing an unknown vehicle, a bad date, an unknown RO', async () => {
    const orders = await importFile(t.core, manager, 'orders', ORDERS);
    expect(orders.summary).toMatchObject({ rows: 5, created: 3, refused: 2 });
    expect(orders.summary.outcomes.filter((o) => o.outcome === 'refused').map((o) => [o.key, o.reason])).toEqual([
      ['R4', 'dmsImport.vehicleUnknown'],
      ['R5', 'dmsImport.dateInvalid'],
    ]);
    const lines = await importFile(t.core, manager, 'orderLines', ORDER_LINES);
    expect(lines.summary).toMatchObject({ rows: 7, created: 4, refused: 3 });
    expect(lines.summary.outcomes.filter((o) => o.outcome === 'refused').map((o) => [o.key, o.reason])).toEqual([
      ['R99#1', 'dmsImport.orderUnknown'],
      ['R2#2', 'dmsImport.lineKindUnknown'],
      ['R1#1', 'dmsImport.duplicate'],
    ]);
    const r1 = rows(
      `SELECT number, status, source, legacy_advisor, legacy_parts_fen FROM repair_orders WHERE legacy_id = 'R1'`,
    )[0];
    expect(r1).toEqual({
      number: 'H-WO2026-0001',
      status: 'closed',
      source: 'import',
      legacy_advisor: '老周',
      legacy_parts_fen: 45050,
    });
    expect(
      count(
        `SELECT sum(total_fen) AS n FROM repair_order_lines l JOIN repair_orders r ON r.id = l.repair_order_id WHERE r.legacy_id = 'R1'`,
      ),
    ).toBe(75050);
    // History: no follow-up call, no stock movement.
    expect(count(`SELECT count(*) AS n FROM followup_tasks WHERE kind = 'csi_call'`)).toBe(0);
    expect(count('SELECT count(*) AS n FROM stock_movements')).toBe(0);
  });

  it('changes nothing when the same files run again', async () => {
    const tables = [
      'customers',
      'customer_phones',
      'vehicles',
      'vehicle_ownerships',
      'vehicle_mileage',
      'repair_orders',
      'repair_order_lines',
    ];
    const before = tables.map((table) => count(`SELECT count(*) AS n FROM ${table}`));
    const versions = rows('SELECT id, version FROM customers ORDER BY id');
    for (const [kind, file] of [
      ['customers', CUSTOMERS],
      ['vehicles', VEHICLES],
      ['orders', ORDERS],
      ['orderLines', ORDER_LINES],
    ] as const) {
      const { summary } = await importFile(t.core, manager, kind, file);
      expect(summary.created, kind).toBe(0);
      expect(summary.updated, kind).toBe(0);
      expect(summary.unchanged, kind).toBeGreaterThan(0);
    }
    expect(tables.map((table) => count(`SELECT count(*) AS n FROM ${table}`))).toEqual(before);
    expect(rows('SELECT id, version FROM customers ORDER BY id')).toEqual(versions);
  });

  it('updates what changed in the old system on a second run', async () => {
    const changed = CUSTOMERS.slice(0, 2).map((row) => [...row]);
    changed[1]![7] = '北京市海淀区';
    const { summary } = await importFile(t.core, manager, 'customers', changed);
    expect(summary).toMatchObject({ updated: 1, created: 0 });
    expect(rows(`SELECT address FROM customers WHERE legacy_id = 'C1'`)).toEqual([{ address: '北京市海淀区' }]);
  });

  it('finds imported customers by pinyin, and by their new name once the old system renamed them', async () => {
    const names = async (q: string) => (await manager.client.customers.lookup({ q })).rows.map((row) => row.customerName);
    expect(await names('zs')).toContain('张三');
    expect(await names('zhangsan')).toContain('张三');
    const renamed = CUSTOMERS.slice(0, 3).map((row) => [...row]);
    renamed[2]![1] = '单雄信';
    await importFile(t.core, manager, 'customers', renamed);
    expect(await names('sxx')).toContain('单雄信');
    expect(await names('lisi')).not.toContain('单雄信');
  });

  it('reads a GBK CSV and an XLSX', async () => {
    const file = [CUSTOMERS[0]!, ['G1', '周八', '', '13300133000', '', '', '', '广州市天河区', '']];
    const gbk = iconv.encode(csvOf(file), 'gbk');
    const prepared = await prepareDmsFile(t.core, manager, 'customers', 'gbk.csv', gbk);
    expect(prepared.encoding).toBe('gb18030');
    expect(prepared.previewRows[0]![1]).toBe('周八');
    const { summary } = await runDms(manager, {
      importId: prepared.importId,
      kind: 'customers',
      mapping: prepared.suggestedMapping,
      commit: true,
    });
    expect(summary).toMatchObject({ created: 1 });
    expect(rows(`SELECT name, address FROM customers WHERE legacy_id = 'G1'`)).toEqual([
      { name: '周八', address: '广州市天河区' },
    ]);

    const xlsx = await xlsxOf([CUSTOMERS[0]!, ['X1', '吴九', '', '13200132000', '', '', '', '', '是']]);
    const fromXlsx = await prepareDmsFile(t.core, manager, 'customers', 'c.xlsx', xlsx);
    expect(fromXlsx.format).toBe('xlsx');
    const run = await runDms(manager, {
      importId: fromXlsx.importId,
      kind: 'customers',
      mapping: fromXlsx.suggestedMapping,
      commit: true,
    });
    expect(run.summary).toMatchObject({ created: 1 });
    expect(
      rows(`SELECT number FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE c.legacy_id = 'X1'`),
    ).toEqual([{ number: '13200132000' }]);
  });

  it('gives the templates in both languages, read back with their mapping', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const template = await manager.client.dmsImport.template({ kind: 'orders', language });
      expect(template.fileName).toMatch(/\.xlsx$/);
      const prepared = await prepareDmsFile(
        t.core,
        manager,
        'orders',
        template.fileName,
        Buffer.from(template.dataBase64, 'base64'),
      );
      expect(prepared.headers).toHaveLength(12);
      expect(Object.values(prepared.suggestedMapping)).toEqual([...Array(12).keys()]);
    }
  });
});
