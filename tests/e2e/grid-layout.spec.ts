import { expect, signInAs, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** Every growing list is one AG Grid setup: a user's column widths and order stay theirs, on every visit. */
async function headerBox(grid: Locator, colId: string) {
  const box = await grid.locator(`.ag-header-cell[col-id="${colId}"]`).boundingBox();
  expect(box, `header ${colId}`).not.toBeNull();
  return box!;
}

async function openCustomers(page: Page): Promise<Locator> {
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  const grid = page.locator('.ag-root');
  await expect(grid.getByRole('columnheader')).toHaveText(['Name', 'Type', 'Phone', 'Vehicles', 'Last change']);
  return grid;
}

test('a user widens and moves grid columns; they stay so for that user only', async ({ page, desk }) => {
  await signInAs(page, desk, 'advisor');
  let grid = await openCustomers(page);
  const before = await headerBox(grid, 'name');

  // Widen "Name" by dragging its edge.
  const edge = grid.locator('.ag-header-cell[col-id="name"] .ag-header-cell-resize');
  const handle = (await edge.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 150, handle.y + handle.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await headerBox(grid, 'name')).width).toBeGreaterThan(before.width + 100);
  const widened = (await headerBox(grid, 'name')).width;

  // Move "Phone" to the front by dragging its header.
  const phone = await headerBox(grid, 'phone');
  const name = await headerBox(grid, 'name');
  await page.mouse.move(phone.x + 20, phone.y + phone.height / 2);
  await page.mouse.down();
  await page.mouse.move(name.x + 10, name.y + name.height / 2, { steps: 20 });
  await page.mouse.move(name.x + 5, name.y + name.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(grid.getByRole('columnheader')).toHaveText(['Phone', 'Name', 'Type', 'Vehicles', 'Last change']);

  // Another visit: the same arrangement.
  await page.getByRole('navigation').getByRole('link', { name: 'Repair orders' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  grid = page.locator('.ag-root');
  await expect(grid.getByRole('columnheader')).toHaveText(['Phone', 'Name', 'Type', 'Vehicles', 'Last change']);
  expect(Math.abs((await headerBox(grid, 'name')).width - widened)).toBeLessThan(2);

  // Another user on the same desk sees the grid as shipped.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, desk, 'manager');
  grid = await openCustomers(page);
  expect(Math.abs((await headerBox(grid, 'name')).width - before.width)).toBeLessThan(2);
});
