import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type {
  MarginAmountsDto,
  MoneyExportDto,
  MoneyRoRowDto,
  RevenueAmountsDto,
  RevenueRowDto,
  RoPayer,
  moneyPeriodInput,
} from '../../../../shared/contract/reports/money';
import { wallClock } from '../../../../shared/domain/desk-time';
import type { CoreDeps } from '../../context';
import { moneyRos, partsMargin, revenue } from './service';

/** ROs read at a time when the list is written whole. */
const PAGE = 200;

/**
 * The file is read away from the desk (the dealer principal, the accountant) in the language of the printed
 * documents, Chinese; the names are the zh-CN catalogue's (reports/money).
 */
const PAYER_ZH: Record<RoPayer, string> = { customer: '客户付费', warranty: '保修（索赔）', insurance: '保险', internal: '内部' };
const DEFINITIONS_ZH =
  '产值按委托书交车日期计入（与 KPI 的"交车台次"口径一致）；只计未拒绝项目的工时、配件及外包/其他行，均为不含税金额（行合计 − 行税额）。' +
  '技师产值 = 派给该技师的项目的工时行（售出工时 × 工时单价，不含税）。配件毛利 = 发料价（不含税）− 发料时的移动平均成本（退料冲回）；未从库存发料的配件行无成本记录，单列，不计入毛利率。';

const yuan = (fen: number) => fen / 100;
const hours = (milli: number) => milli / 1000;

function deskTime(iso: string): string {
  const { day, minutes } = wallClock(new Date(iso));
  return `${day} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

type Column = { header: string; key: string; width: number; money?: boolean; numFmt?: string };

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.money ? { style: { numFmt: '0.00' } } : c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

const AMOUNT_COLUMNS: Column[] = [
  { header: '工时（元）', key: 'labor', width: 14, money: true },
  { header: '配件（元）', key: 'parts', width: 14, money: true },
  { header: '外包/其他（元）', key: 'other', width: 14, money: true },
  { header: '产值合计（元）', key: 'total', width: 16, money: true },
  { header: '售出工时', key: 'sold', width: 10, numFmt: '0.0##' },
  { header: '台次', key: 'ros', width: 8 },
];

function amounts(a: RevenueAmountsDto) {
  return {
    labor: yuan(a.laborFen),
    parts: yuan(a.partsFen),
    other: yuan(a.otherFen),
    total: yuan(a.totalFen),
    sold: hours(a.soldMilli),
    ros: a.ros,
  };
}

function margin(m: MarginAmountsDto) {
  return {
    sales: yuan(m.salesFen),
    cost: yuan(m.costFen),
    margin: yuan(m.marginFen),
    rate: m.marginRate,
    lines: m.lines,
    uncosted: yuan(m.uncostedSalesFen),
    uncostedLines: m.uncostedLines,
  };
}

const MARGIN_COLUMNS: Column[] = [
  { header: '配件销售额（不含税，元）', key: 'sales', width: 20, money: true },
  { header: '发料成本（元）', key: 'cost', width: 16, money: true },
  { header: '毛利（元）', key: 'margin', width: 14, money: true },
  { header: '毛利率', key: 'rate', width: 10, numFmt: '0.0%' },
  { header: '配件行数', key: 'lines', width: 10 },
  { header: '无成本记录的销售额（元）', key: 'uncosted', width: 22, money: true },
  { header: '无成本记录的行数', key: 'uncostedLines', width: 16 },
];

/** Both money reports of a period as an .xlsx (reports.moneyExport), the ROs in full. */
export async function moneyExport(deps: CoreDeps, input: z.output<typeof moneyPeriodInput>): Promise<MoneyExportDto> {
  const report = await revenue(deps, input);
  const parts = await partsMargin(deps, input);
  const ros: MoneyRoRowDto[] = [];
  for (let startRow = 0; ; startRow += PAGE) {
    const page = await moneyRos(deps, { ...input, startRow, endRow: startRow + PAGE, sortModel: [], filterModel: {} });
    ros.push(...page.rows);
    if (!page.hasMore) break;
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'BayDesk';

  const summary = sheet(workbook, '产值汇总', [
    { header: '期间', key: 'name', width: 12 },
    { header: '日期', key: 'dates', width: 24 },
    ...AMOUNT_COLUMNS,
  ]);
  const periods: [string, { from: string; to: string }, RevenueAmountsDto][] = [
    ['本期', report.period, report.totals],
    ['上期', report.previousPeriod, report.previous],
    ['去年同期', report.yearAgoPeriod, report.yearAgo],
  ];
  for (const [name, p, a] of periods) summary.addRow({ name, dates: `${p.from} ~ ${p.to}`, ...amounts(a) });
  summary.addRow({});
  summary.addRow({ name: '计算口径', dates: DEFINITIONS_ZH });

  const rowsSheet = (name: string, header: string, rows: RevenueRowDto[], label: (row: RevenueRowDto) => string) => {
    const ws = sheet(workbook, name, [{ header, key: 'key', width: 16 }, ...AMOUNT_COLUMNS]);
    for (const row of rows) ws.addRow({ key: label(row), ...amounts(row) });
  };
  rowsSheet(
    report.seriesBy === 'day' ? '按日' : '按月',
    report.seriesBy === 'day' ? '日期' : '月份',
    report.series,
    (r) => r.key,
  );
  rowsSheet('按付费方', '付费方', report.byPayer, (r) => PAYER_ZH[r.key as RoPayer]);
  rowsSheet('按服务顾问', '服务顾问', report.byAdvisor, (r) => r.label || '—');
  rowsSheet('按技师', '维修技师', report.byTechnician, (r) => r.label || '未派工');

  const groups = sheet(workbook, '配件毛利', [{ header: '配件分组（品牌）', key: 'key', width: 18 }, ...MARGIN_COLUMNS]);
  for (const g of parts.byGroup) groups.addRow({ key: g.key || '—', ...margin(g) });
  groups.addRow({ key: '合计', ...margin(parts.totals) });

  const roSheet = sheet(workbook, '委托书明细', [
    { header: '委托书号', key: 'number', width: 18 },
    { header: '车牌', key: 'plate', width: 12 },
    { header: '服务顾问', key: 'advisor', width: 12 },
    { header: '交车时间', key: 'delivered', width: 18 },
    ...AMOUNT_COLUMNS.filter((c) => c.key !== 'ros'),
    { header: '配件发料成本（元）', key: 'cost', width: 18, money: true },
    { header: '配件毛利（元）', key: 'margin', width: 16, money: true },
  ]);
  for (const r of ros)
    roSheet.addRow({
      number: r.number,
      plate: r.plate,
      advisor: r.advisorName,
      delivered: deskTime(r.deliveredAt),
      labor: yuan(r.laborFen),
      parts: yuan(r.partsFen),
      other: yuan(r.otherFen),
      total: yuan(r.totalFen),
      sold: hours(r.soldMilli),
      cost: yuan(r.partsCostFen),
      margin: yuan(r.partsMarginFen),
    });

  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `money-${input.from}-${input.to}.xlsx`, dataBase64: data.toString('base64') };
}
