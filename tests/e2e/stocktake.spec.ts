import { makePart, stockIn } from '../fixtures/parts';
import type { Page } from '@playwright/test';
import { expect, field, signInAs, test } from './fixtures';

/** A line of the count sheet's grid, found by its bin and part number; its cells are named by column id. */
function sheetLine(page: Page, bin: string, partNumber: string) {
  return page
    .getByLabel('Count sheet', { exact: true })
    .locator('.ag-row')
    .filter({ has: page.locator('[col-id="bin"]', { hasText: bin }) })
    .filter({ has: page.locator('[col-id="partNumber"]', { hasText: partNumber }) });
}

test('the parts clerk freezes a bin, counts one part short and sees the shortage’s value; the manager posts it and on hand is the count', async ({
  page,
  desk,
}) => {
  // Bins of their own (E2E-…), so the demo's stock is not in the count. 10 pads at an average of ¥45.50.
  const pads = await makePart(desk.core, { part_number: 'E2E-PAD-01', name_en: 'Brake pads (test)', default_bin: 'E2E-01-01' });
  const filter = await makePart(desk.core, {
    part_number: 'E2E-FLT-01',
    name_en: 'Cabin filter (test)',
    default_bin: 'E2E-01-02',
  });
  await stockIn(desk.core, pads.id, 6_000, 4_000);
  await stockIn(desk.core, pads.id, 4_000, 5_375);
  await stockIn(desk.core, filter.id, 4_000, 2_000);

  await signInAs(page, desk, 'parts_clerk');
  await page.getByRole('navigation').getByRole('link', { name: 'Parts' }).click();
  await page.getByRole('link', { name: 'Stocktake' }).click();

  await test.step('the clerk freezes the count list of the E2E bins', async () => {
    await field(page, 'binPrefix').input.fill('e2e-');
    await page.getByRole('button', { name: 'Freeze the count list' }).click();
    await expect(page.getByRole('heading', { name: /^Stocktake ST\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByText('bins E2E-…')).toBeVisible();
    await expect(page.locator('[data-total="counted"]')).toHaveText('0 of 2');
    // Blind count: the book quantity is not shown before the line is counted.
    const padsRow = sheetLine(page, 'E2E-01-01', 'E2EPAD01');
    await expect(padsRow.locator('[col-id="frozen"]')).toHaveText('—');
  });

  await test.step('the clerk types the counts down the sheet: pads 8 (two short), filter 4', async () => {
    await page.getByRole('textbox', { name: 'Count of E2EPAD01 in E2E-01-01' }).fill('8');
    await page.getByRole('textbox', { name: 'Count of E2EPAD01 in E2E-01-01' }).press('Enter');
    await expect(page.getByRole('textbox', { name: 'Count of E2EFLT01 in E2E-01-02' })).toBeFocused();
    await page.getByRole('textbox', { name: 'Count of E2EFLT01 in E2E-01-02' }).fill('4');
    await page.getByRole('button', { name: 'Save counts (2)' }).click();

    const padsRow = sheetLine(page, 'E2E-01-01', 'E2EPAD01');
    await expect(padsRow.locator('[col-id="frozen"]')).toHaveText('10 pieces');
    await expect(padsRow.locator('[col-id="variance"]')).toHaveText('-2');
    // 盘亏 2 × ¥45.50 = ¥91.00.
    await expect(padsRow.locator('[col-id="value"]')).toHaveText('-¥91.00');
    const filterRow = sheetLine(page, 'E2E-01-02', 'E2EFLT01');
    await expect(filterRow.locator('[col-id="variance"]')).toHaveText('0');
    await expect(page.locator('[data-total="counted"]')).toHaveText('2 of 2');
    await expect(page.locator('[data-total="loss"]')).toHaveText('-¥91.00');
    await expect(page.locator('[data-total="net"]')).toHaveText('-¥91.00');
    // Posting is the manager's.
    await expect(page.getByRole('button', { name: 'Post variances' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  await test.step('the manager posts the variance; the pads’ on hand is now the count', async () => {
    await signInAs(page, desk, 'manager');
    await page.goto(`${desk.url}/#/parts/stocktakes`);
    await page
      .getByLabel('Stocktakes', { exact: true })
      .locator('.ag-row')
      .getByRole('link', { name: /^ST\d{4}-\d{6}$/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Post variances' }).click();
    await expect(page.getByText('Post 1 variance line, net -¥91.00, to stock?')).toBeVisible();
    await page.getByRole('button', { name: 'Yes, post' }).click();
    await expect(page.locator('[data-status="posted"]')).toHaveText('Posted');
    await expect(page.getByRole('textbox', { name: /^Count of/ })).toHaveCount(0);

    await page.goto(`${desk.url}/#/parts/${pads.id}`);
    await expect(page.getByTestId('on-hand')).toHaveText('8 pieces');
  });
});
