import { demoCar, expect, field, signInAs, test } from './fixtures';

test('the parts clerk tags the failed part of a warranty job, the claim is settled, then the part goes back to the OEM', async ({
  page,
  desk,
}) => {
  // The advisor's part: a warranty job with the water pump on it (written through the API, as the RO screen would).
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token);
  let ro = await advisor.repairOrders.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['保养'], promisedAt: null });
  ro = await advisor.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '水泵漏水', payer: 'warranty' });
  ro = await advisor.repairOrders.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[1]!.id,
    partNumber: 'E2E-WP-0001',
    nameZh: '水泵总成（测试）',
    qtyMilli: 1_000,
    unitPriceFen: 68_000,
  });

  await signInAs(page, desk, 'parts_clerk');
  await page.getByRole('navigation').getByRole('link', { name: 'Parts' }).click();
  await page.getByRole('link', { name: 'Old parts' }).click();

  await test.step('the untagged warranty line is on the to-do list and gets a tag', async () => {
    const todo = page.getByLabel('Warranty parts to tag').locator('.ag-root');
    const row = todo.locator('.ag-row').filter({ hasText: 'E2E-WP-0001' });
    await expect(row).toContainText(ro.number);
    await expect(row).toContainText('水泵漏水');
    await row.getByRole('button', { name: 'Tag old part' }).click();
    const form = page.getByRole('form', { name: 'Tag the old part of E2E-WP-0001' });
    await form.getByRole('button', { name: 'Tag old part' }).click();
    await expect(field(page, 'location').error).toHaveText('is required');
    await field(page, 'location').input.fill('旧件架 W-2');
    await form.getByRole('button', { name: 'Tag old part' }).click();
    await expect(todo.locator('.ag-row').filter({ hasText: 'E2E-WP-0001' })).toHaveCount(0);
  });

  const held = page.getByLabel('Old parts', { exact: true }).locator('.ag-root');
  const tagRow = held.locator('.ag-row').filter({ hasText: 'E2E-WP-0001' });

  await test.step('it is held until the claim is settled', async () => {
    await expect(tagRow).toContainText(ro.number);
    await expect(tagRow).toContainText('旧件架 W-2');
    await expect(tagRow.locator('[col-id="status"]')).toHaveText('Held (claim open)');
    await expect(tagRow.getByRole('button', { name: 'Return or scrap' })).toHaveCount(0);
    await tagRow.getByRole('button', { name: 'Claim settled' }).click();
    await field(page, 'claimNumber').input.fill('WC-E2E-001');
    await page.getByRole('form', { name: 'Claim settled' }).getByRole('button', { name: 'Claim settled' }).click();
    await expect(tagRow.locator('[col-id="status"]')).toHaveText('Claim settled');
    await expect(tagRow).toContainText('WC-E2E-001');
  });

  await test.step('returned to the OEM, it leaves the list of what is still held', async () => {
    await tagRow.getByRole('button', { name: 'Return or scrap' }).click();
    await field(page, 'disposition').input.selectOption({ label: 'Returned to the OEM' });
    await field(page, 'note').input.fill('SF1234567');
    await page.getByRole('form', { name: 'Return or scrap' }).getByRole('button', { name: 'Return or scrap' }).click();
    await expect(tagRow).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Returned' });
    await expect(tagRow.locator('[col-id="status"]')).toContainText('Returned to the OEM');
    await expect(tagRow).toContainText('SF1234567');
  });
});
