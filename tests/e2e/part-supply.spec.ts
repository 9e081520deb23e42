import type { Page } from '@playwright/test';
import { makePart, stockIn } from '../fixtures/parts';
import { expect, field, signInAs, test, type Desk } from './fixtures';

/** A demo car whose current owner's file is in use. */
function car(desk: Desk): { vehicleId: number } {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where v.plate <> '' order by v.id limit 1`,
    )
    .get() as { vehicleId: number };
}

function job(page: Page, n: number) {
  return page.getByRole('region', { name: `Job ${n}` });
}

/** The row of a part line on the RO page, by its part number. */
function lineRow(page: Page, partNumber: string) {
  return job(page, 1).getByRole('row').filter({ hasText: partNumber });
}

test('part lines reserve stock or go to order, the RO turns at risk for parts, and the counter issues them', async ({
  page,
  desk,
  browser,
}) => {
  // Two parts of our own: brake pads with 5 on the shelf, a disc with 1.
  const pads = await makePart(desk.core, {
    part_number: 'E2E-PAD-01',
    name_zh: '前刹车片（测试）',
    name_en: 'Front pads (test)',
    list_price_fen: 38_000,
  });
  const disc = await makePart(desk.core, {
    part_number: 'E2E-DISC-01',
    name_zh: '前刹车盘（测试）',
    name_en: 'Front disc (test)',
    list_price_fen: 65_000,
  });
  await stockIn(desk.core, pads.id, 5000, 20_000);
  await stockIn(desk.core, disc.id, 1000, 40_000);

  // The RO, promised in two days (the core's clock is the real one here).
  const advisorApi = desk.core.client(
    (await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' })).token,
  );
  const promisedAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
  const ro = await advisorApi.repairOrders.create({ vehicleId: car(desk).vehicleId, concerns: ['刹车时前轮有异响'], promisedAt });

  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Repair order ${ro.number}` })).toBeVisible();

  await test.step('a master part typed in any spelling shows its name, price and what is available; added, it is reserved', async () => {
    await job(page, 1).getByRole('button', { name: 'Add part', exact: true }).click();
    await field(page, 'partNumber').input.fill('e2e pad 01');
    const master = page.getByTestId('part-line-master');
    await expect(master).toContainText('Front pads (test)');
    await expect(master).toContainText('¥380.00');
    await expect(master).toContainText('Available 5');
    // The master gives the name and price: the form asks only the quantity.
    await expect(field(page, 'unitPriceFen').input).toHaveCount(0);
    await field(page, 'qtyMilli').input.fill('2');
    await page.getByRole('button', { name: 'Add part line' }).click();
    await expect(lineRow(page, 'E2EPAD01')).toContainText('Front pads (test)');
    await expect(lineRow(page, 'E2EPAD01').getByTestId('part-supply')).toHaveText('Reserved 2');
  });

  await test.step('a part short on the shelf says it will be to order, and the line shows what is to order', async () => {
    await job(page, 1).getByRole('button', { name: 'Add part', exact: true }).click();
    await field(page, 'partNumber').input.fill('E2E-DISC-01');
    await expect(page.getByTestId('part-line-master')).toContainText('Available 1');
    await field(page, 'qtyMilli').input.fill('3');
    await expect(page.getByTestId('part-line-master')).toContainText('2 will be to order.');
    await page.getByRole('button', { name: 'Add part line' }).click();
    await expect(lineRow(page, 'E2EDISC01').getByTestId('part-supply')).toHaveText('To order 2 · Reserved 1');
  });

  const clerkPage = await (await browser.newContext()).newPage();
  await signInAs(clerkPage, desk, 'parts_clerk');
  await clerkPage.goto(`${desk.url}/#/parts/counter`);
  const counter = clerkPage.getByLabel('Parts counter').locator('.ag-root');
  await clerkPage.getByRole('searchbox').fill(ro.number);
  const discRow = counter.locator('.ag-row').filter({ hasText: 'E2EDISC01' });
  const padRow = counter.locator('.ag-row').filter({ hasText: 'E2EPAD01' });

  await test.step('the parts clerk expects the disc after the promised time: the RO list warns of parts', async () => {
    await expect(discRow).toContainText('unknown');
    await discRow.getByRole('button', { name: 'Expected date' }).click();
    const after = new Date(Date.now() + 4 * 24 * 3600_000).toISOString().slice(0, 10);
    await field(clerkPage, 'expectedAt').input.fill(after);
    await clerkPage.getByRole('button', { name: 'Save date' }).click();
    await expect(discRow).toContainText(after);

    await page.goto(`${desk.url}/#/repair-orders`);
    const risks = page.getByRole('table', { name: 'Promise-time warnings' });
    const row = risks.getByRole('row').filter({ hasText: ro.number });
    await expect(row).toContainText('At risk');
    await expect(row).toContainText('parts to order are not expected in time');
  });

  await test.step('the parts clerk issues the pads at the counter and the RO page shows them issued', async () => {
    await expect(padRow).toContainText('2');
    await padRow.getByRole('button', { name: 'Issue' }).click();
    await expect(field(clerkPage, 'qtyMilli').input).toHaveValue('2');
    await clerkPage
      .getByRole('form', { name: /^Issue E2EPAD01/ })
      .getByRole('button', { name: 'Issue' })
      .click();
    await expect(padRow).toHaveCount(0);
    const onHand = desk.core.deps.sqlite.prepare('select on_hand_milli as n from parts where id = ?').get(pads.id) as {
      n: number;
    };
    expect(onHand.n).toBe(3000);

    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(lineRow(page, 'E2EPAD01').getByTestId('part-supply')).toHaveText('Issued 2');
  });
});
