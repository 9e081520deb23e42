import { demoCar, expect, signInAs, test } from './fixtures';

test('an advisor changes the price of a line; the manager reads who did it in the RO audit trail', async ({
  page,
  desk,
  browser,
}) => {
  // The RO, with one labor line of 1 h × ¥200.00, written by the demo advisor through the core.
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const advisor = desk.core.client(session.token).repairOrders;
  let ro = await advisor.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  ro = await advisor.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: ro.jobs[0]!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1000,
    laborRateFen: 20_000,
  });

  await test.step('the advisor gives 10% off the line, and sees no audit trail', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByTestId('ro-total')).toHaveText('¥200.00');
    await page.getByRole('button', { name: 'Discount', exact: true }).click();
    const form = page.getByRole('form', { name: 'Discount on BRK-01' });
    await form.getByLabel('Discount (%)').fill('10');
    await form.getByLabel('Discount reason').fill('老客户');
    await form.getByRole('button', { name: 'Set discount' }).click();
    await expect(page.getByTestId('ro-total')).toHaveText('¥180.00');
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toHaveCount(0);
  });

  await test.step('the manager sees the change with who made it, and the creation below it', async () => {
    const context = await browser.newContext();
    const managerPage = await context.newPage();
    try {
      await signInAs(managerPage, desk, 'manager');
      await managerPage.goto(`${desk.url}/#/repair-orders/${ro.id}`);
      // The trail is a grid: a row per entry, newest first.
      const trail = managerPage.locator('.grid-frame[aria-label="Audit trail"] .ag-root');
      await expect(trail.getByRole('columnheader')).toHaveText(['When', 'Who', 'What', 'Changes']);
      const entries = trail.locator('.ag-row');
      const entry = (index: number) => trail.locator(`.ag-row[row-index="${index}"]`);
      await expect(entries).toHaveCount(3);
      const changed = entry(0);
      await expect(changed.getByTestId('audit-entry')).toHaveAttribute('data-action', 'ro.line.priceChanged');
      await expect(changed.locator('[col-id="who"]')).toHaveText(`${session.user.displayName} · Service advisor`);
      await expect(changed.locator('[col-id="what"]')).toHaveText('changed the price of 更换前刹车片 from ¥200.00 to ¥180.00');
      await expect(changed.locator('[col-id="changes"]')).toContainText('Discount: 0% → 10%');
      await expect(entry(1)).toContainText('added 更换前刹车片 at ¥200.00');
      await expect(entry(2)).toContainText(`opened RO ${ro.number}`);

      // The whole trail, from Settings, filtered to repair orders, shows the same entry.
      await managerPage.goto(`${desk.url}/#/settings`);
      await managerPage.getByTestId('audit-link').click();
      await managerPage.getByRole('combobox', { name: 'What' }).selectOption('repair_order');
      const all = managerPage.locator('.grid-frame[aria-label="Audit trail"] .ag-root');
      await expect(all.locator('.ag-row[row-index="0"] [col-id="what"]')).toHaveText(
        'changed the price of 更换前刹车片 from ¥200.00 to ¥180.00',
      );
      // A quiet kind shows its own few entries (as many as the file holds); every kind shows the entry again.
      const desks = desk.core.deps.sqlite.prepare(`select count(*) as n from audit_log where entity = 'desk'`).get() as {
        n: number;
      };
      await managerPage.getByRole('combobox', { name: 'What' }).selectOption('desk');
      await expect(all.locator('.ag-row')).toHaveCount(desks.n);
      await managerPage.getByRole('combobox', { name: 'What' }).selectOption('');
      await expect(all.locator('.ag-row[row-index="0"] [col-id="what"]')).toHaveText(
        'changed the price of 更换前刹车片 from ¥200.00 to ¥180.00',
      );
    } finally {
      await context.close();
    }
  });
});
