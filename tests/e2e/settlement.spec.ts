import type { Page } from '@playwright/test';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { demoCar, type Desk, expect, field, signInAs, test } from './fixtures';
import { compactPdfText, pdfText } from './pdf-text';

const CONCERN = '到了一万公里保养';

/**
 * An RO at ready, written by the demo advisor through the core: the 10,000 km package as a level-2 maintenance
 * (二级维护) job for the customer, approved by phone, worked, checked and ready for handover.
 */
async function readyRepairOrder(desk: Desk): Promise<RepairOrderDetail> {
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token).repairOrders;
  const car = demoCar(desk);
  let ro = await advisor.create({ vehicleId: car.vehicleId, concerns: [CONCERN] });
  const pkg = desk.core.deps.sqlite.prepare(`select id from maintenance_packages where code = 'PKG-10K'`).get() as { id: number };
  ro = await advisor.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
  // The concern stays a job of its own, answered by the package: one job is enough for this RO.
  ro = await advisor.removeJob({ id: ro.id, version: ro.version, jobId: ro.jobs[0]!.id });
  const job = ro.jobs[0]!;
  ro = await advisor.updateJob({
    id: ro.id,
    version: ro.version,
    jobId: job.id,
    cause: '到达保养里程',
    correction: '更换机油和机油滤清器，检查底盘',
    workCategory: 'level2_maintenance',
  });
  ro = await advisor.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId: job.id, decision: 'approved' }],
  });
  for (const to of ['in_progress', 'qc'] as const) ro = await advisor.transition({ id: ro.id, version: ro.version, to });
  // The foreman passes the final inspection and issues the completion certificate 二级维护 needs.
  const foremanSession = await desk.core.client().users.login({ username: 'foreman', password: 'demo1234' });
  const workshop = desk.core.client(foremanSession.token).workshop;
  const { items } = await workshop.qcChecklist({ jobId: job.id });
  await workshop.recordQc({
    jobId: job.id,
    result: 'passed',
    answers: Object.fromEntries(items.map((item) => [item, 'ok' as const])),
  });
  ro = await advisor.get({ id: ro.id });
  ro = await advisor.transition({ id: ro.id, version: ro.version, to: 'ready' });
  await workshop.issueCertificate({ repairOrderId: ro.id });
  return advisor.get({ id: ro.id });
}

async function printedPdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

test('the advisor prints the settlement statement with the guarantee period, takes payment, hands the car over and the RO closes', async ({
  page,
  desk,
}) => {
  const ro = await readyRepairOrder(desk);
  const owed = ro.totals.byPayer.customer.totalFen;
  const first = 10_000;
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  const section = page.locator('section.card', { has: page.getByRole('heading', { name: 'Settlement and delivery' }) });
  await expect(section.getByTestId('settlement-balance')).toHaveText(yuan(owed));

  await test.step('the settlement statement prints in Chinese with 质量保证期 of 二级维护', async () => {
    await page.getByRole('link', { name: 'Print settlement' }).click();
    const doc = page.getByTestId('print-document');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('结算清单');
    await expect(doc.getByRole('region', { name: '工时费' })).toBeVisible();
    await expect(doc.getByRole('region', { name: '材料费' })).toBeVisible();
    await expect(page.getByTestId('doc-guarantee')).toContainText('自竣工出厂之日起 30 日或 5000 公里，以先达到者为准');
    const compact = compactPdfText(await printedPdf(page));
    expect(compact).toContain('结算清单');
    expect(compact).toContain(ro.vehicle.plate.replace(/\s+/g, ''));
    expect(compact).toContain('质量保证期');
    expect(compact).toContain('维修项目1（二级维护）：自竣工出厂之日起30日或5000公里，以先达到者为准');
    expect(compact).toContain('自交车之日起计算');
    expect(compact).toContain(`应付余额${yuan(owed)}`);
    expect(pdfText(await printedPdf(page))).not.toContain('Save as PDF');
    await page.getByRole('link', { name: 'Back to the repair order' }).click();
  });

  await test.step('a payment above the balance is refused; a partial payment is recorded', async () => {
    await field(page, 'method').input.selectOption({ label: 'WeChat Pay' });
    await field(page, 'amountFen').input.fill(String(owed / 100 + 1));
    await field(page, 'reference').input.fill('WX4200001');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(field(page, 'amountFen').error).toContainText('is more than the balance of');
    await expect(section.getByTestId('settlement-paid')).toHaveText('¥0.00');
    await field(page, 'amountFen').input.fill(String(first / 100));
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(section.getByTestId('settlement-paid')).toHaveText(yuan(first));
    await expect(section.getByTestId('settlement-balance')).toHaveText(yuan(owed - first));
    await expect(section.getByRole('table', { name: 'Payments' })).toContainText('WX4200001');
  });

  await test.step('handover needs the explanation; then the RO is delivered with a balance', async () => {
    await page.getByRole('button', { name: 'Hand over the car' }).click();
    await expect(field(page, 'explanation').error).toHaveText('is required');
    await field(page, 'explanation').input.fill('已更换机油和机滤，底盘检查无异常；下次保养 20000 公里。');
    await page.getByRole('button', { name: 'Hand over the car' }).click();
    await expect(page.getByTestId('ro-status')).toHaveText('Delivered');
    await expect(section.getByTestId('settlement-delivery')).toContainText('已更换机油和机滤');
  });

  await test.step('the rest is paid and the RO closes', async () => {
    await field(page, 'method').input.selectOption({ label: 'Cash' });
    await section.getByRole('button', { name: 'Whole balance' }).click();
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByTestId('ro-status')).toHaveText('Closed');
    await expect(section.getByTestId('settlement-balance')).toHaveText('¥0.00');
    await expect(section.getByTestId('settlement-closed')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
  });

  await test.step('the statement printed after handover shows the guarantee end date', async () => {
    await page.getByRole('link', { name: 'Print settlement' }).click();
    await expect(page.getByTestId('doc-guarantee')).toContainText('保证期至');
    await expect(page.getByTestId('doc-balance')).toHaveText('¥0.00');
  });
});
