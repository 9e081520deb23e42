import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { templateHeaders } from '../../shared/domain/dms-import';
import { validVin, vinWithWrongCheck } from '../fixtures/factories';
import { csvOf, xlsxOf } from '../fixtures/sheets';
import { PASSWORD, signIn } from '../fixtures/users';
import { expect, lookupBox, test, type Desk } from './fixtures';

// Issue 18 item 1: the manager of a new dealership moves the previous DMS's customers, vehicles and repair history in
// through the screen: templates, a real file each (GBK CSV, XLSX, UTF-8 CSV), dry runs that name the bad rows and why,
// imports, a second run that changes nothing, then the imported history on the vehicle page and the customer found by
// the pinyin initials of the name.

const VIN_1 = validVin('LSGKB54H', 'E2E00001');
const VIN_2 = validVin('LSGKB54H', 'E2E00002');

/** Two customers, then a phone with a letter O for a zero and C1 a second time. */
const CUSTOMERS = [
  templateHeaders('customers', 'zh-CN'),
  ['C1', '张三丰', '个人', '13800138000', '', '', '', '北京市朝阳区', '是'],
  ['C2', '李四', '', '139-0013-9000', '', '', 'li@example.com', '', '否'],
  ['C3', '王五', '', '1380013800O', '', '', '', '', ''],
  ['C1', '张三丰', '', '13800138000', '', '', '', '', ''],
];
/** Two vehicles (the second's owner by phone), then a VIN with a wrong check digit and an owner the file never had. */
const VEHICLES = [
  templateHeaders('vehicles', 'en'),
  ['V1', VIN_1, '京A12345', '大众', '帕萨特', '2019', '2019-05-01', '45000', '2025-06-01', 'C1', ''],
  ['V2', VIN_2, '京B54321', '别克', '君威', '2021', '', '', '', '', '13900139000'],
  ['V3', vinWithWrongCheck(validVin('LSGKB54H', 'E2E00003')), '', '大众', '朗逸', '2018', '', '', '', 'C1', ''],
  ['V4', validVin('LSGKB54H', 'E2E00004'), '', '大众', '朗逸', '2018', '', '', '', 'C99', ''],
];
/** Two visits of V1, then one of the vehicle refused above. */
const ORDERS = [
  templateHeaders('orders', 'zh-CN'),
  ['R1', 'WO2025-0101', 'V1', '', '', '2025-10-12 09:30', '2025-10-12 16:00', '45000', '老周', '300.00', '450.50', '常规保养'],
  ['R2', 'WO2025-0102', 'V1', '', '', '2025-11-20', '2025-11-21', '46000', '老周', '800', '0', '刹车异响'],
  ['R3', 'WO2025-0103', 'V3', '', '', '2025-10-01', '', '', '', '', '', ''],
];
/** R1's and R2's lines, then a line of an RO the file of headers never had. */
const ORDER_LINES = [
  templateHeaders('orderLines', 'zh-CN'),
  ['R1', '1', '工时', 'OP-100', '更换机油机滤', '1.5', '200', '300.00'],
  ['R1', '2', '配件', '90915-YZZD1', '机油滤清器', '1', '50.50', '50.50'],
  ['R2', '1', '工时', '', '检查刹车', '2', '', '800'],
  ['R99', '1', '工时', '', '不存在的工单', '1', '', '10'],
];

const count = (desk: Desk, table: string) =>
  (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const TABLES = ['customers', 'customer_phones', 'vehicles', 'vehicle_ownerships', 'repair_orders', 'repair_order_lines'];
const counts = (desk: Desk) => TABLES.map((table) => count(desk, table));

/** The step on screen: the other steps stay mounted, hidden. */
const panel = (page: Page) => page.getByRole('tabpanel');
const inPanel = (page: Page, name: string) => panel(page).locator(`label[data-field="${name}"]`);
const figure = (page: Page, key: string) => panel(page).locator(`[data-figure="${key}"] dd`);

async function choose(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await inPanel(page, 'dmsFile').locator('input').setInputFiles({ name, mimeType, buffer });
  await expect(panel(page).getByRole('table', { name: 'First rows of the file' })).toBeVisible();
}

async function expectRefused(page: Page, rows: [line: number, key: string, column: string, value: string, why: string][]) {
  const table = panel(page).getByRole('table', { name: 'Refused rows' });
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  for (const [i, cells] of rows.entries()) {
    const row = table.getByRole('row').nth(i + 1);
    for (const [c, cell] of cells.entries()) await expect(row.getByRole('cell').nth(c)).toHaveText(String(cell));
  }
}

async function dryRun(page: Page) {
  await panel(page).getByRole('button', { name: 'Dry run' }).click();
  await expect(panel(page).getByRole('heading', { name: 'Dry run result (nothing written yet)' })).toBeVisible();
}

async function commit(page: Page) {
  await panel(page).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(panel(page).getByRole('heading', { name: 'Import result' })).toBeVisible();
}

async function expectFigures(page: Page, figures: Record<string, number>) {
  for (const [key, value] of Object.entries(figures)) await expect(figure(page, key)).toHaveText(String(value));
}

async function stepTab(page: Page, name: RegExp): Promise<Locator> {
  const tab = page.getByRole('tab', { name });
  await expect(tab).toBeVisible();
  return tab;
}

test.describe('moving in from the previous DMS', () => {
  test.use({ demo: false });

  test('the manager imports customers, vehicles and RO history, sees the bad rows and why, and a second run changes nothing', async ({
    page,
    desk,
  }) => {
    test.setTimeout(120_000);
    // A new dealership: its administrator set up, its manager added (as the Users screen does), nobody else.
    await signIn(desk.core, 'manager', 'manager.wang');
    await page.goto(desk.url);
    await page.getByLabel('Username').fill('manager.wang');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toBeVisible();

    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Import from the previous system (customers, vehicles, repair history)' }).click();
    await expect(page.getByRole('heading', { name: 'Moving in from the previous system' })).toBeVisible();
    await expect(page.getByRole('tab')).toHaveText([
      '1. Customers',
      '2. Vehicles',
      '3. Repair orders (headers)',
      '4. Repair order lines',
    ]);

    await test.step('the template downloads with its header in Chinese', async () => {
      const downloading = page.waitForEvent('download');
      await panel(page).getByRole('button', { name: 'Template (Chinese headers)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('客户导入模板.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('原客户编号');
    });

    await test.step('a GBK CSV shows its format, encoding, first rows and a guessed mapping', async () => {
      await choose(page, '客户.csv', 'text/csv', iconv.encode(csvOf(CUSTOMERS), 'gbk'));
      await expect(panel(page).getByTestId('dms-file-details')).toHaveText('客户.csv: CSV, GBK (GB18030)');
      await expect(panel(page).getByRole('table', { name: 'First rows of the file' })).toContainText('张三丰');
      await expect(panel(page).getByText('Mapping guessed from the column names')).toBeVisible();
      await expect(inPanel(page, 'mapping.legacyId').locator('.field-label')).toHaveText('Old customer ID (required)');
      await expect(inPanel(page, 'mapping.legacyId').locator('select')).toHaveValue('0');
      await expect(inPanel(page, 'mapping.phone').locator('select')).toHaveValue('3');
    });

    await test.step('a required column left out is refused, naming the field', async () => {
      await inPanel(page, 'mapping.name').locator('select').selectOption('');
      await panel(page).getByRole('button', { name: 'Dry run' }).click();
      await expect(inPanel(page, 'mapping.name').getByRole('alert')).toHaveText('must be chosen');
      await expect(panel(page).locator('.banner-error')).toHaveText('Name: must be chosen');
      await inPanel(page, 'mapping.name').locator('select').selectOption('1');
    });

    const before = counts(desk);
    await test.step('the dry run counts the rows and lists the refused ones with their reasons, writing nothing', async () => {
      await dryRun(page);
      await expectFigures(page, { rows: 4, created: 2, updated: 0, unchanged: 0, refused: 2 });
      await expectRefused(page, [
        [4, 'C3', 'Phone', '1380013800O', 'Phone has letters in it'],
        [5, 'C1', 'Old customer ID', 'C1', 'Already on an earlier row of this file'],
      ]);
      expect(counts(desk)).toEqual(before);
      await expect(await stepTab(page, /^1\. Customers/)).toContainText('dry run done');
    });

    await test.step('the refused rows download as a spreadsheet', async () => {
      const downloading = page.waitForEvent('download');
      await panel(page).getByRole('button', { name: 'Download refused rows' }).click();
      expect((await downloading).suggestedFilename()).toBe('客户-refused.xlsx');
    });

    await test.step('the import writes the good rows', async () => {
      await commit(page);
      const said = panel(page).getByRole('status').filter({ hasText: 'Imported' }).locator('div');
      await expect(said).toHaveText([
        'Imported: 2 rows written.',
        'Refused rows are left out: correct them in the file and run it again.',
      ]);
      expect(count(desk, 'customers')).toBe(before[0]! + 2);
      await expect(await stepTab(page, /^1\. Customers/)).toContainText('imported');
    });

    await test.step('the same file a second time: every good row unchanged, nothing written', async () => {
      const imported = counts(desk);
      await panel(page).getByRole('button', { name: 'Import another file' }).click();
      await choose(page, '客户.csv', 'text/csv', iconv.encode(csvOf(CUSTOMERS), 'gbk'));
      await expect(panel(page).getByText('Mapping remembered from the last import of a file with this header.')).toBeVisible();
      await dryRun(page);
      await expectFigures(page, { created: 0, updated: 0, unchanged: 2, refused: 2 });
      await commit(page);
      await expect(panel(page).getByText('Nothing to write: every good row is already in.')).toBeVisible();
      await expectFigures(page, { created: 0, updated: 0, unchanged: 2 });
      expect(counts(desk)).toEqual(imported);
    });

    await test.step('vehicles from an XLSX with English headers: a bad check digit and an unknown owner refused', async () => {
      await panel(page).getByRole('button', { name: 'Next: Vehicles' }).click();
      await expect(await stepTab(page, /^2\. Vehicles/)).toHaveAttribute('aria-selected', 'true');
      await choose(
        page,
        'vehicles.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        await xlsxOf(VEHICLES),
      );
      await expect(panel(page).getByTestId('dms-file-details')).toHaveText('vehicles.xlsx (XLSX)');
      await dryRun(page);
      await expectFigures(page, { rows: 4, created: 2, refused: 2 });
      await expectRefused(page, [
        [4, 'V3', 'VIN', VEHICLES[3]![1]!, 'VIN check digit is wrong'],
        [5, 'V4', 'Owner (old customer ID)', 'C99', 'Owner not found (import the customers first)'],
      ]);
      await commit(page);
      await expectFigures(page, { created: 2, refused: 2 });
    });

    await test.step('RO headers and lines: an unknown vehicle and an unknown RO refused, the rest imported', async () => {
      await panel(page).getByRole('button', { name: 'Next: Repair orders (headers)' }).click();
      await choose(page, 'orders.csv', 'text/csv', Buffer.from(`\uFEFF${csvOf(ORDERS)}`));
      await expect(panel(page).getByTestId('dms-file-details')).toHaveText('orders.csv: CSV, UTF-8');
      await dryRun(page);
      await expectRefused(page, [[4, 'R3', 'Vehicle (old vehicle ID)', 'V3', 'Vehicle not found (import the vehicles first)']]);
      await commit(page);
      await expectFigures(page, { created: 2, refused: 1 });

      await panel(page).getByRole('button', { name: 'Next: Repair order lines' }).click();
      await choose(page, 'lines.csv', 'text/csv', Buffer.from(csvOf(ORDER_LINES)));
      await dryRun(page);
      await expectRefused(page, [[5, 'R99#1', 'RO (old RO ID)', 'R99', 'Repair order not found (import the headers first)']]);
      await commit(page);
      await expectFigures(page, { created: 3, refused: 1 });
      expect(count(desk, 'repair_orders')).toBe(2);
      expect(count(desk, 'repair_order_lines')).toBe(3);
    });

    const lookUp = async (typed: string) => {
      await page.getByRole('navigation').getByRole('link', { name: 'Look-up' }).click();
      await lookupBox(page).fill('');
      await lookupBox(page).pressSequentially(typed);
      const row = page.getByRole('listbox', { name: 'Look-up' }).getByRole('option').filter({ hasText: '张三丰' });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('京A12345');
      return row;
    };

    await test.step("the vehicle's page shows the imported history, numbered H-", async () => {
      await (await lookUp('张三丰')).click();
      await expect(page.getByRole('heading', { name: '张三丰' })).toBeVisible();
      await page.getByRole('link', { name: /京A12345/ }).click();
      const history = page.getByRole('list', { name: 'Service history' }).getByRole('link');
      await expect(history).toHaveCount(2);
      expect((await history.allTextContents()).sort()).toEqual(['H-WO2025-0101', 'H-WO2025-0102']);
    });

    await test.step('the reception look-up finds the imported customer by the pinyin initials of the name', async () => {
      await lookUp('zsf');
    });
  });
});
