import { countRows, expect, signInAs, test, type Desk } from './fixtures';

interface GridRow {
  id: number;
  name: string;
  phone: string;
  vehicles: number;
}

/** What the grid should show, straight from SQL: open files, newest first, with first phone and current cars. */
function expectedRows(desk: Desk, nameContains = ''): GridRow[] {
  return desk.core.deps.sqlite
    .prepare(
      `select c.id, c.name,
              (select p.number from customer_phones p where p.customer_id = c.id order by p.position limit 1) as phone,
              (select count(*) from vehicle_ownerships o where o.customer_id = c.id and o.to_at is null) as vehicles
         from customers c
        where c.merged_into_id is null and instr(c.name_key, ?) > 0
        order by c.id desc`,
    )
    .all(nameContains) as GridRow[];
}

test('the customers grid shows the files from SQL and filtering by name narrows it', async ({ page, desk }) => {
  const all = expectedRows(desk);
  expect(all.length).toBeGreaterThan(100);
  expect(countRows(desk, 'customers')).toBeGreaterThanOrEqual(all.length);
  // A surname a handful of customers share: few enough to see them all without scrolling.
  const surname = [...new Set(all.map((row) => [...row.name][0]!))].find((first) => {
    const n = expectedRows(desk, first).length;
    return n >= 2 && n <= 8;
  });
  expect(surname, 'a surname shared by 2-8 customers').toBeDefined();
  const filtered = expectedRows(desk, surname);

  await signInAs(page, desk, 'advisor');
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  const grid = page.locator('.ag-root');
  await expect(grid.getByRole('columnheader')).toHaveText(['Name', 'Type', 'Phone', 'Vehicles', 'Last change']);

  for (const [index, row] of all.slice(0, 5).entries()) {
    const line = grid.locator(`.ag-row[row-index="${index}"]`);
    await expect(line.locator('[col-id="name"]')).toHaveText(row.name);
    await expect(line.locator('[col-id="phone"]')).toHaveText(row.phone);
    await expect(line.locator('[col-id="vehicleCount"]')).toHaveText(String(row.vehicles));
  }
  const rendered = await grid.locator('.ag-row').count();
  expect(rendered).toBeGreaterThan(filtered.length);

  await grid.locator('.ag-header-cell[col-id="name"] .ag-header-cell-filter-button').click();
  await page.locator('.ag-filter').getByPlaceholder('Filter...').fill(surname!);
  await expect(grid.locator('.ag-row')).toHaveCount(filtered.length);
  await expect(grid.getByRole('gridcell').and(grid.locator('[col-id="name"]'))).toHaveText(filtered.map((row) => row.name));
  await page.keyboard.press('Escape');

  // A row opens the customer's file.
  await grid.getByRole('gridcell', { name: filtered[0]!.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/customers/${filtered[0]!.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: filtered[0]!.name })).toBeVisible();
});
