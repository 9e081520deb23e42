import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { DailyClosingExportDto, dailyClosingInput } from '../../../../shared/contract/reports/daily-closing';
import type { PaymentMethod } from '../../../../shared/contract/repair-orders/settlement';
import { wallClock } from '../../../../shared/domain/desk-time';
import type { CoreDeps } from '../../context';
import { dailyClosing } from './service';

/** The file goes to the accountant in the language of the printed documents: the zh-CN catalogue's names. */
const METHOD_ZH: Record<PaymentMethod, string> = {
  cash: '现金',
  card: '银行卡',
  wechat: '微信支付',
  alipay: '支付宝',
  transfer: '银行转账',
  other: '其他',
};

const yuan = (fen: number) => fen / 100;

/** An instant on the desk's clock: 2026-10-05 17:00. */
function deskTime(iso: string): string {
  const { day, minutes } = wallClock(new Date(iso));
  return `${day} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

type Column = { header: string; key: string; width: number; money?: boolean };

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.money ? { style: { numFmt: '0.00' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

const RO_COLUMNS: Column[] = [
  { header: '委托书号', key: 'ro', width: 18 },
  { header: '车牌', key: 'plate', width: 12 },
  { header: '客户', key: 'customer', width: 14 },
];

/** reports.dailyClosingExport: summary by method, payments, refunds, ROs closed, balances owed. */
export async function dailyClosingExport(
  deps: CoreDeps,
  input: z.output<typeof dailyClosingInput>,
): Promise<DailyClosingExportDto> {
  const report = await dailyClosing(deps, input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'BayDesk';

  const summary = sheet(workbook, '汇总', [
    { header: '收款方式', key: 'method', width: 12 },
    { header: '收款笔数', key: 'payments', width: 10 },
    { header: '收款金额（元）', key: 'paymentsFen', width: 16, money: true },
    { header: '退款笔数', key: 'refunds', width: 10 },
    { header: '退款金额（元）', key: 'refundsFen', width: 16, money: true },
    { header: '净收款（元）', key: 'netFen', width: 16, money: true },
  ]);
  const moneyRow = (m: { payments: number; paymentsFen: number; refunds: number; refundsFen: number; netFen: number }) => ({
    payments: m.payments,
    paymentsFen: yuan(m.paymentsFen),
    refunds: m.refunds,
    refundsFen: yuan(m.refundsFen),
    netFen: yuan(m.netFen),
  });
  for (const m of report.byMethod) summary.addRow({ method: METHOD_ZH[m.method], ...moneyRow(m) });
  summary.addRow({ method: '合计', ...moneyRow(report.totals) }).font = { bold: true };
  summary.addRow({});
  summary.addRow({ method: `营业日 ${report.day}` });
  summary.addRow({ method: '当日结清委托书', payments: report.closed.count, paymentsFen: yuan(report.closed.totalFen) });
  summary.addRow({ method: '日终尚欠委托书', payments: report.owing.count, paymentsFen: yuan(report.owing.balanceFen) });

  const payments = sheet(workbook, '收款明细', [
    { header: '时间', key: 'at', width: 18 },
    ...RO_COLUMNS,
    { header: '收款方式', key: 'method', width: 10 },
    { header: '金额（元）', key: 'amount', width: 14, money: true },
    { header: '凭证号', key: 'reference', width: 20 },
    { header: '收款人', key: 'by', width: 12 },
  ]);
  for (const p of report.payments)
    payments.addRow({
      at: deskTime(p.at),
      ro: p.repairOrderNumber,
      plate: p.plate,
      customer: p.customerName,
      method: METHOD_ZH[p.method],
      amount: yuan(p.amountFen),
      reference: p.reference,
      by: p.receivedBy,
    });

  const refunds = sheet(workbook, '退款明细', [
    { header: '批准时间', key: 'at', width: 18 },
    ...RO_COLUMNS,
    { header: '退款方式', key: 'method', width: 10 },
    { header: '金额（元）', key: 'amount', width: 14, money: true },
    { header: '原因', key: 'reason', width: 30 },
    { header: '申请人', key: 'requestedBy', width: 12 },
    { header: '批准人', key: 'approvedBy', width: 12 },
  ]);
  for (const f of report.refunds)
    refunds.addRow({
      at: deskTime(f.at),
      ro: f.repairOrderNumber,
      plate: f.plate,
      customer: f.customerName,
      method: METHOD_ZH[f.method],
      amount: yuan(f.amountFen),
      reason: f.reason,
      requestedBy: f.requestedBy,
      approvedBy: f.approvedBy,
    });

  const closed = sheet(workbook, '当日结清', [
    { header: '结清时间', key: 'at', width: 18 },
    ...RO_COLUMNS,
    { header: '客户应付（元）', key: 'total', width: 16, money: true },
  ]);
  for (const r of report.closed.rows)
    closed.addRow({
      at: deskTime(r.closedAt),
      ro: r.repairOrderNumber,
      plate: r.plate,
      customer: r.customerName,
      total: yuan(r.totalFen),
    });

  const owing = sheet(workbook, '日终欠款', [
    { header: '交车时间', key: 'at', width: 18 },
    ...RO_COLUMNS,
    { header: '客户应付（元）', key: 'owed', width: 16, money: true },
    { header: '已付（元）', key: 'paid', width: 14, money: true },
    { header: '尚欠（元）', key: 'balance', width: 14, money: true },
  ]);
  for (const r of report.owing.rows)
    owing.addRow({
      at: deskTime(r.deliveredAt),
      ro: r.repairOrderNumber,
      plate: r.plate,
      customer: r.customerName,
      owed: yuan(r.owedFen),
      paid: yuan(r.paidFen),
      balance: yuan(r.balanceFen),
    });

  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `daily-closing-${report.day}.xlsx`, dataBase64: data.toString('base64') };
}
