import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { deliveredRo, type RoVisit } from '../fixtures/repair-orders';
import type { SignedIn } from '../fixtures/users';
import { expect, signInAs, test, type Desk } from './fixtures';

const DAY = 86_400_000;

/** A demo user signed in through the core now (sessions last 12 h forward; moving the clock back keeps them). */
async function demoUser(desk: Desk, username: string): Promise<SignedIn> {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

/** A desk day `n` days before today, on the real calendar (the core's clock is the real one, shifted). */
function daysAgo(n: number): string {
  return new Date(Date.now() - n * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A car invoiced ten months ago with four delivered electrical repairs (the 4th raises the 三包 warning: the 5th
 * would be a refund case) and a fifth visit open today, written through the core with its clock moved back to each
 * day and then returned to now.
 */
async function riskyCar(desk: Desk) {
  const advisor = await demoUser(desk, 'advisor');
  const foreman = await demoUser(desk, 'foreman');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id, {
    vin: validVin('LSVAU218', 'SB000001'),
    plate: '京F3B801',
    invoiceDate: daysAgo(300),
  });
  const clock = {
    set(iso: string) {
      desk.clock.advanceDays((Date.parse(iso) - desk.clock.now().getTime()) / DAY);
    },
  };
  const visit = (openDay: string): RoVisit => ({
    advisor,
    inspector: foreman,
    clock,
    vehicleId: vehicle.id,
    openDay,
    group: 'electrical',
    concern: '仪表报警',
  });
  for (const n of [250, 180, 120, 60]) await deliveredRo({ ...visit(daysAgo(n)), deliverDay: daysAgo(n) });
  const now = new Date().toISOString();
  clock.set(now);
  const open = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['仪表又报警'] });
  return { vehicle, open };
}

test('the advisor sees the 三包 warning on an RO of a risky car and the manager finds the car on the radar', async ({
  page,
  desk,
}) => {
  const { vehicle, open } = await riskyCar(desk);

  await test.step('the advisor opens the new RO: the banner names the fault with its count', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/repair-orders/${open.id}`);
    const banner = page.getByTestId('warranty-risk-banner');
    await expect(banner).toContainText('Electrical: 4 repairs (the 5th triggers a refund or replacement)');
    await expect(banner).toContainText('三包 period');
    await expect(banner.getByRole('link')).toHaveCount(4);
    // The advisor has no radar in the navigation (Reports holds only their daily closing).
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('link', { name: '三包 radar' })).toHaveCount(0);
    await page.goBack();
  });

  await test.step('the manager sees the car on the radar and follows it to the vehicle', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: '三包 radar' }).click();
    const row = page.locator('.ag-row').filter({ hasText: vehicle.plate });
    await expect(row).toContainText('Electrical: 4 repairs');
    await expect(row).toContainText('Warning');
    await row.getByRole('link', { name: new RegExp(vehicle.plate) }).click();
    await expect(page).toHaveURL(new RegExp(`/vehicles/${vehicle.id}$`));
    await expect(page.getByTestId('warranty-risk-banner')).toContainText('Electrical: 4 repairs');
  });
});

test('the parts clerk marks a part as a 三包 main part; a car without an invoice date is said to be outside the radar', async ({
  page,
  desk,
}) => {
  const part = desk.core.deps.sqlite.prepare('select id from parts where active = 1 order by id limit 1').get() as { id: number };
  const kind = () =>
    (
      desk.core.deps.sqlite.prepare('select main_part_kind as kind from parts where id = ?').get(part.id) as {
        kind: string | null;
      }
    ).kind;
  expect(kind()).toBeNull();
  await signInAs(page, desk, 'parts_clerk');
  await page.goto(`${desk.url}/#/parts/${part.id}`);
  const form = page.getByRole('form', { name: '三包 main part' });
  await form.getByLabel('Main part kind').selectOption({ label: 'Transmission' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(kind).toBe('transmission');

  const advisor = await demoUser(desk, 'advisor');
  const customer = await makeCustomer(advisor.client);
  const car = await makeVehicle(advisor.client, customer.id, {
    vin: validVin('LSVAU218', 'SB000002'),
    plate: '京F3B802',
    invoiceDate: null,
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/vehicles/${car.id}`);
  await expect(page.getByTestId('warranty-risk-outside')).toHaveText(
    'No invoice date: outside the 三包 radar (add it to the vehicle)',
  );
  await expect(page.getByTestId('warranty-risk-banner')).toHaveCount(0);
});
