import type { Browser, Page } from '@playwright/test';
import { expect, field, signInAs, test, type Desk } from './fixtures';

/** A second (or first) desk: its own browser context, so its own session, as on another PC at the service counter. */
async function openDesk(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('the server responded with a status of'))
      errors.push(message.text());
  });
  return page;
}

/** Set on the window once the desk shows the screen: still there later means the page was never reloaded. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { noReload?: boolean }).noReload = true;
  });
}
async function stillNoReload(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload === true);
}

function liveStatus(page: Page) {
  return page.getByRole('img', { name: 'Updates from other desks: live' });
}

/** A demo car with a current owner, and the demo advisor's session on the core (to prepare an RO as that desk would). */
async function demoCar(desk: Desk) {
  const car = desk.core.deps.sqlite
    .prepare('select vehicle_id as id from vehicle_ownerships where to_at is null order by vehicle_id limit 1')
    .get() as { id: number };
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  return { vehicleId: car.id, client: desk.core.client(session.token) };
}

test('two desks on the same RO: a job added at the advisor’s desk appears at the manager’s desk without a reload', async ({
  browser,
  desk,
}) => {
  const errors: string[] = [];
  const { vehicleId, client } = await demoCar(desk);
  const ro = await client.repairOrders.create({ vehicleId, concerns: ['保养'] });

  const deskA = await openDesk(browser, errors);
  const deskB = await openDesk(browser, errors);
  await signInAs(deskA, desk, 'advisor');
  await signInAs(deskB, desk, 'manager');
  for (const page of [deskA, deskB]) {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByRole('heading', { name: new RegExp(ro.number) })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Job 1' })).toContainText('保养');
    // The top bar says the desk hears other desks (its accessible name says what the dot means).
    await expect(liveStatus(page)).toBeVisible();
    await expect(liveStatus(page)).toHaveText('● Live');
  }
  await markNoReload(deskB);
  await expect(deskB.getByRole('region', { name: 'Job 2' })).toHaveCount(0);

  await test.step('desk A adds a job', async () => {
    await deskA.getByRole('button', { name: 'Add job' }).click();
    await field(deskA, 'concern').input.fill('右后车窗升降异响');
    await deskA.getByRole('form', { name: 'Add job' }).getByRole('button', { name: 'Add job' }).click();
    await expect(deskA.getByRole('region', { name: 'Job 2' })).toContainText('右后车窗升降异响');
  });

  await test.step('desk B shows it by itself, on the same page, never reloaded', async () => {
    await expect(deskB.getByRole('region', { name: 'Job 2' })).toContainText('右后车窗升降异响');
    expect(await stillNoReload(deskB)).toBe(true);
    await expect(deskB).toHaveURL(new RegExp(`#/repair-orders/${ro.id}$`));
  });

  await test.step('a status change made elsewhere (the core, from a third session) reaches both desks', async () => {
    await markNoReload(deskA);
    await expect(deskA.getByTestId('ro-status')).toHaveText('Open');
    await client.repairOrders.transition({
      id: ro.id,
      version: (await client.repairOrders.get({ id: ro.id })).version,
      to: 'cancelled',
      note: '客户取消',
    });
    for (const page of [deskA, deskB]) await expect(page.getByTestId('ro-status')).toHaveText('Cancelled');
    expect(await stillNoReload(deskA)).toBe(true);
    expect(await stillNoReload(deskB)).toBe(true);
  });

  await deskA.context().close();
  await deskB.context().close();
  expect(errors, 'errors in the browser console').toEqual([]);
});

test('the RO list of one desk shows an RO opened at another desk, without a reload', async ({ browser, desk }) => {
  const errors: string[] = [];
  const { vehicleId } = await demoCar(desk);
  const deskA = await openDesk(browser, errors);
  const deskB = await openDesk(browser, errors);
  await signInAs(deskA, desk, 'advisor');
  await signInAs(deskB, desk, 'manager');

  await deskB.getByRole('navigation').getByRole('link', { name: 'Repair orders' }).click();
  await expect(deskB.getByRole('heading', { name: 'Repair orders' })).toBeVisible();
  const grid = deskB.locator('.ag-root');
  await expect(grid.getByRole('columnheader').first()).toHaveText('RO number');
  const rowsBefore = await grid.locator('.ag-row [col-id="number"]').allTextContents();
  await expect(liveStatus(deskB)).toBeVisible();
  await markNoReload(deskB);

  let number = '';
  await test.step('desk A opens an RO for a car from its file', async () => {
    await deskA.goto(`${desk.url}/#/vehicles/${vehicleId}`);
    await deskA.getByRole('link', { name: 'New repair order' }).click();
    await expect(deskA.getByRole('heading', { name: 'New repair order' })).toBeVisible();
    await field(deskA, 'concerns.0.text').input.fill('发动机故障灯亮');
    await deskA.getByRole('button', { name: 'Create repair order' }).click();
    await expect(deskA).toHaveURL(/#\/repair-orders\/\d+$/);
    const id = Number(/#\/repair-orders\/(\d+)$/.exec(deskA.url())![1]);
    number = (desk.core.deps.sqlite.prepare('select number from repair_orders where id = ?').get(id) as { number: string })
      .number;
  });

  await test.step('desk B’s list shows it at the top (newest first), still the same page', async () => {
    expect(rowsBefore).not.toContain(number);
    await expect(grid.locator('.ag-row[row-index="0"] [col-id="number"]')).toHaveText(number);
    await expect(grid.locator('.ag-row[row-index="0"] [col-id="status"]')).toHaveText('Open');
    expect(await stillNoReload(deskB)).toBe(true);
  });

  await deskA.context().close();
  await deskB.context().close();
  expect(errors, 'errors in the browser console').toEqual([]);
});

test('a desk that lost the stream says so, connects again by itself and catches up on what it missed', async ({
  browser,
  desk,
}) => {
  const errors: string[] = [];
  const { vehicleId, client } = await demoCar(desk);
  const ro = await client.repairOrders.create({ vehicleId, concerns: ['保养'] });
  const deskB = await openDesk(browser, errors);
  // The stream cannot reach the core (a core restarting, a cable pulled): every attempt fails until it is back.
  await deskB.route('**/rpc/events/changes', (route) => route.abort('connectionrefused'));
  await signInAs(deskB, desk, 'manager');
  await deskB.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  await expect(deskB.getByRole('region', { name: 'Job 1' })).toContainText('保养');
  const reconnecting = deskB.getByRole('img', { name: 'Updates from other desks: reconnecting' });
  await expect(reconnecting).toHaveText('● Reconnecting…');
  await markNoReload(deskB);

  // Written elsewhere while desk B hears nothing: no event reaches it.
  await client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '左前轮胎鼓包' });
  await expect(deskB.getByRole('region', { name: 'Job 2' })).toHaveCount(0);

  await deskB.unroute('**/rpc/events/changes');
  await expect(liveStatus(deskB)).toBeVisible({ timeout: 20_000 });
  // Back on line, the desk reads everything again once: the job written while it was away shows.
  await expect(deskB.getByRole('region', { name: 'Job 2' })).toContainText('左前轮胎鼓包');
  expect(await stillNoReload(deskB)).toBe(true);

  await deskB.context().close();
  // The refused attempts are the browser's own log lines about the stream, and nothing else.
  expect(
    errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED')),
    'errors in the browser console',
  ).toEqual([]);
});
