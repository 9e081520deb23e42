import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignUtf8, detectDelimiter, readCsvRecords } from '../../electron/core/imports/reader';
import {
  checkLine,
  closesLoop,
  EMPTY_MAPPING,
  guessMapping,
  headerSignature,
  mappingProblem,
  parseMoneyFen,
  unitOf,
  type ColumnMapping,
} from '../../shared/domain/price-file';

describe('parseMoneyFen', () => {
  it.each([
    ['1234.5', 123_450],
    ['1,234.50', 123_450],
    ['¥12.5', 1_250],
    ['￥12.50', 1_250],
    ['12.50元', 1_250],
    ['RMB 8', 800],
    [' 0 ', 0],
    ['12.500', 1_250],
    ['１２.５', 1_250],
    ['100,000.00', 10_000_000],
  ])('%s is %i fen', (text, fen) => {
    expect(parseMoneyFen(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ['abc', 'priceImport.priceUnparsable'],
    ['12.345', 'priceImport.priceUnparsable'],
    ['1,5', 'priceImport.priceUnparsable'],
    ['12,34.5', 'priceImport.priceUnparsable'],
    ['', 'priceImport.priceUnparsable'],
    ['-5', 'priceImport.priceNegative'],
    ['¥-5.00', 'priceImport.priceNegative'],
    ['100,000.01', 'priceImport.priceTooHigh'],
    ['99999999999', 'priceImport.priceTooHigh'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseMoneyFen(text)).toEqual({ ok: false, reason });
  });

  it('-0 is zero, not negative', () => {
    expect(parseMoneyFen('-0.00')).toEqual({ ok: true, fen: 0 });
  });
});

describe('guessMapping and headerSignature', () => {
  it('reads Chinese and English header names, units in brackets and stray spaces', () => {
    expect(guessMapping(['零件号', '名称', '英文名称', '品牌', '单位', '零售价(元)', '成本', '替代号'])).toEqual({
      partNumber: 0,
      nameZh: 1,
      nameEn: 2,
      brand: 3,
      unit: 4,
      listPrice: 5,
      cost: 6,
      supersededBy: 7,
    });
    expect(guessMapping(['Part No.', 'Description', 'List price', 'Dealer net', 'Superseded by', 'Remark'])).toEqual({
      ...EMPTY_MAPPING,
      partNumber: 0,
      nameEn: 1,
      listPrice: 2,
      cost: 3,
      supersededBy: 4,
    });
    expect(guessMapping(['配件编号', '中文名称', '建议零售价', '进价'])).toMatchObject({
      partNumber: 0,
      nameZh: 1,
      listPrice: 2,
      cost: 3,
    });
    expect(guessMapping(['甲', '乙'])).toEqual(EMPTY_MAPPING);
  });

  it('keys the same header alike whatever its case, width, spacing and trailing empty columns', () => {
    const signature = headerSignature(['Part No', 'Description', 'List Price']);
    expect(headerSignature([' part  no ', 'DESCRIPTION', 'list price', '', ''])).toBe(signature);
    expect(headerSignature(['Ｐａｒｔ No', 'Description', 'List Price'])).toBe(signature);
    expect(headerSignature(['Part No', 'List Price', 'Description'])).not.toBe(signature);
  });
});

describe('mappingProblem', () => {
  const full: ColumnMapping = { ...EMPTY_MAPPING, partNumber: 0, listPrice: 1 };
  it('needs the part number and the list price, each column once, inside the header', () => {
    expect(mappingProblem(full, 2)).toBeNull();
    expect(mappingProblem({ ...full, listPrice: null }, 2)).toEqual({
      reason: 'priceImport.mappingRequired',
      target: 'listPrice',
    });
    expect(mappingProblem({ ...full, nameZh: 0 }, 2)).toEqual({ reason: 'priceImport.mappingTwice', target: 'nameZh' });
    expect(mappingProblem({ ...full, cost: 5 }, 2)).toEqual({ reason: 'priceImport.mappingColumn', target: 'cost' });
  });
});

describe('checkLine', () => {
  const mapping: ColumnMapping = {
    partNumber: 0,
    nameZh: 1,
    nameEn: 2,
    brand: 3,
    unit: 4,
    listPrice: 5,
    cost: 6,
    supersededBy: 7,
  };
  const line = (cells: Partial<Record<number, string>>) => Array.from({ length: 8 }, (_, i) => cells[i] ?? '');

  it('normalises the number, reads the prices and the unit, and keeps empty optional cells as "leave as is"', () => {
    expect(checkLine(line({ 0: '04152-yzza1', 1: '机油滤清器', 4: '个', 5: '1,234.50', 7: '04152 yzza2' }), mapping)).toEqual({
      ok: true,
      line: {
        partNumber: '04152YZZA1',
        nameZh: '机油滤清器',
        nameEn: null,
        brand: null,
        unit: 'piece',
        listPriceFen: 123_450,
        costFen: null,
        supersededBy: '04152YZZA2',
      },
    });
  });

  it.each([
    [{ 5: '1' }, 'priceImport.partNumberMissing', 'partNumber'],
    [{ 0: 'AB#1', 5: '1' }, 'priceImport.partNumberInvalid', 'partNumber'],
    [{ 0: 'A1' }, 'priceImport.priceMissing', 'listPrice'],
    [{ 0: 'A1', 5: 'x' }, 'priceImport.priceUnparsable', 'listPrice'],
    [{ 0: 'A1', 5: '1', 6: '-1' }, 'priceImport.priceNegative', 'cost'],
    [{ 0: 'A1', 5: '1', 4: '箱子' }, 'priceImport.unitUnknown', 'unit'],
    [{ 0: 'A1', 5: '1', 1: '长'.repeat(101) }, 'priceImport.textTooLong', 'nameZh'],
    [{ 0: 'A-1', 5: '1', 7: 'a 1' }, 'priceImport.supersededSelf', 'supersededBy'],
    [{ 0: 'A1', 5: '1', 7: 'B#2' }, 'priceImport.supersededInvalid', 'supersededBy'],
  ])('refuses %j: %s on %s', (cells, reason, target) => {
    expect(checkLine(line(cells), mapping)).toMatchObject({ ok: false, reason, target });
  });

  it('knows the units price files write', () => {
    expect([unitOf('PCS'), unitOf('升'), unitOf('套'), unitOf('EA.'), unitOf('箱')]).toEqual([
      'piece',
      'litre',
      'set',
      'piece',
      null,
    ]);
  });
});

describe('closesLoop', () => {
  const chain = (edges: Record<string, string>) => (n: string) => edges[n];
  it('follows the successors to the part itself, and stops on a loop it is not part of', () => {
    expect(closesLoop('A', 'B', chain({ B: 'C', C: 'A' }))).toBe(true);
    expect(closesLoop('A', 'B', chain({ B: 'C' }))).toBe(false);
    expect(closesLoop('A', 'B', chain({ B: 'C', C: 'B' }))).toBe(false);
  });
});

describe('the CSV reader', () => {
  const read = (text: string, delimiter = ',') => readCsvRecords(text, delimiter, { pos: 0, line: 1 }, Number.MAX_SAFE_INTEGER);

  it('splits plain lines, follows quotes across line breaks and keeps line numbers', () => {
    const rows = read('a,b\r\n"x, y","he said ""hi"""\n"two\nlines",z\nlast,');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'he said "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('finds the separator of the header line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('a,b\n')).toBe(',');
  });

  it('reads any CSV to the same records as csv-parse', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '零', '1', ' ', '.', ',', '"', '\n', '\r\n') }),
      fc.constantFrom('', '1,234.50', '¥12.5'),
    );
    const quote = (value: string) => (/[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map((row) => row.map(quote).join(',')).join('\r\n');
        const ours = read(text).map((row) => row.cells);
        const theirs = parse(text, {
          relax_column_count: true,
          record_delimiter: ['\r\n', '\n'],
          skip_empty_lines: false,
        }) as string[][];
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('alignUtf8', () => {
  it('never ends a chunk inside a character', async () => {
    const text = '配件名称机油滤清器'.repeat(50);
    const bytes = Buffer.from(text);
    async function* cut(size: number) {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    }
    for (const size of [1, 2, 5, 7, 64]) {
      const decoded: string[] = [];
      for await (const chunk of alignUtf8(cut(size))) decoded.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk);
      expect(decoded.join('')).toBe(text);
    }
  });
});
