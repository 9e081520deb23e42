import type { Page } from '@playwright/test';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { demoCar, type Desk, expect, field, signInAs, test } from './fixtures';
import { compactPdfText, pdfPageCount, pdfText } from './pdf-text';

const DEALER = '北京恒达汽车销售服务有限公司';
const CONCERN = '冷车启动时发动机有异响';
/** A real 1×1 PNG. */
const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** An RO written by the demo advisor through the core: a concern in the customer's words and the 10,000 km package. */
async function makeRepairOrder(desk: Desk): Promise<RepairOrderDetail> {
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token);
  const car = demoCar(desk);
  const ro = await advisor.repairOrders.create({ vehicleId: car.vehicleId, concerns: [CONCERN] });
  const pkg = desk.core.deps.sqlite.prepare(`select id from maintenance_packages where code = 'PKG-10K'`).get() as { id: number };
  return advisor.repairOrders.addPackage({ id: ro.id, version: ro.version, packageId: pkg.id });
}

/** The page as Chromium prints it (print media, A4, backgrounds): what Save as PDF writes in browser mode. */
async function printedPdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

test('the manager sets the dealer; the advisor prints the estimate and the work order of an RO with them, as PDFs in Chinese', async ({
  page,
  desk,
}) => {
  const ro = await makeRepairOrder(desk);
  const plate = ro.vehicle.plate;
  const total = `¥${(ro.totals.all.totalFen / 100).toFixed(2)}`;
  const oilChange = desk.core.deps.sqlite
    .prepare(`select name_zh as name, name_en as nameEn from labor_operations where code = 'MT-OIL'`)
    .get() as { name: string; nameEn: string };

  await test.step('the manager names the dealer in Chinese and uploads a PNG logo', async () => {
    await signInAs(page, desk, 'manager');
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Dealer' })).toBeVisible();
    await field(page, 'name').input.fill(DEALER);
    await field(page, 'address').input.fill('北京市朝阳区东四环中路 88 号');
    await field(page, 'phone').input.fill('010-6543 2100');
    await expect(page.getByRole('button', { name: 'Choose logo file' })).toHaveText('Choose logo file');
    await field(page, 'logo').input.setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await expect(field(page, 'logo').error).toHaveText('must be a PNG or JPEG image');
    await field(page, 'logo').input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO_PNG });
    await expect(page.getByRole('img', { name: 'Logo preview' })).toBeVisible();
    await expect(field(page, 'logo').error).toHaveCount(0);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  await test.step('the advisor, who has no Settings, opens the estimate from the RO: the dealer, the plate and the job', async () => {
    await signInAs(page, desk, 'advisor');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await page.getByRole('link', { name: 'Print estimate' }).click();
    const doc = page.getByTestId('print-document');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('维修估价单');
    await expect(page.getByTestId('doc-dealer-name')).toHaveText(DEALER);
    await expect(doc.getByRole('img', { name: DEALER })).toBeVisible();
    await expect(doc).toContainText(plate);
    await expect(doc).toContainText('10000公里保养');
    await expect(doc).toContainText(CONCERN);
    await expect(doc).toContainText(oilChange.name);
    await expect(page.getByTestId('doc-total')).toHaveText(total);
    // The document alone: no navigation of the desk around it.
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByText('Save as PDF opens the print dialog')).toBeVisible();
  });

  await test.step('the estimate as a PDF holds the dealer, the plate, the Chinese job, the total, and no toolbar', async () => {
    const pdf = await printedPdf(page);
    const text = pdfText(pdf);
    const compact = compactPdfText(pdf);
    expect(compact).toContain(DEALER);
    expect(compact).toContain('维修估价单');
    expect(compact).toContain(plate.replace(/\s+/g, ''));
    expect(compact).toContain('10000公里保养');
    expect(compact).toContain(oilChange.name);
    expect(compact).toContain(`合计${total}`);
    expect(compact).toContain('客户签字');
    expect(text).not.toContain('Save as PDF');
    expect(pdfPageCount(text)).toBeGreaterThanOrEqual(1);
  });

  await test.step('switched to English, only the document changes language', async () => {
    await page.getByLabel('Document language').selectOption('en');
    const doc = page.getByTestId('print-document');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('Repair estimate');
    await expect(doc).toContainText(oilChange.nameEn);
    // The customer's words stay as they were said.
    await expect(doc).toContainText(CONCERN);
    await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
    const compact = compactPdfText(await printedPdf(page));
    expect(compact).toContain('Repairestimate');
    expect(compact).toContain(DEALER);
  });

  await test.step('the work order (委托书) prints with the 3C, the signature line and the same total', async () => {
    await page.getByRole('link', { name: 'Back to the repair order' }).click();
    await page.getByRole('link', { name: 'Print work order' }).click();
    const doc = page.getByTestId('print-document');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText('委托书');
    await expect(doc.getByRole('columnheader', { name: '故障原因' }).first()).toBeVisible();
    const compact = compactPdfText(await printedPdf(page));
    expect(compact).toContain(DEALER);
    expect(compact).toContain('委托书');
    expect(compact).toContain(ro.number);
    expect(compact).toContain(plate.replace(/\s+/g, ''));
    expect(compact).toContain(CONCERN);
    expect(compact).toContain('10000公里保养');
    expect(compact).toContain('客户陈述故障原因维修措施');
    expect(compact).toContain(`合计${total}`);
    expect(compact).toContain('客户签字');
  });
});

test('without a dealer on file the documents carry BayDesk, and a foreman may print too', async ({ page, desk }) => {
  const ro = await makeRepairOrder(desk);
  await signInAs(page, desk, 'foreman');
  await page.goto(`${desk.url}/#/print/repair-orders/${ro.id}/work-order`);
  await expect(page.getByTestId('doc-dealer-name')).toHaveText('BayDesk');
  const compact = compactPdfText(await printedPdf(page));
  expect(compact).toContain('BayDesk');
  expect(compact).toContain(ro.vehicle.plate.replace(/\s+/g, ''));
});

test('once the customer has answered, the estimate marks the declined job, counts only the approved work and shows the signature', async ({
  page,
  desk,
}) => {
  const written = await makeRepairOrder(desk);
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token);
  const [concernJob, packageJob] = written.jobs;
  const priced = await advisor.repairOrders.addLaborLine({
    id: written.id,
    version: written.version,
    jobId: concernJob!.id,
    nameZh: '检查发动机异响',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });
  const authorised = await advisor.repairOrders.authorise({
    id: priced.id,
    version: priced.version,
    customerName: '王芳',
    channel: 'in_person',
    signaturePng: `data:image/png;base64,${LOGO_PNG.toString('base64')}`,
    decisions: [
      { jobId: concernJob!.id, decision: 'declined' },
      { jobId: packageJob!.id, decision: 'approved' },
    ],
  });
  const approvedTotal = `¥${(packageJob!.totals.totalFen / 100).toFixed(2)}`;
  // The declined job keeps its own price on the estimate (what the customer turned down).
  expect(authorised.jobs[0]!.totals.totalFen).toBe(20_000);

  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/print/repair-orders/${written.id}/estimate`);
  const doc = page.getByTestId('print-document');
  await expect(page.getByTestId('doc-declined-1')).toHaveText('客户拒绝');
  await expect(page.getByTestId('doc-declined-2')).toHaveCount(0);
  await expect(page.getByTestId('doc-total')).toHaveText(approvedTotal);
  await expect(doc.getByRole('img', { name: '客户签字' })).toBeVisible();
  await expect(doc).toContainText('王芳');
  const compact = compactPdfText(await printedPdf(page));
  expect(compact).toContain('客户拒绝');
  expect(compact).toContain('检查发动机异响');
  expect(compact).toContain(`合计${approvedTotal}`);
  expect(compact).toContain('王芳');
});
