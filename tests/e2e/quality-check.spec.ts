import type { Page } from '@playwright/test';
import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { demoCar, type Desk, expect, signInAs, test } from './fixtures';
import { compactPdfText } from './pdf-text';

async function client(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return desk.core.client(session.token);
}

/**
 * Through the core, as the demo advisor: an RO with one 二级维护 job (maintenance group), approved by phone, dispatched
 * to the demo technician, worked on and handed to the final quality check.
 */
async function roAtQc(desk: Desk): Promise<RepairOrderDetail> {
  const advisor = await client(desk, 'advisor');
  const car = demoCar(desk);
  let ro = await advisor.repairOrders.create({ vehicleId: car.vehicleId, concerns: ['二级维护'] });
  const jobId = ro.jobs[0]!.id;
  ro = await advisor.repairOrders.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'maintenance',
    workCategory: 'level2_maintenance',
  });
  ro = await advisor.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  const technician = desk.core.deps.sqlite.prepare(`select id from users where username = 'technician'`).get() as { id: number };
  desk.core.deps.sqlite.prepare('update repair_order_jobs set technician_id = ? where id = ?').run(technician.id, jobId);
  ro = await advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  return advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
}

async function printedPdf(page: Page): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

test('the foreman sends a job back once, passes it after rework, and issues the completion certificate, which prints', async ({
  page,
  desk,
  browser,
}) => {
  const ro = await roAtQc(desk);
  const job = page.getByTestId('qc-job-1');

  await test.step('the technician who did the job cannot check it', async () => {
    const context = await browser.newContext();
    const own = await context.newPage();
    await signInAs(own, desk, 'technician');
    await own.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(own.getByTestId('qc-job-1')).toContainText('You worked on this job: another person must check it.');
    await expect(own.getByTestId('qc-job-1').getByRole('button', { name: 'Pass' })).toHaveCount(0);
    await context.close();
  });

  await test.step('the foreman finds the oil level low and sends the job back: the RO returns to the workshop', async () => {
    await signInAs(page, desk, 'foreman');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByTestId('ro-status')).toHaveText('Quality check');
    await expect(job).toContainText('Not checked yet');
    await job.getByRole('button', { name: 'All OK' }).click();
    await job.getByRole('radio', { name: 'Engine oil level correct: Not OK' }).check();
    // A job with an item not OK cannot pass.
    await job.getByRole('button', { name: 'Pass' }).click();
    await expect(job.getByRole('alert').first()).toContainText('cannot be “passed” with an item not OK');
    await job.getByRole('button', { name: 'Send back' }).click();
    await expect(job.getByRole('alert').first()).toContainText('is needed when sending a job back');
    await job.getByLabel('Note').fill('机油液位偏低，请补加');
    await job.getByRole('button', { name: 'Send back' }).click();
    await expect(page.getByTestId('qc-latest-1')).toHaveText('Sent back');
    await expect(page.getByTestId('ro-status')).toHaveText('In progress');
    await expect(page.getByRole('table', { name: 'History' })).toContainText('QC: 机油液位偏低，请补加');
    await expect(page.getByTestId('qc-certificate')).toContainText(
      'Issued once every approved job has passed its quality check.',
    );
  });

  await test.step('after rework the job is back at QC and passes', async () => {
    const advisor = await client(desk, 'advisor');
    const now = await advisor.repairOrders.get({ id: ro.id });
    await advisor.repairOrders.transition({ id: ro.id, version: now.version, to: 'qc' });
    await page.reload();
    await expect(page.getByTestId('ro-status')).toHaveText('Quality check');
    await job.getByRole('button', { name: 'All OK' }).click();
    await job.getByRole('button', { name: 'Pass' }).click();
    await expect(page.getByTestId('qc-latest-1')).toHaveText('Passed');
    await expect(job.getByRole('button', { name: 'Pass' })).toHaveCount(0);
    await expect(job.getByRole('button', { name: 'Check again' })).toBeVisible();
    await expect(job.getByRole('list', { name: 'Inspections' }).getByRole('listitem')).toHaveCount(2);
  });

  await test.step('the foreman issues the certificate and prints it', async () => {
    await page.getByRole('button', { name: 'Issue certificate' }).click();
    await expect(page.getByTestId('certificate-issued')).toContainText(/HG\d{4}-\d{6}/);
    const number = /HG\d{4}-\d{6}/.exec((await page.getByTestId('certificate-issued').textContent()) ?? '')![0];
    await page.getByRole('link', { name: 'Print certificate' }).click();
    await expect(page.getByTestId('certificate-number')).toHaveText(number);
    await expect(page.getByTestId('certificate-plate')).toHaveText(ro.vehicle.plate);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('机动车维修竣工出厂合格证');
    const text = compactPdfText(await printedPdf(page));
    expect(text).toContain('机动车维修竣工出厂合格证');
    expect(text).toContain(ro.vehicle.plate.replace(/\s+/g, ''));
    expect(text).toContain(number);
    expect(text).toContain('5,000公里或30日');
  });
});
