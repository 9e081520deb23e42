import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { PartUnit, StockExport, partFilterInput } from '../../../shared/contract/parts';
import { wallClock } from '../../../shared/domain/desk-time';
import type { CoreDeps } from '../context';
import { filterQuery, partRow } from './service';
import * as repo from './repository';

/** Parts read from SQL at a time: the file grows row by row, never from one array of every part. */
const CHUNK = 1000;

/**
 * Column titles in both languages: the file leaves the desk (to the accountant, the OEM's area manager) and is read
 * without the desk's language setting.
 */
const COLUMNS: { header: string; key: string; width: number; money?: boolean }[] = [
  { header: '零件号 Part number', key: 'partNumber', width: 18 },
  { header: '中文名称 Name (Chinese)', key: 'nameZh', width: 28 },
  { header: '英文名称 Name (English)', key: 'nameEn', width: 28 },
  { header: '品牌 Brand', key: 'brand', width: 12 },
  { header: '库位 Bin', key: 'bin', width: 10 },
  { header: '单位 Unit', key: 'unit', width: 8 },
  { header: '在库 On hand', key: 'onHand', width: 10 },
  { header: '预留 Reserved', key: 'reserved', width: 10 },
  { header: '可用 Available', key: 'available', width: 10 },
  { header: '移动平均成本 Avg unit cost ¥', key: 'avgCost', width: 16, money: true },
  { header: '库存金额 Stock value ¥', key: 'stockValue', width: 16, money: true },
  { header: '销售价 List price ¥', key: 'listPrice', width: 14, money: true },
];

/** The unit in both languages, as the column titles are ("套 set"), never the stored code alone. */
const UNIT_WORDS: Record<PartUnit, string> = {
  piece: '个 piece',
  litre: '升 litre',
  set: '套 set',
  pair: '对 pair',
  metre: '米 metre',
  kg: '千克 kg',
  bottle: '瓶 bottle',
};

const units = (milli: number) => milli / 1000;
const yuan = (fen: number) => fen / 100;

/**
 * The stock list as an .xlsx (parts.exportStock): the grid's filters, every matching part in part-number order, a
 * header row and a totals row. Written with exceljs's streaming writer as SQL hands over chunks, so a 300,000-part
 * master never sits in memory as DTOs; only the finished file does (it is sent whole to the desk).
 */
export async function exportStock(deps: CoreDeps, input: z.output<typeof partFilterInput>): Promise<StockExport> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'BayDesk';
  const sheet = workbook.addWorksheet('库存 Stock', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.money ? { style: { numFmt: '0.00' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const totals = { onHand: 0, reserved: 0, available: 0, stockValue: 0, count: 0 };
  const filters = filterQuery(input);
  let after = '';
  for (;;) {
    const rows = await repo.partChunk(deps.db, filters, after, CHUNK);
    for (const data of rows) {
      const part = partRow(data);
      sheet
        .addRow({
          partNumber: part.partNumber,
          nameZh: part.nameZh,
          nameEn: part.nameEn,
          brand: part.brand,
          bin: part.defaultBin,
          unit: UNIT_WORDS[part.unit as PartUnit] ?? part.unit,
          onHand: units(part.onHandMilli),
          reserved: units(part.reservedMilli),
          available: units(part.availableMilli),
          avgCost: yuan(part.avgUnitCostFen),
          stockValue: yuan(part.stockValueFen),
          listPrice: yuan(part.listPriceFen),
        })
        .commit();
      totals.onHand += part.onHandMilli;
      totals.reserved += part.reservedMilli;
      totals.available += part.availableMilli;
      totals.stockValue += part.stockValueFen;
      totals.count += 1;
    }
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1]!.part_number;
  }
  const total = sheet.addRow({
    partNumber: `合计 Total (${totals.count})`,
    onHand: units(totals.onHand),
    reserved: units(totals.reserved),
    available: units(totals.available),
    stockValue: yuan(totals.stockValue),
  });
  total.font = { bold: true };
  total.commit();
  sheet.commit();
  await workbook.commit();
  await done;

  const { day, minutes } = wallClock(deps.clock.now());
  const stamp = `${day.replace(/-/g, '')}-${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
  return { fileName: `stock-${stamp}.xlsx`, dataBase64: Buffer.concat(chunks).toString('base64') };
}
