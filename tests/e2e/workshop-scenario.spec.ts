import type { Page } from '@playwright/test';
import { compactPdfText } from './pdf-text';
import { demoCar, expect, field, signInAs, test, type Desk } from './fixtures';

/**
 * Issue 4's workshop and handover in Chromium, two browser contexts as two desks: the foreman dispatches and the
 * technician's open screen shows the job without a reload; clock on and off; the final check sends the job back
 * once, then passes it; the settlement PDF shows the guarantee period; payment; delivery.
 */

async function api(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return desk.core.client(session.token);
}

async function pdfOf(page: Page): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return compactPdfText(pdf);
}

const CONCERN = '刹车时有尖叫声';

test('two desks: dispatch seen live by the technician, clocking, QC sent back then passed, settlement PDF with the guarantee, payment, delivery', async ({
  page,
  desk,
  browser,
}) => {
  // The scene, written through the core as the advisor: an approved 一级维护/小修 brake job with one priced part, work started.
  const advisor = await api(desk, 'advisor');
  let ro = await advisor.repairOrders.create({ vehicleId: demoCar(desk).vehicleId, concerns: [CONCERN] });
  const jobId = ro.jobs[0]!.id;
  ro = await advisor.repairOrders.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'brakes',
    workCategory: 'level1_minor_special',
  });
  ro = await advisor.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId,
    partNumber: 'PAD-F-01',
    nameZh: '前刹车片',
    qtyMilli: 1000,
    unitPriceFen: 38_000,
  });
  ro = await advisor.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  ro = await advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });

  // Desk 2: the technician's "My jobs", open before anything is dispatched to them.
  const techDesk = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const tech = await techDesk.newPage();
  await signInAs(tech, desk, 'technician');
  await tech.getByRole('link', { name: 'My jobs' }).click();
  await expect(tech.getByTestId(`my-job-${jobId}`)).toHaveCount(0);
  await tech.evaluate(() => Object.assign(globalThis, { __notReloaded: true }));

  await test.step('desk 1: the foreman dispatches the job; desk 2 shows it without a reload', async () => {
    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    await page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${jobId}`).click();
    const panel = page.getByTestId('ws-job-panel');
    await panel.getByRole('combobox', { name: `Assign ${ro.number} · ${CONCERN} to` }).selectOption({ label: '刘洋' });
    await panel.getByRole('button', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Assign anyway' }).click();
    await expect(page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${jobId}`)).toHaveCount(0);
    await expect(tech.getByTestId(`my-job-${jobId}`)).toContainText(CONCERN);
    expect(await tech.evaluate(() => (globalThis as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  });

  await test.step('desk 2: the technician clocks on, then off finished', async () => {
    const job = tech.getByTestId(`my-job-${jobId}`);
    await job.getByRole('button', { name: 'Clock on' }).click();
    await expect(job.getByTestId('job-state')).toHaveText('In progress');
    await job.getByRole('button', { name: 'Clock off – finished' }).click();
    await expect(job.getByTestId('job-state')).toHaveText('Done');
    await techDesk.close();
  });

  await test.step('desk 1: QC sends the job back once, then passes it', async () => {
    ro = await advisor.repairOrders.get({ id: ro.id });
    await advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByTestId('ro-status')).toHaveText('Quality check');
    const qc = page.getByTestId('qc-job-1');
    await qc.getByRole('button', { name: 'All OK' }).click();
    await qc.getByLabel('Note').fill('试车时仍有轻微异响');
    await qc.getByRole('button', { name: 'Send back' }).click();
    await expect(page.getByTestId('qc-latest-1')).toHaveText('Sent back');
    await expect(page.getByTestId('ro-status')).toHaveText('In progress');

    ro = await advisor.repairOrders.get({ id: ro.id });
    await advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'qc' });
    await expect(page.getByTestId('ro-status')).toHaveText('Quality check'); // the advisor's step reaches this desk live
    await qc.getByRole('button', { name: 'All OK' }).click();
    await qc.getByRole('button', { name: 'Pass' }).click();
    await expect(page.getByTestId('qc-latest-1')).toHaveText('Passed');
    ro = await advisor.repairOrders.get({ id: ro.id });
    await advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'ready' });
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  await test.step('the advisor prints the settlement: its PDF holds the guarantee period of the job', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await page.getByRole('link', { name: 'Print settlement' }).click();
    await expect(page.getByTestId('doc-guarantee')).toContainText('10 日或 2000 公里');
    const text = await pdfOf(page);
    expect(text).toContain('结算清单');
    expect(text).toContain('质量保证期');
    expect(text).toContain('自竣工出厂之日起10日或2000公里，以先达到者为准');
    await page.getByRole('link', { name: 'Back to the repair order' }).click();
  });

  await test.step('payment of the whole balance, then delivery with the explanation: the RO is closed', async () => {
    const section = page.locator('section.card', { has: page.getByRole('heading', { name: 'Settlement and delivery' }) });
    await expect(section.getByTestId('settlement-balance')).toHaveText('¥380.00');
    await field(page, 'method').input.selectOption({ label: 'Alipay' });
    await section.getByRole('button', { name: 'Whole balance' }).click();
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(section.getByTestId('settlement-balance')).toHaveText('¥0.00');
    await field(page, 'explanation').input.fill('已更换前刹车片，试车正常。');
    await page.getByRole('button', { name: 'Hand over the car' }).click();
    await expect(page.getByTestId('ro-status')).toHaveText('Closed');
  });
});
