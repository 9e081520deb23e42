import { makePart } from '../fixtures/parts';
import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

/**
 * A car waits for brake pads the shelf does not have: the RO's part line is "to order". Set up through the core (the
 * part straight into the master, the RO through the API as the advisor would), then the rest through the screens.
 */
async function roWaitingForPads(desk: Desk) {
  await makePart(desk.core, { part_number: 'E2E-PAD-1', name_zh: '刹车片', name_en: 'Brake pads', cost_fen: 18_000 });
  const login = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const api = desk.core.client(login.token).repairOrders;
  const created = await api.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  const ro = await api.addPartLine({
    id: created.id,
    version: created.version,
    jobId: created.jobs[0]!.id,
    partNumber: 'E2E-PAD-1',
    qtyMilli: 2000,
  });
  const line = ro.jobs[0]!.partLines.at(-1)!;
  const clerk = await desk.core.client().users.login({ username: 'parts_clerk', password: 'demo1234' });
  await desk.core.client(clerk.token).parts.saveSupplier({ name: 'E2E 汽配', leadDays: 2 });
  return { ro, lineId: line.id };
}

test('the parts clerk orders what an RO waits for, receives it, and the advisor is told the parts arrived', async ({
  page,
  desk,
  browser,
}) => {
  const { ro, lineId } = await roWaitingForPads(desk);
  const supply = () =>
    desk.core.deps.sqlite.prepare('select reserved_milli, to_order_milli from part_reservations where line_id = ?').get(lineId);
  expect(supply()).toEqual({ reserved_milli: 0, to_order_milli: 2000 });

  await signInAs(page, desk, 'parts_clerk');
  await page.goto(`${desk.url}/#/parts/purchasing`);
  await page.getByRole('searchbox', { name: 'Part number or name' }).fill('E2E-PAD-1');
  const row = page
    .getByLabel('Suggested order', { exact: true })
    .locator('.ag-row')
    .filter({ has: page.locator('[col-id="partNumber"]', { hasText: 'E2EPAD1' }) });
  await expect(row).toContainText('RO lines waiting: 2');
  await expect(row).toContainText(ro.number);
  await row.getByRole('checkbox').check();
  await expect(row.getByRole('textbox')).toHaveValue('2');
  await page.getByLabel('Supplier for the new order').selectOption({ label: 'E2E 汽配' });
  await page.getByRole('button', { name: 'Create purchase order (1 line)' }).click();

  // The purchase order: a draft, then placed with the supplier's lead time.
  await expect(page.getByRole('heading', { name: /Purchase order PO\d{4}-\d{6}/ })).toBeVisible();
  await expect(page.getByTestId('po-status')).toHaveText('Draft');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('po-status')).toHaveText('Ordered');
  await expect(page.getByTestId('po-expected')).not.toHaveText('');
  // The waiting RO line now expects the parts when the order does.
  expect(
    (
      desk.core.deps.sqlite.prepare('select expected_at from part_reservations where line_id = ?').get(lineId) as {
        expected_at: string | null;
      }
    ).expected_at,
  ).not.toBeNull();

  // Receiving: the quantity due is offered; the clerk sees which RO the parts go to.
  const receive = page.getByRole('form', { name: 'Receive' });
  await expect(receive.getByLabel('Receive now E2EPAD1')).toHaveValue('2');
  await receive.getByRole('button', { name: 'Receive' }).click();
  await expect(page.getByRole('status', { name: 'Filled RO lines' })).toContainText(`${ro.number} · Brake pads ×2`);
  await expect(page.getByTestId('po-status')).toHaveText('Received');
  expect(supply()).toEqual({ reserved_milli: 2000, to_order_milli: 0 });

  // The advisor's RO list shows the arrival; the RO's line is now held on the shelf.
  const advisorContext = await browser.newContext();
  const advisorPage = await advisorContext.newPage();
  await signInAs(advisorPage, desk, 'advisor');
  await advisorPage.goto(`${desk.url}/#/repair-orders`);
  const notices = advisorPage.getByTestId('arrival-notices');
  await expect(notices).toContainText(`Parts arrived: ${ro.number} · Brake pads ×2`);
  await notices.getByRole('link', { name: new RegExp(ro.number) }).click();
  await expect(advisorPage.getByTestId('part-supply')).toHaveText('Reserved 2');

  // Seen: the notice goes away.
  await advisorPage.goto(`${desk.url}/#/repair-orders`);
  await advisorPage.getByTestId('arrival-notices').getByRole('button', { name: 'Seen' }).click();
  await expect(advisorPage.getByTestId('arrival-notices')).toHaveCount(0);
  await advisorContext.close();
});
