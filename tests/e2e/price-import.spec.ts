import { makePart } from '../fixtures/parts';
import { expect, field, signInAs, test } from './fixtures';

const CSV = [
  '零件号,名称,英文名称,零售价',
  'E2E-IMP-1,机油滤清器,Oil filter,120.00',
  'E2E-IMP-2,空气滤清器（新）,Air filter (new),"1,088.50"',
  'E2E-IMP-3,火花塞,Spark plug,abc',
].join('\r\n');

function partCount(core: Parameters<typeof makePart>[0]): number {
  return (core.deps.sqlite.prepare('select count(*) as n from parts').get() as { n: number }).n;
}

test('the parts clerk uploads a price file, maps it, checks it, sees the rejected line and imports the good ones', async ({
  page,
  desk,
}) => {
  await makePart(desk.core, { part_number: 'E2E-IMP-1', name_zh: '机油滤清器', name_en: 'Oil filter', list_price_fen: 10_000 });
  const before = partCount(desk.core);

  await signInAs(page, desk, 'parts_clerk');
  await page.getByRole('navigation').getByRole('link', { name: 'Parts' }).click();
  await page.getByRole('link', { name: 'Price import' }).click();
  await expect(page.getByRole('heading', { name: 'Price-file import' })).toBeVisible();

  await test.step('the file shows its first rows and a mapping guessed from its header', async () => {
    // The file goes alone, as raw bytes, to the upload path (streamed to a temporary file); the call names its id.
    const upload = page.waitForRequest((request) => request.url().endsWith('/upload/price-file'));
    const prepare = page.waitForRequest((request) => request.url().endsWith('/rpc/parts/importPrepare'));
    await field(page, 'priceFile').input.setInputFiles({
      name: '价格表.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}`),
    });
    expect((await upload).headers()['content-type']).toBe('application/octet-stream');
    const call = (await prepare).postData() ?? '';
    expect(call).toContain('uploadId');
    expect(call).not.toContain('E2E-IMP');
    const preview = page.getByRole('table', { name: 'First rows of the file' });
    await expect(preview).toContainText('E2E-IMP-2');
    await expect(preview).toContainText('1,088.50');
    await expect(page.getByText('Mapping guessed from the column names')).toBeVisible();
    await expect(field(page, 'mapping.partNumber').input).toHaveValue('0');
    await expect(field(page, 'mapping.nameZh').input).toHaveValue('1');
    await expect(field(page, 'mapping.nameEn').input).toHaveValue('2');
    await expect(field(page, 'mapping.listPrice').input).toHaveValue('3');
    await expect(field(page, 'mapping.cost').input).toHaveValue('');
  });

  await test.step('the check counts what would change and names the bad line and why, writing nothing', async () => {
    await page.getByLabel('Skip the bad lines, import the rest').check();
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByRole('heading', { name: 'Check result (nothing written yet)' })).toBeVisible();
    await expect(page.locator('[data-figure="added"]')).toContainText('1');
    await expect(page.locator('[data-figure="changedPrice"]')).toContainText('1');
    await expect(page.locator('[data-figure="rejected"]')).toContainText('1');
    const rejected = page.getByRole('table', { name: 'Rejected lines' });
    await expect(rejected.getByRole('row', { name: /Line 4/ })).toContainText('Price is not a number of yuan');
    await expect(rejected.getByRole('row', { name: /Line 4/ })).toContainText('E2EIMP3');
    expect(partCount(desk.core)).toBe(before);
  });

  await test.step('the import writes the good lines and says so', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Import result' })).toBeVisible();
    await expect(page.getByText('Imported: the parts master now holds the good lines of this file.')).toBeVisible();
    await expect(page.locator('[data-figure="added"]')).toContainText('1');
    await expect(page.locator('[data-figure="changedPrice"]')).toContainText('1');
    expect(partCount(desk.core)).toBe(before + 1);
  });

  await test.step('the new part is in the parts grid with its price', async () => {
    await page.getByRole('link', { name: 'Stock', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Part number or name' }).fill('e2e-imp-2');
    const row = page.locator('.ag-row').filter({ hasText: 'E2EIMP2' });
    await expect(row).toContainText('1,088.50');
  });
});
