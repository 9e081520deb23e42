import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { CUSTOMERS, importFile, VEHICLES, VIN_A, VIN_B } from '../fixtures/dms-import';
import { signIn, type SignedIn } from '../fixtures/users';

// Issue 18: the refused rows' workbook is read by whoever fixes the old system's export, in Excel: each row says why
// it was refused and which column is at fault in the language they read, never a catalogue key.

let t: TestCore;
let manager: SignedIn;
let importId: number;

beforeAll(async () => {
  t = await openTestCore({ workers: 'in-process' });
  manager = await signIn(t.core, 'manager');
  await importFile(t.core, manager, 'customers', CUSTOMERS);
  // A good car, a VIN that is not one, an owner's phone with a letter O for a zero.
  const file = [
    VEHICLES[0]!,
    ['V1', VIN_A, '京A12345', '大众', '帕萨特', '2019', '', '', '', 'C1', ''],
    ['V2', 'LSGKB54H-NOT-A-VIN', '', '别克', '君威', '2021', '', '', '', '', ''],
    ['V3', VIN_B, '', '奥迪', 'A6L', '2020', '', '', '', '', '1390013900O'],
  ];
  const dry = await importFile(t.core, manager, 'vehicles', file, false);
  expect(dry.summary).toMatchObject({ rows: 3, refused: 2 });
  importId = dry.prepared.importId;
});
afterAll(async () => {
  await t?.close();
});

/** The workbook as the user opens it: every row's cells as text. */
async function refusedRows(language: 'zh-CN' | 'en'): Promise<{ fileName: string; sheetName: string; rows: string[][] }> {
  const file = await manager.client.dmsImport.refusals({ importId, language });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((cell) => String(cell ?? ''))));
  return { fileName: file.fileName, sheetName: sheet.name, rows };
}

describe("the refused rows' workbook", () => {
  it('says why and which column in Chinese for a Chinese desk', async () => {
    const { fileName, sheetName, rows } = await refusedRows('zh-CN');
    expect(fileName).toBe('vehicles-被拒绝的行.xlsx');
    expect(sheetName).toBe('被拒绝的行');
    expect(rows[0]!.slice(0, 5)).toEqual(['行号', '原因', '出错的列', 'Old vehicle ID', 'VIN']);
    expect(rows.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['3', '车架号不是 17 位有效字符', '车架号', 'V2'],
      ['4', '电话中含有字母', '车主电话', 'V3'],
    ]);
    // The words the screen shows for the same reasons.
    expect(rows[1]![1]).toBe(zhCN.reasons.dmsImport.vinInvalid);
    expect(rows[2]![1]).toBe(zhCN.reasons.dmsImport.phoneLetters);
    expect(rows[2]!.at(-1)).toBe('1390013900O');
    expect(rows.flat().filter((cell) => /dmsImport\.|^(vin|ownerPhone)$/.test(cell))).toEqual([]);
  });

  it('says it in English for an English desk', async () => {
    const { fileName, rows } = await refusedRows('en');
    expect(fileName).toBe('vehicles-refused.xlsx');
    expect(rows[0]!.slice(0, 3)).toEqual(['Line', 'Why', 'Column at fault']);
    expect(rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['3', 'VIN is not 17 valid characters', 'VIN'],
      ['4', 'Phone has letters in it', 'Owner phone'],
    ]);
    expect(rows[1]![1]).toBe(en.reasons.dmsImport.vinInvalid);
    expect(rows[2]![1]).toBe(en.reasons.dmsImport.phoneLetters);
    expect(rows.flat().filter((cell) => /dmsImport\.|^(vin|ownerPhone)$/.test(cell))).toEqual([]);
  });

  it('is refused without a language it can write in', async () => {
    const french = { importId, language: 'fr' } as unknown as { importId: number; language: 'en' };
    await expectApiError(manager.client.dmsImport.refusals(french), 'INVALID_INPUT', { field: 'language' });
  });
});
