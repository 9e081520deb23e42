import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { DmsImportFile, refusalsInput, templateInput } from '../../../shared/contract/dms-import';
import { templateHeader, templateHeaders, type DmsImportKind, type DmsTarget } from '../../../shared/domain/dms-import';
import type { CoreDeps } from '../context';
import { notFound } from '../errors';
import { reasonWords, titleWords } from './refusal-words';
import * as repo from './repository';

// The workbooks the screen offers: a kind's template, and the rows a run refused.

const FILE_NAMES: Record<DmsImportKind, { 'zh-CN': string; en: string }> = {
  customers: { 'zh-CN': '客户导入模板', en: 'customers-template' },
  vehicles: { 'zh-CN': '车辆导入模板', en: 'vehicles-template' },
  orders: { 'zh-CN': '工单导入模板', en: 'repair-orders-template' },
  orderLines: { 'zh-CN': '工单明细导入模板', en: 'repair-order-lines-template' },
};

async function asFile(workbook: ExcelJS.Workbook, fileName: string): Promise<DmsImportFile> {
  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName, dataBase64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
}

/** The kind's template: its header row in the language asked, bold and frozen, columns wide enough to read. */
export async function template(_deps: CoreDeps, input: z.output<typeof templateInput>): Promise<DmsImportFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(FILE_NAMES[input.kind][input.language].replace(/-template$|导入模板$/, '') || 'data');
  const headers = templateHeaders(input.kind, input.language);
  sheet.addRow(headers).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  headers.forEach((header, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, header.length * (input.language === 'zh-CN' ? 2.2 : 1.2));
    // Ids, phones and VINs are text: Excel would drop leading zeros or write 1.38E+10.
    sheet.getColumn(i + 1).numFmt = '@';
  });
  return asFile(workbook, `${FILE_NAMES[input.kind][input.language]}.xlsx`);
}

/**
 * The rows the import's last run refused: line, why and the column at fault in the language asked (the column named
 * as the kind's template names it), then the row's cells under the file's own header.
 */
export async function refusalsWorkbook(deps: CoreDeps, input: z.output<typeof refusalsInput>): Promise<DmsImportFile> {
  const record = await repo.findImport(deps.db, input.importId);
  if (!record) notFound('dmsImport');
  const { language } = input;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(titleWords('sheet', language), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = record.mapping_json ? ((JSON.parse(record.mapping_json) as { header?: string[] }).header ?? []) : [];
  const titles = [titleWords('line', language), titleWords('reason', language), titleWords('field', language)];
  sheet.addRow([...titles, ...header]).font = { bold: true };
  sheet.getColumn(2).width = language === 'zh-CN' ? 30 : 40;
  sheet.getColumn(3).width = 16;
  for (let offset = 0; ; offset += 1000) {
    const rows = await repo.refusals(deps.db, input.importId, offset, 1000);
    for (const row of rows)
      sheet.addRow([
        row.line,
        reasonWords(row.reason, language),
        templateHeader(record.kind, row.field as DmsTarget, language),
        ...(JSON.parse(row.cells_json) as string[]),
      ]);
    if (rows.length < 1000) break;
  }
  const base = record.file_name.replace(/\.[^.]*$/, '');
  return asFile(workbook, `${base}-${titleWords('fileSuffix', language)}.xlsx`);
}
