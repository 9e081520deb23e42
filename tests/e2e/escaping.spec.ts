import type { Page } from '@playwright/test';
import { validVin } from '../fixtures/factories';
import { expect, lookupBox, signInAs, test, type Desk } from './fixtures';

/**
 * Issue 7, the renderer escapes everything it shows: a customer whose name, address, note and RO concern are HTML
 * and script fragments is shown as those characters on every screen that shows them, and no element is injected and
 * no script runs.
 */
const NAME = '<img src=x onerror=alert(1)>';
const ADDRESS = '<script>alert(2)</script>';
const NOTE = '"><svg onload=alert(3)><img src=x onerror=alert(3)>';
const CONCERN = "<img src=x onerror=alert(4)>'; drop table customers; --";
const PLATE = '京A7X7X7';

async function hostileCustomer(desk: Desk) {
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token);
  const customer = await advisor.customers.create({
    kind: 'person',
    name: NAME,
    phones: [{ number: '13912345670', label: 'mobile' }],
    address: ADDRESS,
  });
  await advisor.customers.addNote({ customerId: customer.id, body: NOTE });
  const vehicle = await advisor.vehicles.create({
    ownerId: customer.id,
    vin: validVin('LSVAU218', 'N2XSS001'),
    plate: PLATE,
    make: 'Volkswagen',
    model: 'Lavida',
    year: 2022,
    fuelType: 'petrol',
  });
  const ro = await advisor.repairOrders.create({ vehicleId: vehicle.id, concerns: [CONCERN] });
  return { customer, vehicle, ro };
}

/** Nothing the fragments would have made exists in the page. */
async function expectNothingInjected(page: Page) {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg[onload]')).toHaveCount(0);
  await expect(page.locator('[onerror]')).toHaveCount(0);
  await expect(page.locator('script', { hasText: 'alert' })).toHaveCount(0);
}

test('HTML and script in customer data are shown as text everywhere and never run', async ({ page, desk }) => {
  const { customer, ro } = await hostileCustomer(desk);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(page, desk, 'advisor');

  await test.step('the customer page', async () => {
    await page.goto(`${desk.url}/#/customers/${customer.id}`);
    await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    await expect(page.getByText(ADDRESS, { exact: true })).toBeVisible();
    await expect(page.getByText(NOTE, { exact: true })).toBeVisible();
    await expectNothingInjected(page);
  });

  await test.step('the look-up results', async () => {
    await page.goto(`${desk.url}/#/`);
    await lookupBox(page).fill(PLATE.slice(1));
    const row = page.getByRole('listbox', { name: 'Look-up' }).getByRole('option').filter({ hasText: PLATE });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(NAME);
    await expectNothingInjected(page);
    await lookupBox(page).fill('');
  });

  await test.step('the RO page', async () => {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByText(CONCERN).first()).toBeVisible();
    await expect(page.getByText(NAME).first()).toBeVisible();
    await expectNothingInjected(page);
  });

  await test.step('the customers grid', async () => {
    await page.goto(`${desk.url}/#/customers`);
    const grid = page.locator('.ag-root');
    // Newest first: the hostile customer is the first line.
    await expect(grid.locator('.ag-row[row-index="0"] [col-id="name"]')).toHaveText(NAME);
    await expectNothingInjected(page);
  });

  expect(dialogs, 'no script may run').toEqual([]);
});
