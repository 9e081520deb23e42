import type { Page } from '@playwright/test';
import { makePart, stockIn } from '../fixtures/parts';
import { demoCar, expect, field, signInAs, test } from './fixtures';

/**
 * Issue 5's whole story on one desk set: the parts clerk imports the OEM's price file, an advisor puts parts on an
 * RO (one on the shelf, one new from the file with none in stock), the RO turns at risk for parts, the clerk orders
 * and receives the missing part and the RO's line is filled, then a stocktake finds one short and the manager posts
 * it.
 */
const PRICE_FILE = [
  '零件号,名称,英文名称,零售价,成本',
  'E2E-SCN-DISC,前刹车盘（新款）,Front brake disc (new),650.00,400.00',
  'E2E-SCN-BAD,无价格配件,No price,,',
].join('\r\n');

function job(page: Page, n: number) {
  return page.getByRole('region', { name: `Job ${n}` });
}

function partSupply(page: Page, partNumber: string) {
  return job(page, 1).getByRole('row').filter({ hasText: partNumber }).getByTestId('part-supply');
}

test('price file → RO part lines reserved and to order → at risk → purchase order received fills the line → stocktake variance', async ({
  page,
  desk,
  browser,
}) => {
  const pads = await makePart(desk.core, {
    part_number: 'E2E-SCN-PAD',
    name_en: 'Front pads (scenario)',
    list_price_fen: 38_000,
  });
  await stockIn(desk.core, pads.id, 5000, 20_000);
  const login = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const promisedAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
  const ro = await desk.core
    .client(login.token)
    .repairOrders.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车抖动'], promisedAt });
  const clerkLogin = await desk.core.client().users.login({ username: 'parts_clerk', password: 'demo1234' });
  await desk.core.client(clerkLogin.token).parts.saveSupplier({ name: 'E2E 原厂配件', leadDays: 1 });

  const clerk = await (await browser.newContext()).newPage();
  await signInAs(clerk, desk, 'parts_clerk');

  await test.step('the parts clerk imports the price file: one new part, one line rejected', async () => {
    await clerk.goto(`${desk.url}/#/parts/import`);
    await field(clerk, 'priceFile').input.setInputFiles({
      name: 'oem-prices.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(PRICE_FILE),
    });
    await expect(field(clerk, 'mapping.cost').input).toHaveValue('4');
    await clerk.getByLabel('Skip the bad lines, import the rest').check();
    await clerk.getByRole('button', { name: 'Check' }).click();
    await expect(clerk.locator('[data-figure="rejected"]')).toContainText('1');
    await clerk.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(clerk.getByRole('heading', { name: 'Import result' })).toBeVisible();
    await expect(clerk.locator('[data-figure="added"]')).toContainText('1');
  });

  await test.step('the advisor adds both parts: the pads are reserved, the new disc is to order', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    for (const [number, qty] of [
      ['e2e scn pad', '2'],
      ['E2E-SCN-DISC', '2'],
    ] as const) {
      await job(page, 1).getByRole('button', { name: 'Add part', exact: true }).click();
      await field(page, 'partNumber').input.fill(number);
      await expect(page.getByTestId('part-line-master')).toBeVisible();
      await field(page, 'qtyMilli').input.fill(qty);
      await page.getByRole('button', { name: 'Add part line' }).click();
      // The line is saved when its form closes; only then is the next one opened.
      await expect(page.getByRole('button', { name: 'Add part line' })).toHaveCount(0);
    }
    await expect(partSupply(page, 'E2ESCNPAD')).toHaveText('Reserved 2');
    await expect(partSupply(page, 'E2ESCNDISC')).toHaveText('To order 2');
  });

  await test.step('the RO list warns that the RO is at risk for parts', async () => {
    await page.goto(`${desk.url}/#/repair-orders`);
    const row = page.getByRole('table', { name: 'Promise-time warnings' }).getByRole('row').filter({ hasText: ro.number });
    await expect(row).toContainText('At risk');
    await expect(row).toContainText('parts to order are not expected in time');
  });

  await test.step('the clerk orders the disc from the suggestion, receives it into a bin, and the RO line is filled', async () => {
    await clerk.goto(`${desk.url}/#/parts/purchasing`);
    await clerk.getByRole('searchbox', { name: 'Part number or name' }).fill('E2E-SCN-DISC');
    const suggestion = clerk
      .getByLabel('Suggested order', { exact: true })
      .locator('.ag-row')
      .filter({ has: clerk.locator('[col-id="partNumber"]', { hasText: 'E2ESCNDISC' }) });
    await expect(suggestion).toContainText(ro.number);
    await suggestion.getByRole('checkbox').check();
    await clerk.getByLabel('Supplier for the new order').selectOption({ label: 'E2E 原厂配件' });
    await clerk.getByRole('button', { name: 'Create purchase order (1 line)' }).click();
    await clerk.getByRole('button', { name: 'Place order' }).click();
    await expect(clerk.getByTestId('po-status')).toHaveText('Ordered');
    const receive = clerk.getByRole('form', { name: 'Receive' });
    await receive.getByLabel('Bin E2ESCNDISC').fill('E2E-SCN-01');
    await receive.getByRole('button', { name: 'Receive' }).click();
    await expect(clerk.getByRole('status', { name: 'Filled RO lines' })).toContainText(ro.number);

    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(partSupply(page, 'E2ESCNDISC')).toHaveText('Reserved 2');
  });

  await test.step('a stocktake of the bin finds one disc short, valued at its cost; the manager posts it', async () => {
    await clerk.goto(`${desk.url}/#/parts/stocktakes`);
    await field(clerk, 'binPrefix').input.fill('E2E-SCN-');
    await clerk.getByRole('button', { name: 'Freeze the count list' }).click();
    await expect(clerk.getByRole('heading', { name: /^Stocktake ST\d{4}-\d{6}$/ })).toBeVisible();
    await clerk.getByRole('textbox', { name: 'Count of E2ESCNDISC in E2E-SCN-01' }).fill('1');
    await clerk.getByRole('button', { name: 'Save counts (1)' }).click();
    const line = clerk
      .getByLabel('Count sheet', { exact: true })
      .locator('.ag-row')
      .filter({ has: clerk.locator('[col-id="partNumber"]', { hasText: 'E2ESCNDISC' }) });
    await expect(line.locator('[col-id="variance"]')).toHaveText('-1');
    // 盘亏 1 × ¥400.00 (received at the purchase order's cost).
    await expect(line.locator('[col-id="value"]')).toHaveText('-¥400.00');

    const manager = await (await browser.newContext()).newPage();
    await signInAs(manager, desk, 'manager');
    await manager.goto(`${desk.url}/#/parts/stocktakes`);
    await manager
      .getByLabel('Stocktakes', { exact: true })
      .locator('.ag-row')
      .getByRole('link', { name: /^ST\d{4}-\d{6}$/ })
      .first()
      .click();
    await manager.getByRole('button', { name: 'Post variances' }).click();
    await manager.getByRole('button', { name: 'Yes, post' }).click();
    await expect(manager.locator('[data-status="posted"]')).toHaveText('Posted');
    const disc = desk.core.deps.sqlite.prepare("select on_hand_milli as n from parts where part_number = 'E2ESCNDISC'").get() as {
      n: number;
    };
    expect(disc.n).toBe(1000);
  });
});
