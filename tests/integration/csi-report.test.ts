import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvanceComplaintInput, ComplaintDetailDto } from '../../shared/contract/complaints';
import type { MonthlyCsiDto } from '../../shared/contract/reports/csi-report';
import type { RecordSurveyResultDto, SurveyTemplateDto } from '../../shared/contract/followup/surveys';
import { FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { answersByPosition, beijing, deliveredRo } from '../fixtures/delivered';
import { expectApiError } from '../fixtures/errors';
import { LIBREOFFICE, openInLibreOffice } from '../fixtures/libreoffice';
import { makeCustomer } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

if (!LIBREOFFICE) console.warn('csi-report: libreoffice is not installed; the LibreOffice round trip is skipped');

let t: TestCore;
let advisorA: SignedIn;
let advisorB: SignedIn;
let foreman: SignedIn;
let techX: SignedIn;
let techY: SignedIn;
let agent: SignedIn;
let manager: SignedIn;
let template: SurveyTemplateDto;
const roNumbers: Record<string, string> = {};
/** Complaint drafts a dissatisfied survey may open (made by the complaints area): counted with the hand-made ones. */
const drafts: RecordSurveyResultDto['complaint'][] = [];
const complaintNumbers: Record<string, string> = {};
let report: MonthlyCsiDto;

const STEPS: { [S in AdvanceComplaintInput['step']]: Omit<Extract<AdvanceComplaintInput, { step: S }>, 'id' | 'version'> } = {
  validity: { step: 'validity', valid: true, reason: '确属维修质量问题' },
  assign: { step: 'assign', department: 'workshop' },
  analyse: { step: 'analyse', cause: '气门间隙未按标准调整' },
  propose: { step: 'propose', resolutionKind: 'redo', resolution: '免费返工' },
  approve: { step: 'approve', approved: true },
  carry_out: { step: 'carry_out', done: '已返工，电话告知客户' },
  callback: { step: 'callback', satisfied: true },
  summary: { step: 'summary', rootCause: 'workmanship', correctiveAction: '技师复训' },
};

async function complaintAt(at: string, says: string): Promise<ComplaintDetailDto> {
  t.clock.set(at);
  const customer = await makeCustomer(agent.client);
  return agent.client.complaints.create({
    source: 'phone',
    customerId: customer.id,
    againstDepartment: 'workshop',
    customerSays: says,
  });
}

/** Every step with the default answers (the manager approves) at `at`: the complaint is closed then. */
async function closeAt(c: ComplaintDetailDto, at: string): Promise<void> {
  t.clock.set(at);
  let current = c;
  while (current.nextStep !== null) {
    const who = current.nextStep === 'approve' ? manager : agent;
    current = await who.client.complaints.advance({
      id: current.id,
      version: current.version,
      ...STEPS[current.nextStep],
    } as AdvanceComplaintInput);
  }
}

/**
 * Two months of delivered ROs with surveys (the shipped version 1, weights 19/19/20/20/22), and complaints around
 * October 2026, the report's month. Positions: 1 init (req), 2 init, 3 advisor courtesy (req), 4 advisor explanation,
 * 5 facility (req), 6 pick-up (req), 7 pick-up cleanliness, 8 quality (req), 9 recommend (req), 10 fixed (yes/no), 11 text.
 *
 *        month  advisor tech  init   adv    fac  pick   qual  rec  fixed  text
 *   S1   Sep    A       X     8      8      8    8      8     8    yes    –
 *   O1   Oct    A       X     9      10     8    10     9     10   yes    服务顾问很专业
 *   O2   Oct    B       Y     7      5      6    8      7     6    no     等待时间太长      (dissatisfied)
 *   O3   Oct    B       X     10, 8  9, –   9    9, 9   10    9    yes    –
 *
 * September: every factor 800 → CSI 800; NPS: one 8 (passive) → 0.
 * October factor means: init (9+7+10+8)/4 = 8.5 → 850; adv (10+5+9)/3 = 8 → 800; fac (8+6+9)/3 → 766.67;
 *   pick (10+8+9+9)/4 = 9 → 900; qual (9+7+10)/3 → 866.67.
 *   CSI = 0.19×850 + 0.19×800 + 0.2×766.67 + 0.2×900 + 0.22×866.67 = 161.5 + 152 + 153.33 + 180 + 190.67 = 837.5
 *   NPS: 10, 6, 9 → (2 − 1) ÷ 3 = +33.3
 * Advisor A (O1): 0.19×900 + 0.19×1000 + 0.2×800 + 0.2×1000 + 0.22×900 = 171 + 190 + 160 + 200 + 198 = 919; NPS +100.
 * Advisor B (O2, O3): init 25/3 → 833.33, adv 7 → 700, fac 7.5 → 750, pick 26/3 → 866.67, qual 8.5 → 850:
 *   158.33 + 133 + 150 + 173.33 + 187 = 801.67 → 801.7; NPS: 6, 9 → 0.
 * Technician X (O1, O3): init 9 → 900, adv 9.5 → 950, fac 8.5 → 850, pick 28/3 → 933.33, qual 9.5 → 950:
 *   171 + 180.5 + 170 + 186.67 + 209 = 917.17 → 917.2; NPS +100.
 * Technician Y (O2): 0.19×700 + 0.19×500 + 0.2×600 + 0.2×800 + 0.22×700 = 133 + 95 + 120 + 160 + 154 = 662; NPS −100.
 *
 * Complaints: C1 created 20 Sep, still open (open in October: listed, not in October's rate); C2 created 5 Sep and
 * judged invalid on 6 Sep (not listed); C3 created 3 Oct, closed 10 Oct; C4 created 8 Oct, never answered (open over
 * two weeks at the month's end, overdue now); C5 created 28 Oct (open under two weeks at the month's end).
 * Two-week closure rate of October as of its end: closed 1 ÷ (1 + 1 open over two weeks) = 50 %.
 */
beforeAll(async () => {
  t = await openTestCore();
  advisorA = await signIn(t.core, 'advisor');
  advisorB = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  techX = await signIn(t.core, 'technician');
  techY = await signIn(t.core, 'technician');
  agent = await signIn(t.core, 'csi_agent');
  manager = await signIn(t.core, 'manager');
  template = await agent.client.followup.surveyTemplate();

  const survey = async (
    key: string,
    ro: { id: number; number: string },
    at: string,
    byPosition: Record<number, number | boolean | string | null>,
  ) => {
    roNumbers[key] = ro.number;
    t.clock.set(at);
    const result = await agent.client.followup.recordSurvey({
      repairOrderId: ro.id,
      answers: answersByPosition(template, byPosition),
    });
    if (result.complaint) drafts.push(result.complaint);
  };
  const s1 = await deliveredRo(t, { advisor: advisorA, foreman, technician: techX }, '2026-09-08');
  await survey('S1', s1, beijing('2026-09-10', '10:00'), { 1: 8, 3: 8, 5: 8, 6: 8, 8: 8, 9: 8, 10: true });
  const o1 = await deliveredRo(t, { advisor: advisorA, foreman, technician: techX }, '2026-10-02');
  const o3 = await deliveredRo(t, { advisor: advisorB, foreman, technician: techX }, '2026-10-04');
  const o2 = await deliveredRo(t, { advisor: advisorB, foreman, technician: techY }, '2026-10-22');
  await survey('O1', o1, beijing('2026-10-05', '10:00'), {
    1: 9,
    3: 10,
    5: 8,
    6: 10,
    8: 9,
    9: 10,
    10: true,
    11: '服务顾问很专业',
  });
  await survey('O3', o3, beijing('2026-10-07', '11:00'), { 1: 10, 2: 8, 3: 9, 4: null, 5: 9, 6: 9, 7: 9, 8: 10, 9: 9, 10: true });
  // Late in the month: a draft complaint it may open is under two weeks old at the month's end (not in the rate).
  await survey('O2', o2, beijing('2026-10-25', '15:00'), { 1: 7, 3: 5, 5: 6, 6: 8, 8: 7, 9: 6, 10: false, 11: '等待时间太长' });

  const c1 = await complaintAt(beijing('2026-09-20', '10:00'), '九月的投诉，仍未处理完');
  const c2 = await complaintAt(beijing('2026-09-05', '10:00'), '无效投诉');
  t.clock.set(beijing('2026-09-06', '10:00'));
  await agent.client.complaints.advance({ id: c2.id, version: c2.version, step: 'validity', valid: false, reason: '与本店无关' });
  const c3 = await complaintAt(beijing('2026-10-03', '10:00'), '保养后异响');
  await closeAt(c3, beijing('2026-10-10', '10:00'));
  const c4 = await complaintAt(beijing('2026-10-08', '10:00'), '价格不透明');
  const c5 = await complaintAt(beijing('2026-10-28', '10:00'), '洗车不干净');
  Object.assign(complaintNumbers, { C1: c1.number, C2: c2.number, C3: c3.number, C4: c4.number, C5: c5.number });

  t.clock.set(FIXED_NOW);
  report = await manager.client.reports.monthlyCsi({ month: '2026-10' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the monthly CSI report of October 2026', () => {
  it('totals: CSI 837.5, NPS +33.3, three surveys, one dissatisfied', () => {
    expect(report.from).toBe('2026-10-01');
    expect(report.to).toBe('2026-10-31');
    expect(report.totals).toMatchObject({
      responses: 3,
      csi: 837.5,
      nps: 33.3,
      promoters: 2,
      detractors: 1,
      dissatisfiedResponses: 1,
    });
  });

  it('by factor, unanswered questions left out', () => {
    expect(report.factors.map((f) => [f.factor, f.score, f.answers])).toEqual([
      ['service_initiation', 850, 4],
      ['service_advisor', 800, 3],
      ['service_facility', 766.7, 3],
      ['vehicle_pickup', 900, 4],
      ['service_quality', 866.7, 3],
    ]);
  });

  it('by advisor and by technician', () => {
    const people = (rows: MonthlyCsiDto['advisors']) =>
      Object.fromEntries(
        rows.map((r) => [r.key, { responses: r.responses, csi: r.csi, nps: r.nps, dissatisfied: r.dissatisfiedResponses }]),
      );
    expect(people(report.advisors)).toEqual({
      [advisorA.session.user.id]: { responses: 1, csi: 919, nps: 100, dissatisfied: 0 },
      [advisorB.session.user.id]: { responses: 2, csi: 801.7, nps: 0, dissatisfied: 1 },
    });
    expect(report.advisors.find((r) => r.key === String(advisorA.session.user.id))?.label).toBe(
      advisorA.session.user.displayName,
    );
    expect(people(report.technicians)).toEqual({
      [techX.session.user.id]: { responses: 2, csi: 917.2, nps: 100, dissatisfied: 0 },
      [techY.session.user.id]: { responses: 1, csi: 662, nps: -100, dissatisfied: 1 },
    });
  });

  it('the 12-month trend ends with October: September 800, October 837.5, the months before empty', () => {
    expect(report.trend.map((p) => p.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(report.trend.slice(-2)).toEqual([
      { month: '2026-09', responses: 1, csi: 800, nps: 0, dissatisfiedResponses: 0 },
      { month: '2026-10', responses: 3, csi: 837.5, nps: 33.3, dissatisfiedResponses: 1 },
    ]);
    expect(report.trend.slice(0, 10).every((p) => p.responses === 0 && p.csi === null && p.nps === null)).toBe(true);
  });

  it('the verbatims of the month with RO, advisor and day; surveys without text are not among them', () => {
    expect(report.verbatimCount).toBe(2);
    expect(report.verbatims.map((v) => [v.text, v.repairOrder.number, v.advisor.displayName, v.dissatisfied])).toEqual([
      ['等待时间太长', roNumbers.O2, advisorB.session.user.displayName, true],
      ['服务顾问很专业', roNumbers.O1, advisorA.session.user.displayName, false],
    ]);
    expect(report.verbatims[1]!.answeredAt).toBe(beijing('2026-10-05', '10:00'));
  });

  it('the complaints created or open in October with level, state, overdue and closing time; the closure rate 50 %', () => {
    const byNumber = Object.fromEntries(report.complaints.map((c) => [c.number, c]));
    expect(report.complaintCount).toBe(4 + drafts.length);
    expect(report.complaints).toHaveLength(4 + drafts.length);
    expect(byNumber[complaintNumbers.C2!]).toBeUndefined();
    expect(byNumber[complaintNumbers.C1!]).toMatchObject({ status: 'open', closedAt: null, overdue: true });
    expect(byNumber[complaintNumbers.C3!]).toMatchObject({
      level: 'ordinary',
      status: 'closed',
      overdue: false,
      closedAt: beijing('2026-10-10', '10:00'),
    });
    expect(byNumber[complaintNumbers.C4!]).toMatchObject({
      status: 'open',
      overdue: true,
      closedAt: null,
      customerSays: '价格不透明',
    });
    expect(byNumber[complaintNumbers.C5!]).toMatchObject({ status: 'open', overdue: true });
    // Drafts and open ones first, then newest first.
    expect(report.complaints.at(-1)!.number).toBe(complaintNumbers.C3);
    expect(report.closureRate).toMatchObject({
      asOf: '2026-10-31T15:59:59.999Z',
      closed: 1,
      openOverTwoWeeks: 1,
      // A draft a dissatisfied survey opens is not a complaint being handled: not in the rate.
      openUnderTwoWeeks: 1,
      rate: 0.5,
    });
  });

  it('the CSI agent reads it; an advisor may not; a malformed or future month is refused', async () => {
    expect((await agent.client.reports.monthlyCsi({ month: '2026-10' })).totals.csi).toBe(837.5);
    await expectApiError(advisorA.client.reports.monthlyCsi({ month: '2026-10' }), 'FORBIDDEN');
    await expectApiError(advisorA.client.reports.monthlyCsiExport({ month: '2026-10' }), 'FORBIDDEN');
    await expectApiError(manager.client.reports.monthlyCsi({ month: '2026-13' }), 'INVALID_INPUT', { field: 'month' });
    await expectApiError(manager.client.reports.monthlyCsi({ month: '2026-12' }), 'RULE', {
      field: 'month',
      reason: 'csiReport.futureMonth',
    });
    // The running month is reported as of now.
    const november = await manager.client.reports.monthlyCsi({ month: '2026-11' });
    expect(november.totals.responses).toBe(0);
    expect(november.trend.at(-2)).toMatchObject({ month: '2026-10', csi: 837.5 });
    expect(november.closureRate.asOf).toBe(FIXED_NOW);
  });
});

describe('the Excel export of October 2026', () => {
  async function workbook(): Promise<ExcelJS.Workbook> {
    const exported = await manager.client.reports.monthlyCsiExport({ month: '2026-10' });
    expect(exported.fileName).toBe('csi-2026-10.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(exported.dataBase64, 'base64') as unknown as ArrayBuffer);
    return book;
  }

  it('has the seven sheets with Chinese headers and numbers as numbers', async () => {
    const book = await workbook();
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '因子', '服务顾问', '维修技师', '趋势', '文字意见', '投诉']);
    const summary = book.getWorksheet('汇总')!;
    expect(summary.getRow(3).values).toEqual([undefined, 'CSI（千分制）', 837.5]);
    const advisors = book.getWorksheet('服务顾问')!;
    expect(advisors.getRow(1).getCell(1).value).toBe('服务顾问');
    const rowA = [2, 3].map((n) => advisors.getRow(n)).find((r) => r.getCell(1).value === advisorA.session.user.displayName)!;
    expect([rowA.getCell(2).value, rowA.getCell(3).value, rowA.getCell(4).value]).toEqual([1, 919, 100]);
    const trend = book.getWorksheet('趋势')!;
    expect(trend.rowCount).toBe(13);
    expect(trend.getRow(13).getCell(3).value).toBe(837.5);
    expect(book.getWorksheet('文字意见')!.rowCount).toBe(3);
    expect(book.getWorksheet('投诉')!.rowCount).toBe(1 + 4 + drafts.length);
  });

  it.skipIf(!LIBREOFFICE)(
    'opens in LibreOffice with the report’s figures',
    async () => {
      const exported = await manager.client.reports.monthlyCsiExport({ month: '2026-10' });
      const book = await openInLibreOffice(Buffer.from(exported.dataBase64, 'base64'), t.dir, 'csi');
      const csv = (sheet: string) => book.sheet(sheet);
      const num = (cell: string | undefined) => Number(cell ?? 'NaN');
      const summary = Object.fromEntries(csv('汇总').map((r) => [r[0], r[1]]));
      expect(num(summary['CSI（千分制）'])).toBe(837.5);
      expect(num(summary['NPS'])).toBeCloseTo(33.3, 6);
      expect(num(summary['问卷数'])).toBe(3);
      expect(num(summary['不满意问卷数'])).toBe(1);
      expect(summary['两周结案率']).toBe('50.0%');
      const factors = csv('因子');
      expect(factors[0]).toEqual(['因子', '因子得分', '回答数']);
      expect(factors.slice(1).map((r) => [r[0], num(r[1]), num(r[2])])).toEqual([
        ['服务启动', 850, 4],
        ['服务顾问', 800, 3],
        ['服务设施', 766.7, 3],
        ['车辆交付', 900, 4],
        ['服务质量', 866.7, 3],
      ]);
      const technicians = Object.fromEntries(
        csv('维修技师')
          .slice(1)
          .map((r) => [r[0], [num(r[1]), num(r[2]), num(r[3])]]),
      );
      expect(technicians[techX.session.user.displayName]).toEqual([2, 917.2, 100]);
      expect(technicians[techY.session.user.displayName]).toEqual([1, 662, -100]);
      const trend = csv('趋势');
      expect(
        trend
          .at(-1)!
          .slice(0, 4)
          .map((c, i) => (i === 0 ? c : num(c))),
      ).toEqual(['2026-10', 3, 837.5, 33.3]);
      expect(
        csv('文字意见')
          .slice(1)
          .map((r) => r[5]),
      ).toEqual(['等待时间太长', '服务顾问很专业']);
      const complaints = csv('投诉').slice(1);
      expect(complaints.find((r) => r[0] === complaintNumbers.C3)?.slice(1, 3)).toEqual(['一般投诉', '已结案']);
      expect(complaints.find((r) => r[0] === complaintNumbers.C3)?.[9]).toBe('2026-10-10 10:00');
    },
    180_000,
  );
});
