import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { wallClock } from '../../shared/domain/desk-time';
import { monthDays } from '../../shared/domain/kpi-months';
import { formatYuan } from '../../shared/domain/money';
import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

/**
 * Through the core, now: one RO on a demo car, 1.5 h of labor at ¥226 (¥300 without VAT) paid by the warranty,
 * approved, through the quality check and delivered at once. The demo data has its own ROs this month, so the test
 * reads this month's revenue from the core after the delivery and expects the screen to show the same total.
 */
async function deliverWarrantyRo(desk: Desk) {
  const login = (username: string) => desk.core.client().users.login({ username, password: 'demo1234' });
  const manager = desk.core.client((await login('manager')).token);
  const advisor = desk.core.client((await login('advisor')).token);
  const foreman = desk.core.client((await login('foreman')).token);
  const c = advisor.repairOrders;
  let ro = await c.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({
    id: ro.id,
    version: ro.version,
    jobId,
    concernGroup: 'brakes',
    workCategory: 'level1_minor_special',
    payer: 'warranty',
  });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_600,
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  const { items } = await foreman.workshop.qcChecklist({ jobId });
  await foreman.workshop.recordQc({ jobId, result: 'passed', answers: Object.fromEntries(items.map((item) => [item, 'ok'])) });
  ro = await c.get({ id: ro.id });
  for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
  ro = await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明维修内容和费用', collectedBy: '车主' });
  const month = monthDays(wallClock(desk.clock.now()).day.slice(0, 7));
  return { ro, month, revenue: await manager.reports.revenue(month) };
}

const yuan = (fen: number) => `¥${formatYuan(fen, 'en')}`;

test('the manager reads this month’s revenue, drills down to the RO behind it and exports the workbook', async ({
  page,
  desk,
}) => {
  const { ro, month, revenue } = await deliverWarrantyRo(desk);
  expect(revenue.byPayer.find((row) => row.key === 'warranty')!.laborFen).toBeGreaterThanOrEqual(30_000);

  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: 'Revenue' }).click();
  await expect(page.getByRole('heading', { name: 'Service revenue (产值)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');

  await test.step('the figures say what they mean and show the core’s total', async () => {
    await expect(page.getByTestId('money-definitions')).toContainText('delivery (handover) day');
    await expect(page.getByTestId('money-definitions')).toContainText('exclude VAT');
    await expect(page.getByTestId('money-total')).toHaveText(yuan(revenue.totals.totalFen));
    const warranty = revenue.byPayer.find((row) => row.key === 'warranty')!;
    await expect(page.getByTestId('money-payer-warranty')).toContainText(yuan(warranty.totalFen));
  });

  await test.step('the warranty figure opens its ROs, the new one first, and a row opens the RO', async () => {
    await page.getByTestId('money-payer-warranty').getByRole('button').click();
    const drill = page.getByTestId('money-drill');
    await expect(drill).toContainText('By payer: Warranty');
    const row = drill.locator('.ag-row').filter({ hasText: ro.number });
    await expect(row).toBeVisible();
    await expect(row).toContainText('¥300.00');
    await row.click();
    await expect(page).toHaveURL(new RegExp(`#/repair-orders/${ro.id}$`));
    await page.goBack();
    await expect(page.getByTestId('money-drill')).toBeVisible();
  });

  await test.step('Export to Excel downloads both reports with the same figures', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`money-${month.from}-${month.to}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const summary = book.getWorksheet('产值汇总')!;
    expect(summary.getRow(2).getCell(1).value).toBe('本期');
    expect(summary.getRow(2).getCell(6).value).toBe(revenue.totals.totalFen / 100);
    const ros = book.getWorksheet('委托书明细')!;
    const numbers: unknown[] = [];
    ros.eachRow((r) => numbers.push(r.getCell(1).value));
    expect(numbers).toContain(ro.number);
    expect(book.getWorksheet('配件毛利')).toBeDefined();
  });

  await test.step('the print route shows both reports with their definitions, in Chinese', async () => {
    await page.getByRole('link', { name: 'Print / PDF' }).click();
    const doc = page.getByTestId('money-document');
    await expect(doc).toContainText('售后产值与配件毛利');
    await expect(doc).toContainText('产值按委托书交车日期计入');
    await expect(doc).toContainText(`¥${formatYuan(revenue.totals.totalFen, 'zh-CN')}`);
  });

  await test.step('the parts margin tab shows the period’s margin and its ROs', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/reports/parts-margin'));
    await expect(page.getByRole('heading', { name: 'Parts gross margin (配件毛利)' })).toBeVisible();
    await expect(page.getByTestId('money-definitions')).toContainText('moving-average cost at the moment of issue');
    await expect(page.getByTestId('money-drill').locator('.ag-row').first()).toBeVisible();
  });
});
