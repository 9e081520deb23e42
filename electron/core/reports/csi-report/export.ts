import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type {
  CsiComplaintDto,
  CsiVerbatimDto,
  MonthlyCsiExportDto,
  monthlyCsiInput,
} from '../../../../shared/contract/reports/csi-report';
import type { CsiRowDto } from '../../../../shared/contract/followup/surveys';
import type { ComplaintLevel, ComplaintStatus } from '../../../../shared/domain/complaints';
import type { CsiFactor } from '../../../../shared/domain/csi';
import { wallClock } from '../../../../shared/domain/desk-time';
import type { Actor, CoreDeps } from '../../context';
import { complaintPage, monthlyCsi, verbatimPage } from './service';

/** Rows read at a time when the lists are written whole. */
const PAGE = 200;

/**
 * The file is read away from the desk (the OEM's area manager, the dealer principal) in the language of the printed
 * documents, Chinese; these names are the zh-CN catalogue's (surveys.factors, complaints.level, complaints.status).
 */
const FACTOR_ZH: Record<CsiFactor, string> = {
  service_initiation: '服务启动',
  service_advisor: '服务顾问',
  service_facility: '服务设施',
  vehicle_pickup: '车辆交付',
  service_quality: '服务质量',
};
const LEVEL_ZH: Record<ComplaintLevel, string> = {
  ordinary: '一般投诉',
  escalated: '升级投诉',
  major: '重大投诉',
  major_urgent: '重大紧急投诉',
};
const STATUS_ZH: Record<ComplaintStatus, string> = {
  draft: '待确认草稿',
  open: '处理中',
  closed: '已结案',
  invalid: '无效投诉',
  dismissed: '已撤销',
};
/** The surveys area's `convention`, stated in every report. */
const CONVENTION_ZH =
  '因子得分 = 该因子 1-10 分题目的平均分 × 100；CSI = Σ 权重 × 因子得分（千分制）；未回答的题目不计入。NPS = 推荐题 9-10 分占比 − 0-6 分占比。';

/** An instant on the desk's clock: 2026-10-05 17:00. */
function deskTime(iso: string | null): string {
  if (!iso) return '';
  const { day, minutes } = wallClock(new Date(iso));
  return `${day} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

type Column = { header: string; key: string; width: number; numFmt?: string };

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

const PEOPLE_COLUMNS = (who: string): Column[] => [
  { header: who, key: 'name', width: 14 },
  { header: '问卷数', key: 'responses', width: 10 },
  { header: 'CSI（千分制）', key: 'csi', width: 14, numFmt: '0.0' },
  { header: 'NPS', key: 'nps', width: 10, numFmt: '0.0' },
  { header: '不满意问卷数', key: 'dissatisfied', width: 14 },
];

function peopleRow(row: CsiRowDto) {
  return { name: row.label, responses: row.responses, csi: row.csi, nps: row.nps, dissatisfied: row.dissatisfiedResponses };
}

async function allOf<T>(read: (offset: number) => Promise<{ rows: T[]; hasMore: boolean }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await read(offset);
    out.push(...page.rows);
    if (!page.hasMore) return out;
  }
}

/**
 * The monthly CSI report as an .xlsx (reports.monthlyCsiExport): the figures of reports.monthlyCsi, the verbatims and
 * complaints of the month in full. A month's report is small, so the workbook is built in memory.
 */
export async function monthlyCsiExport(
  deps: CoreDeps,
  actor: Actor,
  input: z.output<typeof monthlyCsiInput>,
): Promise<MonthlyCsiExportDto> {
  const report = await monthlyCsi(deps, actor, input);
  const verbatims: CsiVerbatimDto[] = await allOf((offset) => verbatimPage(deps, actor, input.month, offset, PAGE));
  const complaints: CsiComplaintDto[] = await allOf((offset) => complaintPage(deps, input.month, offset, PAGE));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'BayDesk';
  const { totals, closureRate } = report;

  const summary = sheet(workbook, '汇总', [
    { header: '项目', key: 'item', width: 26 },
    { header: '数值', key: 'value', width: 16 },
  ]);
  const summaryRows: [string, number | string | null, string?][] = [
    ['月份', report.month],
    ['CSI（千分制）', totals.csi, '0.0'],
    ['NPS', totals.nps, '0.0'],
    ['问卷数', totals.responses],
    ['不满意问卷数', totals.dissatisfiedResponses],
    ['推荐题回答数', totals.recommendAnswers],
    ['推荐者（9-10 分）', totals.promoters],
    ['贬损者（0-6 分）', totals.detractors],
    ['文字意见数', report.verbatimCount],
    ['投诉数', report.complaintCount],
    ['两周结案率', closureRate.rate, '0.0%'],
    ['已结案投诉', closureRate.closed],
    ['超过两周未结案投诉', closureRate.openOverTwoWeeks],
    ['两周内未结案投诉（不计入）', closureRate.openUnderTwoWeeks],
    ['结案率统计时点', deskTime(closureRate.asOf)],
    ['计算口径', CONVENTION_ZH],
  ];
  for (const [item, value, numFmt] of summaryRows) {
    const added = summary.addRow({ item, value });
    if (numFmt) added.getCell('value').numFmt = numFmt;
  }

  const factors = sheet(workbook, '因子', [
    { header: '因子', key: 'factor', width: 14 },
    { header: '因子得分', key: 'score', width: 12, numFmt: '0.0' },
    { header: '回答数', key: 'answers', width: 10 },
  ]);
  for (const f of report.factors) factors.addRow({ factor: FACTOR_ZH[f.factor], score: f.score, answers: f.answers });

  const advisors = sheet(workbook, '服务顾问', PEOPLE_COLUMNS('服务顾问'));
  for (const row of report.advisors) advisors.addRow(peopleRow(row));
  const technicians = sheet(workbook, '维修技师', PEOPLE_COLUMNS('维修技师'));
  for (const row of report.technicians) technicians.addRow(peopleRow(row));

  const trend = sheet(workbook, '趋势', [
    { header: '月份', key: 'month', width: 10 },
    { header: '问卷数', key: 'responses', width: 10 },
    { header: 'CSI（千分制）', key: 'csi', width: 14, numFmt: '0.0' },
    { header: 'NPS', key: 'nps', width: 10, numFmt: '0.0' },
    { header: '不满意问卷数', key: 'dissatisfied', width: 14 },
  ]);
  for (const p of report.trend)
    trend.addRow({ month: p.month, responses: p.responses, csi: p.csi, nps: p.nps, dissatisfied: p.dissatisfiedResponses });

  const verbatimSheet = sheet(workbook, '文字意见', [
    { header: '回访时间', key: 'at', width: 18 },
    { header: '委托书号', key: 'ro', width: 18 },
    { header: '服务顾问', key: 'advisor', width: 12 },
    { header: '客户', key: 'customer', width: 12 },
    { header: '是否不满意', key: 'dissatisfied', width: 10 },
    { header: '文字意见', key: 'text', width: 60 },
  ]);
  for (const v of verbatims)
    verbatimSheet.addRow({
      at: deskTime(v.answeredAt),
      ro: v.repairOrder.number,
      advisor: v.advisor.displayName,
      customer: v.customerName,
      dissatisfied: v.dissatisfied ? '不满意' : '',
      text: v.text,
    });

  const complaintSheet = sheet(workbook, '投诉', [
    { header: '投诉编号', key: 'number', width: 16 },
    { header: '级别', key: 'level', width: 14 },
    { header: '状态', key: 'status', width: 10 },
    { header: '客户', key: 'customer', width: 12 },
    { header: '委托书号', key: 'ro', width: 18 },
    { header: '客户陈述', key: 'says', width: 40 },
    { header: '受理时间', key: 'created', width: 18 },
    { header: '超时未响应', key: 'overdue', width: 10 },
    { header: '首次响应超时', key: 'late', width: 12 },
    { header: '结案时间', key: 'closed', width: 18 },
  ]);
  for (const c of complaints)
    complaintSheet.addRow({
      number: c.number,
      level: LEVEL_ZH[c.level],
      status: STATUS_ZH[c.status],
      customer: c.customerName,
      ro: c.repairOrderNumber ?? '',
      says: c.customerSays,
      created: deskTime(c.createdAt),
      overdue: c.overdue ? '是' : '',
      late: c.lateResponse ? '是' : '',
      closed: deskTime(c.closedAt),
    });

  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `csi-${report.month}.xlsx`, dataBase64: data.toString('base64') };
}
