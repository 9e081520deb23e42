import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { makePart, stockIn } from '../fixtures/parts';
import { expect, signInAs, test } from './fixtures';

test('the parts clerk finds a part by a dashed lower-case number, adjusts a bin with a reason and sees the movement; the stock list downloads as Excel', async ({
  page,
  desk,
}) => {
  const part = await makePart(desk.core, {
    part_number: '04152-E2E01',
    name_zh: '机油滤清器（测试）',
    name_en: 'Oil filter (test)',
    brand: '丰田',
    default_bin: 'A-09-01',
    list_price_fen: 8_500,
  });
  await stockIn(desk.core, part.id, 6_000, 5_000, { bin: 'A-09-01' });
  await stockIn(desk.core, part.id, 2_000, 5_000, { bin: 'B-02-02' });

  await signInAs(page, desk, 'parts_clerk');
  await page.getByRole('navigation').getByRole('link', { name: 'Parts' }).click();
  await expect(page.getByRole('heading', { name: 'Parts' })).toBeVisible();

  await test.step('a dashed, lower-case number finds the part in the grid', async () => {
    await page.getByRole('searchbox', { name: 'Part number or name' }).fill('04152-e2e');
    const row = page.locator('.ag-row').filter({ hasText: '04152E2E01' });
    await expect(row).toContainText('Oil filter (test)');
    await expect(row).toContainText('A-09-01');
    await expect(page.locator('.ag-row')).toHaveCount(1);
    await row.getByText('04152E2E01').click();
  });

  await test.step('the part shows its stock per bin', async () => {
    await expect(page.getByRole('heading', { name: /04152E2E01/ })).toBeVisible();
    await expect(page.getByTestId('on-hand')).toHaveText('8 pieces');
    const bins = page.getByRole('table', { name: 'Stock per bin' });
    await expect(bins.getByRole('row', { name: /A-09-01/ })).toContainText('6');
    await expect(bins.getByRole('row', { name: /B-02-02/ })).toContainText('2');
  });

  await test.step('an adjustment needs a reason, then is posted and listed in the movements', async () => {
    const form = page.getByRole('form', { name: 'Adjust stock' });
    const input = (name: string) => form.locator(`label[data-field="${name}"]`);
    await input('qtyMilli').locator('input').fill('-1');
    await form.getByRole('button', { name: 'Post adjustment' }).click();
    await expect(input('reason').getByRole('alert')).toHaveText('is required');
    await input('reason').locator('input').fill('Damaged in storage');
    await form.getByRole('button', { name: 'Post adjustment' }).click();
    await expect(form.getByRole('status')).toHaveText('Adjustment posted.');
    await expect(page.getByTestId('on-hand')).toHaveText('7 pieces');
    await expect(page.getByRole('table', { name: 'Stock per bin' }).getByRole('row', { name: /A-09-01/ })).toContainText('5');
    const movement = page.locator('.ag-row').filter({ hasText: 'Damaged in storage' });
    await expect(movement).toContainText('Adjustment');
    await expect(movement).toContainText('-1');
    await expect(movement).toContainText('A-09-01');
  });

  await test.step('stock moved between bins keeps the total', async () => {
    const form = page.getByRole('form', { name: 'Move between bins' });
    await form.locator('label[data-field="toBin"] input').fill('b-02-02');
    await form.locator('label[data-field="qtyMilli"] input').fill('2');
    await form.getByRole('button', { name: 'Move stock' }).click();
    await expect(form.getByRole('status')).toHaveText('Stock moved.');
    const bins = page.getByRole('table', { name: 'Stock per bin' });
    await expect(bins.getByRole('row', { name: /A-09-01/ })).toContainText('3');
    await expect(bins.getByRole('row', { name: /B-02-02/ })).toContainText('4');
    await expect(page.getByTestId('on-hand')).toHaveText('7 pieces');
  });

  await test.step('the stock list downloads as a workbook: the stock sheet, its header row, the part with what is on hand', async () => {
    await page.getByRole('link', { name: 'Back to the parts list' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^stock-\d{8}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['库存 Stock']);
    const sheet = book.getWorksheet('库存 Stock')!;
    const cells = (row: number) => [...Array(sheet.columnCount).keys()].map((i) => sheet.getRow(row).getCell(i + 1).value);
    const header = cells(1);
    expect(header).toEqual([
      '零件号 Part number',
      '中文名称 Name (Chinese)',
      '英文名称 Name (English)',
      '品牌 Brand',
      '库位 Bin',
      '单位 Unit',
      '在库 On hand',
      '预留 Reserved',
      '可用 Available',
      '移动平均成本 Avg unit cost ¥',
      '库存金额 Stock value ¥',
      '销售价 List price ¥',
    ]);
    const rows = [...Array(sheet.rowCount).keys()].map((i) => cells(i + 1));
    const ours = rows.find((row) => row[0] === '04152E2E01');
    expect(ours, 'the part has a row').toBeDefined();
    // After the adjustment of -1: 7 on hand at 50 yuan each, listed at 85 yuan.
    expect(Object.fromEntries(header.map((title, i) => [title, ours![i]]))).toEqual({
      '零件号 Part number': '04152E2E01',
      '中文名称 Name (Chinese)': '机油滤清器（测试）',
      '英文名称 Name (English)': 'Oil filter (test)',
      '品牌 Brand': '丰田',
      '库位 Bin': 'A-09-01',
      '单位 Unit': '个 piece',
      '在库 On hand': 7,
      '预留 Reserved': 0,
      '可用 Available': 7,
      '移动平均成本 Avg unit cost ¥': 50,
      '库存金额 Stock value ¥': 350,
      '销售价 List price ¥': 85,
    });
    expect(rows[rows.length - 1]![0]).toMatch(/^合计 Total \(\d+\)$/);
  });
});
