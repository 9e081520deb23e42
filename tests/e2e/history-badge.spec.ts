import { templateHeaders } from '../../shared/domain/dms-import';
import { importFile } from '../fixtures/dms-import';
import type { SignedIn } from '../fixtures/users';
import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

// Issue 18: an RO brought over from the previous DMS is history. Wherever its number is listed it carries a "History"
// badge whose tooltip says where it came from; an RO written at the desk carries none.

async function demoUser(desk: Desk, username: string): Promise<SignedIn> {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

const IMPORTED = 'H-WO2019-0815';

test('an imported RO is badged as history in the vehicle and customer histories, the RO list and its page; a desk RO is not', async ({
  page,
  desk,
}) => {
  const { vehicleId } = demoCar(desk);
  const { vin } = desk.core.deps.sqlite.prepare('select vin from vehicles where id = ?').get(vehicleId) as { vin: string };
  // The old system's RO header for the car, imported by the manager as the import screen does (upload, prepare, run).
  const manager = await demoUser(desk, 'manager');
  const { summary } = await importFile(desk.core, manager, 'orders', [
    templateHeaders('orders', 'en'),
    ['E2E-R1', 'WO2019-0815', '', vin, '', '2019-08-15 09:00', '2019-08-15 17:00', '', '', '300', '200', '常规保养'],
  ]);
  expect(summary).toMatchObject({ created: 1, committed: true });
  // And a visit written at the desk today, for the same car.
  const advisor = await demoUser(desk, 'advisor');
  const desked = await advisor.client.repairOrders.create({ vehicleId, concerns: ['刹车异响'] });

  await signInAs(page, desk, 'advisor');

  await test.step("the vehicle's service history", async () => {
    await page.goto(`${desk.url}/#/vehicles/${vehicleId}`);
    const history = page.getByRole('list', { name: 'Service history' });
    const imported = history.getByRole('listitem').filter({ hasText: IMPORTED });
    await expect(imported.getByTestId('ro-history-badge')).toHaveText('History');
    await expect(imported.getByTestId('ro-history-badge')).toHaveAttribute('title', /previous system \(DMS\)/);
    await expect(history.getByRole('listitem').filter({ hasText: desked.number })).toBeVisible();
    await expect(history.getByRole('listitem').filter({ hasText: desked.number }).getByTestId('ro-history-badge')).toHaveCount(0);
  });

  await test.step("the customer file's visit history and open ROs", async () => {
    const { customerId } = desk.core.deps.sqlite
      .prepare('select customer_id as customerId from repair_orders where number = ?')
      .get(IMPORTED) as { customerId: number };
    await page.goto(`${desk.url}/#/customers/${customerId}`);
    const visit = page.locator('.grid-frame[aria-label="Visit history"] .ag-row').filter({ hasText: IMPORTED });
    await expect(visit.getByTestId('ro-history-badge')).toHaveText('History');
    const open = page.locator('.grid-frame[aria-label="Open repair orders"] .ag-row').filter({ hasText: desked.number });
    await expect(open).toBeVisible();
    await expect(open.getByTestId('ro-history-badge')).toHaveCount(0);
    await page.goto(`${desk.url}/#/vehicles/${vehicleId}`);
  });

  await test.step("the imported RO's own page says so in its header", async () => {
    await page.getByRole('list', { name: 'Service history' }).getByRole('link', { name: IMPORTED }).click();
    const header = page.getByRole('region', { name: 'Repair order at a glance' });
    await expect(header).toContainText(IMPORTED);
    await expect(header.getByTestId('ro-history-badge')).toHaveText('History');
  });

  await test.step('the RO list: the desk RO first without a badge, the imported one found by its number with one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Repair orders' }).click();
    const grid = page.locator('.ag-root');
    const first = grid.locator('.ag-row[row-index="0"] [col-id="number"]');
    await expect(first).toHaveText(desked.number);
    await expect(first.getByTestId('ro-history-badge')).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search ROs' }).fill(IMPORTED);
    const row = grid.locator('.ag-row [col-id="number"]');
    await expect(row).toHaveText([`${IMPORTED}History`]);
    await expect(row.getByTestId('ro-history-badge')).toHaveAttribute('title', /previous system \(DMS\)/);
  });
});
