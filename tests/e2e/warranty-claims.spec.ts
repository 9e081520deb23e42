import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

/**
 * Through the core, as the demo staff: an RO with one warranty job (the water pump, its old part tagged), worked,
 * checked and delivered: the delivery drafts its claim. Returns the RO number.
 */
async function deliverWarrantyRo(desk: Desk): Promise<string> {
  const login = (username: string) => desk.core.client().users.login({ username, password: 'demo1234' });
  const advisor = desk.core.client((await login('advisor')).token);
  const foreman = desk.core.client((await login('foreman')).token);
  const clerk = desk.core.client((await login('parts_clerk')).token);
  const c = advisor.repairOrders;
  let ro = await c.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['水泵漏水'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, payer: 'warranty', workCategory: 'level1_minor_special' });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'WP01',
    nameZh: '更换水泵',
    hoursMilli: 1500,
    laborRateFen: 30_000,
  });
  ro = await c.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId,
    partNumber: 'E2E-WP-0002',
    nameZh: '水泵总成（测试）',
    qtyMilli: 1_000,
    unitPriceFen: 68_000,
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  await clerk.parts.tagOldPart({ repairOrderId: ro.id, jobId, lineId: ro.jobs[0]!.partLines[0]!.id, location: '旧件架 W-3' });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'qc' });
  const { items } = await foreman.workshop.qcChecklist({ jobId });
  await foreman.workshop.recordQc({ jobId, result: 'passed', answers: Object.fromEntries(items.map((i) => [i, 'ok' as const])) });
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'ready' });
  if ((await foreman.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
    await foreman.workshop.issueCertificate({ repairOrderId: ro.id });
    ro = await c.get({ id: ro.id });
  }
  ro = await c.deliver({ id: ro.id, version: ro.version, explanation: '保修更换水泵', collectedBy: '车主' });
  return ro.number;
}

test('a delivered warranty job becomes a claim: submitted, rejected, corrected, resubmitted, paid from a settlement file', async ({
  page,
  desk,
}) => {
  const roNumber = await deliverWarrantyRo(desk);
  await signInAs(page, desk, 'warranty_admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Warranty claims' }).click();
  await expect(page.getByLabel('This month')).toContainText('Owed by the OEM');
  const row = page.locator('.ag-row').filter({ hasText: roNumber });
  await expect(row).toContainText('Draft');
  await row.click();
  const panel = page.locator('section.comeback-panel');
  const claimNumber = ((await panel.getByRole('heading', { level: 2 }).textContent()) ?? '').split(' · ')[0]!;
  await expect(panel).toContainText('E2E-WP-0002');

  await test.step('submitted in a batch, rejected by the OEM with its reason', async () => {
    await panel.getByRole('button', { name: 'Submit in a new batch' }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Submitted');
    await expect(panel.getByRole('button', { name: /Export batch SB/ })).toBeVisible();
    await panel.getByLabel('Reason or note').fill('故障代码错误');
    await panel.getByRole('button', { name: 'Rejected by the OEM' }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Rejected');
    await expect(panel).toContainText('故障代码错误');
  });

  await test.step('corrected and resubmitted in a new batch', async () => {
    const edit = panel.getByRole('form', { name: 'Claim details' });
    await edit.getByLabel('Failure code').fill('p0128');
    await edit.getByLabel('Sublet (¥)').fill('50');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit.getByLabel('Failure code')).toHaveValue('P0128');
    await panel.getByLabel('Reason or note').fill('改正故障代码');
    await panel.getByRole('button', { name: 'Corrected' }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Corrected');
    await panel.getByRole('button', { name: 'Submit in a new batch' }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Resubmitted');
  });

  await test.step('paid from the OEM settlement file, uploaded on the screen', async () => {
    const session = await desk.core.client().users.login({ username: 'warranty_admin', password: 'demo1234' });
    const claim = (await desk.core.client(session.token).warrantyClaims.grid({ startRow: 0, endRow: 10 })).rows.find(
      (r) => r.number === claimNumber,
    )!;
    const csv = `索赔单号,状态,金额,原因\r\n${claimNumber},已支付,${(claim.claimedFen / 100).toFixed(2)},\r\nSP1999-000009,已支付,10,\r\n`;
    await page
      .locator('.settlement-upload input[type="file"]')
      .setInputFiles({ name: 'settlement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const status = page.locator('.settlement-upload [role="status"]');
    await expect(status).toContainText('1 paid, 0 partly paid, 0 rejected');
    await expect(status.getByRole('listitem')).toHaveText('Line 3 (SP1999-000009): no claim has this number');
    await page.locator('.ag-row').filter({ hasText: roNumber }).click();
    await expect(panel.getByRole('heading', { level: 2 })).toContainText('Paid');
    await expect(panel.getByRole('listitem').last()).toContainText('Paid');
    await expect(page.getByLabel('This month')).toContainText('1 of 2 answers');
  });
});
