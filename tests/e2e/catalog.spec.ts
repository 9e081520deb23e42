import { expect, field, signInAs, test, type Desk } from './fixtures';

/** Rows of one catalogue table in the test's own database (the fixtures' countRows knows the customer tables). */
function catalogRows(desk: Desk, table: 'labor_operations' | 'maintenance_packages'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

test('the manager adds an operation (a bad input is refused first, by field), then changes its rate and sees it in the grid', async ({
  page,
  desk,
}) => {
  await signInAs(page, desk, 'manager');
  await page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByRole('heading', { name: 'Labor catalogue' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'AC-CHECK' })).toBeVisible();
  const before = catalogRows(desk, 'labor_operations');

  await page.getByRole('link', { name: 'New operation' }).click();
  await expect(page.getByRole('heading', { name: 'New operation' })).toBeVisible();
  await field(page, 'code').input.fill('en-hgask');
  await field(page, 'concernGroup').input.selectOption({ label: 'Engine' });
  await field(page, 'nameZh').input.fill('更换气缸垫');
  await field(page, 'nameEn').input.fill('Replace cylinder head gasket');
  await field(page, 'hoursMilli').input.fill('0');
  await field(page, 'laborRateFen').input.fill('260');

  await test.step('zero hours are refused next to the hours, before anything is sent', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(field(page, 'hoursMilli').caption).toHaveText('Flat-rate hours');
    await expect(field(page, 'hoursMilli').error).toHaveText('must be more than 0 hours');
    await expect(page.getByRole('alert')).toHaveCount(1);
    expect(catalogRows(desk, 'labor_operations')).toBe(before);
  });

  await test.step('a code already on file is refused by the core, next to the code', async () => {
    await field(page, 'hoursMilli').input.fill('8.5');
    await field(page, 'code').input.fill('mt-oil');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(field(page, 'code').error).toHaveText('is already used by another entry');
    await expect(field(page, 'hoursMilli').error).toHaveCount(0);
    expect(catalogRows(desk, 'labor_operations')).toBe(before);
  });

  await test.step('with its own code it is saved and listed in its group', async () => {
    await field(page, 'code').input.fill('en-hgask');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Labor catalogue' })).toBeVisible();
    expect(catalogRows(desk, 'labor_operations')).toBe(before + 1);
    await page.getByRole('combobox', { name: 'Concern group' }).selectOption({ label: 'Engine' });
    const row = page.locator('.ag-row').filter({ hasText: 'EN-HGASK' });
    await expect(row).toContainText('Replace cylinder head gasket');
    await expect(row).toContainText('8.5 h');
    await expect(row).toContainText('¥260.00 / h');
    // Only the engine group is listed.
    await expect(page.getByRole('gridcell', { name: 'BR-FPAD' })).toHaveCount(0);
  });

  await test.step('its rate is changed, and the grid (still on its group) shows the new rate', async () => {
    await page.getByRole('gridcell', { name: 'EN-HGASK' }).click();
    await expect(page.getByRole('heading', { name: 'Edit operation' })).toBeVisible();
    await expect(field(page, 'laborRateFen').input).toHaveValue('260.00');
    await expect(field(page, 'hoursMilli').input).toHaveValue('8.5');
    await field(page, 'laborRateFen').input.fill('285.5');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Labor catalogue' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Concern group' })).toHaveValue('engine');
    await expect(page.locator('.ag-row').filter({ hasText: 'EN-HGASK' })).toContainText('¥285.50 / h');
    expect(catalogRows(desk, 'labor_operations')).toBe(before + 1);
    const saved = desk.core.deps.sqlite
      .prepare('select labor_rate_fen, flat_rate_hours_milli, version from labor_operations where code = ?')
      .get('EN-HGASK');
    expect(saved).toEqual({ labor_rate_fen: 28_550, flat_rate_hours_milli: 8500, version: 2 });
  });
});

test('the manager builds a package from the operation picker and part lines, with the estimate as it grows', async ({
  page,
  desk,
}) => {
  await signInAs(page, desk, 'manager');
  await page.goto(`${desk.url}/#/catalog/packages`);
  await expect(page.getByRole('table', { name: 'Maintenance packages' })).toContainText('PKG-10K');
  const before = catalogRows(desk, 'maintenance_packages');
  await page.getByRole('link', { name: 'New package' }).click();

  await field(page, 'code').input.fill('pkg-brake');
  await field(page, 'nameZh').input.fill('前刹车保养');
  await field(page, 'nameEn').input.fill('Front brake service');

  // Saving with no line at all is refused, in the operations box.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('[data-field="laborLines"]').getByRole('alert')).toHaveText('add at least one operation or part');

  const search = page.getByRole('searchbox', { name: 'Find an operation by code or name…' });
  await search.fill('brake pads');
  await page.getByRole('button', { name: /BR-FPAD/ }).click();
  await expect(search).toHaveValue('');
  await search.fill('br-fluid');
  await expect(page.getByRole('button', { name: /BR-FLUID/ })).toBeVisible();
  await search.press('Enter');
  const labor = page.getByRole('table', { name: 'Operations' });
  await expect(labor.getByRole('row')).toHaveCount(3);
  await expect(labor).toContainText('Replace front brake pads');
  await expect(labor).toContainText('Replace brake fluid');
  // 1.0 h + 0.8 h at ¥220.
  await expect(page.getByTestId('package-total')).toHaveText('¥396.00');

  await page.getByRole('button', { name: 'Add part line' }).click();
  await field(page, 'partLines.0.partNumber').input.fill('pad-f-01');
  await field(page, 'partLines.0.nameZh').input.fill('前刹车片');
  await field(page, 'partLines.0.nameEn').input.fill('Front brake pads');
  await field(page, 'partLines.0.unitPriceFen').input.fill('12.345');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'partLines.0.unitPriceFen').error).toHaveText('must be a number with at most 2 decimals');
  await field(page, 'partLines.0.unitPriceFen').input.fill('380');
  await expect(page.getByTestId('package-total')).toHaveText('¥776.00');
  expect(catalogRows(desk, 'maintenance_packages')).toBe(before);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Edit package' })).toBeVisible();
  await expect(page.getByTestId('package-total')).toHaveText('¥776.00');
  await expect(field(page, 'code').input).toHaveValue('PKG-BRAKE');
  expect(catalogRows(desk, 'maintenance_packages')).toBe(before + 1);
});

test('an advisor reads the catalogue but cannot change it', async ({ page, desk }) => {
  await signInAs(page, desk, 'advisor');
  await page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByRole('heading', { name: 'Labor catalogue' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'BR-FPAD' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New operation' })).toHaveCount(0);

  await page.getByRole('gridcell', { name: 'BR-FPAD' }).click();
  await expect(page.getByRole('heading', { name: 'BR-FPAD · Replace front brake pads' })).toBeVisible();
  await expect(page.locator('.facts')).toContainText('¥220.00 / h');
  await expect(page.getByText('Only the after-sales manager changes the catalogue.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retire' })).toHaveCount(0);
  await expect(page.locator('input')).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to the catalogue' }).click();
  await page.getByRole('link', { name: 'Maintenance packages' }).click();
  await expect(page.getByRole('link', { name: 'New package' })).toHaveCount(0);
  await page.getByRole('link', { name: 'PKG-10K' }).click();
  await expect(page.getByRole('heading', { name: 'PKG-10K · 10,000 km service' })).toBeVisible();
  await expect(page.getByTestId('package-total')).toHaveText('¥766.00');
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);

  // Typing the address of the new-operation form does not open it either.
  await page.goto(`${desk.url}/#/catalog/operations/new`);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
});
