import { expect, signInAs, test } from './fixtures';

test('the RO list shows ROs from the core; "late" keeps only the late one; a row opens the RO', async ({ page, desk }) => {
  // Three ROs written through the API of this test's own core, by the demo advisor, on three demo cars.
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const client = desk.core.client(session.token);
  const vehicles = desk.core.deps.sqlite
    .prepare('select vehicle_id as id from vehicle_ownerships where to_at is null order by vehicle_id limit 3')
    .all() as { id: number }[];
  expect(vehicles).toHaveLength(3);
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const unpromised = await client.repairOrders.create({ vehicleId: vehicles[0]!.id, concerns: ['保养'] });
  const later = await client.repairOrders.create({ vehicleId: vehicles[1]!.id, concerns: ['刹车异响'], promisedAt: inDays(3) });
  // Promised two seconds ahead (the core refuses a promise already past): late by the time the list is read.
  const soon = new Date(Date.now() + 2000).toISOString();
  const late = await client.repairOrders.create({ vehicleId: vehicles[2]!.id, concerns: ['空调不制冷'], promisedAt: soon });
  const numbers = [late.number, later.number, unpromised.number];

  await signInAs(page, desk, 'advisor');
  await page.getByRole('navigation').getByRole('link', { name: 'Repair orders' }).click();
  await expect(page.getByRole('heading', { name: 'Repair orders' })).toBeVisible();
  const grid = page.locator('.ag-root');
  await expect(grid.getByRole('columnheader')).toHaveText([
    'RO number',
    'Status',
    'Customer',
    'Plate',
    'Advisor',
    'Opened',
    'Promised',
    'Total',
    'Payer',
  ]);
  // Newest first.
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText(numbers);
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText('Open');
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="customerName"]')).toHaveText(late.customer.name);
  await expect(grid.locator('.ag-row[row-index="0"] [col-id="total"]')).toHaveText('¥0.00');

  await expect.poll(() => Date.now() > Date.parse(soon)).toBe(true);
  await page.getByRole('button', { name: 'Late', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Late', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/#\/repair-orders\?view=late$/);
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText([late.number]);
  await expect(grid.locator('.ag-row [col-id="promisedAt"]')).toContainText('late');

  // The view lives in the URL: a reload shows the same list.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Late', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText([late.number]);

  // The promise-time warnings above the list: the late RO, and the one whose jobs still wait for the customer.
  const warnings = page.getByRole('table', { name: 'Promise-time warnings' });
  await expect(warnings.getByRole('row', { name: new RegExp(late.number) })).toContainText('Late');
  await expect(warnings.getByRole('row', { name: new RegExp(later.number) })).toContainText(
    'a job waits for the customer’s approval',
  );
  await expect(warnings.getByRole('row', { name: new RegExp(unpromised.number) })).toHaveCount(0);

  // Searching by plate within "all".
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText(numbers);
  await page.getByRole('searchbox', { name: 'Search ROs' }).fill(later.vehicle.plate);
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText([later.number]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText(numbers);

  await page.getByRole('button', { name: 'Late', exact: true }).click();
  await expect(grid.locator('.ag-row [col-id="number"]')).toHaveText([late.number]);
  await grid.getByRole('gridcell', { name: late.number, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/repair-orders/${late.id}$`));
});
