import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { monthOf } from '../../shared/domain/kpi-months';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { answersByPosition } from '../fixtures/delivered';
import { type Desk, expect, field, signInAs, test } from './fixtures';
import { compactPdfText, pdfText } from './pdf-text';

/** What the customer said on the call: short enough to print on one line of the verbatims table. */
const VERBATIM = '交车时车辆很干净';

async function as(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

/**
 * An RO of the demo advisor (李娜) on a new car, its one job done by the demo technician, inspected by the foreman and
 * delivered; then the CSI agent records the day-3 survey, all 9s, with a verbatim. All through the core's API.
 */
async function surveyedRo(desk: Desk): Promise<{ number: string; advisorName: string }> {
  const advisor = await as(desk, 'advisor');
  const foreman = await as(desk, 'foreman');
  const technician = await as(desk, 'technician');
  const agent = await as(desk, 'csi_agent');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id);
  const c = advisor.client.repairOrders;
  let ro = await c.create({ vehicleId: vehicle.id, concerns: ['保养'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'maintenance',
    workCategory: 'level1_minor_special',
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  await foreman.client.workshop.assign({ jobId, technicianId: technician.session.user.id, overrideSkills: true });
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  ro = await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
  const template = await agent.client.followup.surveyTemplate();
  await agent.client.followup.recordSurvey({
    repairOrderId: ro.id,
    answers: answersByPosition(template, { 1: 9, 3: 9, 5: 9, 6: 9, 8: 9, 9: 9, 10: true, 11: VERBATIM }),
  });
  return { number: ro.number, advisorName: advisor.session.user.displayName };
}

test('the manager reads the monthly CSI report with a new survey in it, prints it to a Chinese PDF and exports it to Excel', async ({
  page,
  desk,
}) => {
  const month = monthOf(desk.clock.now());
  const manager = await as(desk, 'manager');
  const before = await manager.client.reports.monthlyCsi({ month });
  const ro = await surveyedRo(desk);
  const report = await manager.client.reports.monthlyCsi({ month });
  expect(report.totals.responses).toBe(before.totals.responses + 1);
  expect(report.verbatims[0]).toMatchObject({ text: VERBATIM, repairOrder: { number: ro.number } });
  const csi = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(report.totals.csi!);

  await test.step('the manager opens the report for the month on the screen', async () => {
    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'CSI report' }).click();
    await expect(page.getByRole('heading', { name: 'Monthly CSI report' })).toBeVisible();
    await field(page, 'month').input.fill(month);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByTestId('csi-report-month')).toHaveText(month);
    await expect(page.getByTestId('csi-total-responses')).toHaveText(String(report.totals.responses));
    await expect(page.getByTestId('csi-total-csi')).toHaveText(
      new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(report.totals.csi!),
    );
    const advisors = page.getByRole('table', { name: `CSI by service advisor, ${month}` });
    await expect(advisors.getByRole('row').filter({ hasText: ro.advisorName })).toHaveCount(1);
    await expect(page.getByRole('table', { name: 'Verbatims' }).getByRole('row').nth(1)).toContainText(VERBATIM);
  });

  await test.step('Export to Excel downloads a workbook with the same CSI', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`csi-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const summary = book.getWorksheet('汇总')!;
    const csiRow = [...Array(summary.rowCount).keys()]
      .map((i) => summary.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'CSI（千分制）');
    expect(csiRow?.getCell(2).value).toBe(report.totals.csi);
    const verbatims = book.getWorksheet('文字意见')!;
    expect(verbatims.getRow(2).getCell(6).value).toBe(VERBATIM);
  });

  await test.step('Print / Save as PDF opens the print route; the PDF in Chinese shows the CSI, the advisor and the verbatim', async () => {
    await page.getByRole('link', { name: 'Print / Save as PDF' }).click();
    await expect(page).toHaveURL(new RegExp(`#/print/reports/csi/${month}$`));
    await expect(page.getByRole('heading', { name: '客户满意度（CSI）月度报告' })).toBeVisible();
    await expect(page.getByTestId('csi-total-csi')).toHaveText(csi);
    await expect(page.getByRole('img', { name: `${month} 各因子得分` })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = pdfText(pdf);
    const compact = compactPdfText(pdf);
    expect(compact).toContain('客户满意度（CSI）月度报告');
    // The figure prints under its label in the summary boxes.
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const label = lines.findIndex((line) => line.replace(/\s+/g, '').startsWith('CSI（千分制）'));
    expect(label).toBeGreaterThanOrEqual(0);
    expect(lines[label + 1]!.trim().split(/\s+/)[0]).toBe(csi);
    expect(compact).toContain(ro.advisorName);
    expect(compact).toContain(VERBATIM);
    expect(compact).toContain(ro.number);
    // The convention is stated.
    expect(compact).toContain('未回答的题目不计入');
    expect(text).toContain(month);
  });
});
