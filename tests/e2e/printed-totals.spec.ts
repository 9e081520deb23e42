import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { discountedRepairOrder } from './discounted-ro';
import { pdfText } from './pdf-text';

/**
 * Issue 17, item 2: the printed money adds up as a customer checks it with a pencil. Every figure below is read back
 * from the PDF text, never from the page or the database: each line's amount less its discount is what it costs, the
 * lines add up to their subtotal, and labor + parts − discount = the total.
 */

const MONEY = /−?¥[\d,]+\.\d{2}/g;

/** "¥1,234.50" -> 123450 fen; "−¥7.20" -> -720. */
function fen(text: string): number {
  const negative = text.startsWith('−');
  const value = Math.round(Number(text.replace(/[−¥,]/g, '')) * 100);
  return negative ? -value : value;
}

function amountsOf(line: string): number[] {
  return (line.match(MONEY) ?? []).map(fen);
}

/** The one amount printed after `label` (on the totals block), refusing a label printed with an amount twice. */
function labelled(text: string, label: string): number {
  const found = [...text.matchAll(new RegExp(`(?:^|\\s)${label}\\s+(−?¥[\\d,]+\\.\\d{2})`, 'gm'))];
  expect(
    found.map((match) => match[1]),
    `"${label}" with an amount`,
  ).toHaveLength(1);
  return fen(found[0]![1]!);
}

/**
 * The line tables: every row (quantity, unit price, amount, discount, after discount) adds up across, and the rows
 * since the table's heading add up to its subtotal row, column by column. Returns the subtotals found, by label.
 */
function checkLineTables(
  text: string,
  heading: string,
  subtotals: string[],
): Map<string, { gross: number; discount: number; net: number }> {
  const found = new Map<string, { gross: number; discount: number; net: number }>();
  let rows: { gross: number; discount: number; net: number }[] = [];
  for (const line of text.split('\n')) {
    if (line.includes(heading)) {
      rows = [];
      continue;
    }
    const label = subtotals.find((name) => line.includes(name));
    const amounts = amountsOf(line);
    if (label) {
      const [gross, discount, net] = amounts.length === 3 ? amounts : [amounts[0]!, 0, amounts[1]!];
      expect(rows.length, `rows above ${label}`).toBeGreaterThan(0);
      expect(
        rows.reduce((sum, row) => sum + row.gross, 0),
        `${label}: amounts`,
      ).toBe(gross);
      expect(
        rows.reduce((sum, row) => sum + row.discount, 0),
        `${label}: discounts`,
      ).toBe(discount);
      expect(
        rows.reduce((sum, row) => sum + row.net, 0),
        `${label}: after discount`,
      ).toBe(net);
      expect(gross! + discount!).toBe(net);
      found.set(label, { gross: gross!, discount: -discount!, net: net! });
      rows = [];
    } else if (amounts.length === 4 || (amounts.length === 3 && !line.includes('−'))) {
      const [, gross, discount, net] = amounts.length === 4 ? amounts : [amounts[0], amounts[1], 0, amounts[2]];
      expect(gross! + discount!, `a line: ${line.trim()}`).toBe(net);
      rows.push({ gross: gross!, discount: discount!, net: net! });
    }
  }
  return found;
}

async function printed(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await expect(page.getByTestId('print-document')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfText(pdf);
}

test('the settlement, the estimate and the work order of a discounted RO add up on paper, and so does the RO page', async ({
  page,
  desk,
}) => {
  const ro = await discountedRepairOrder(desk);
  expect(ro.totals.all.discountFen).toBeGreaterThan(0);
  await signInAs(page, desk, 'advisor');
  const base = `${desk.url}/#/print/repair-orders/${ro.id}`;

  await test.step('结算清单: lines, subtotals, per payer and the total add up', async () => {
    const text = await printed(page, `${base}/settlement`);
    const subtotals = checkLineTables(text, '优惠后金额', ['工时费小计', '材料费小计']);
    const labor = labelled(text, '工时费');
    const parts = labelled(text, '材料费');
    const discount = labelled(text, '优惠金额');
    const total = labelled(text, '合计');
    // The totals block carries the tables' subtotals at list price, and takes the discount off once.
    expect(labor).toBe(subtotals.get('工时费小计')!.gross);
    expect(parts).toBe(subtotals.get('材料费小计')!.gross);
    expect(-discount).toBe(subtotals.get('工时费小计')!.discount + subtotals.get('材料费小计')!.discount);
    expect(labor + parts + discount).toBe(total);
    expect(total).toBe(ro.totals.all.totalFen);
    // The payer's row: labor + parts − discount = its total.
    const payerRow = text.split('\n').find((line) => /^\s*客户\s+¥/.test(line))!;
    const [payerLabor, payerParts, payerDiscount, payerTotal] = amountsOf(payerRow);
    expect(payerLabor! + payerParts! + payerDiscount!).toBe(payerTotal);
    expect(payerTotal).toBe(total);
    expect(labelled(text, '客户应付')).toBe(total);
  });

  await test.step('维修估价单 and 委托书 add up the same way', async () => {
    for (const kind of ['estimate', 'work-order']) {
      const text = await printed(page, `${base}/${kind}`);
      const subtotals = checkLineTables(text, '优惠后金额', ['工时费小计', '材料费小计']);
      const labor = labelled(text, '工时费');
      const parts = labelled(text, '材料费');
      const discount = labelled(text, '优惠金额');
      const total = labelled(text, '合计');
      expect(labor, kind).toBe(subtotals.get('工时费小计')!.gross);
      expect(parts, kind).toBe(subtotals.get('材料费小计')!.gross);
      expect(labor + parts + discount, kind).toBe(total);
      expect(total, kind).toBe(ro.totals.all.totalFen);
    }
  });

  await test.step('the English settlement adds up too', async () => {
    const text = await printed(page, `${base}/settlement?lang=en`);
    checkLineTables(text, 'After discount', ['Labor subtotal', 'Parts subtotal']);
    const labor = labelled(text, 'Labor');
    const parts = labelled(text, 'Parts');
    const discount = labelled(text, 'Discount');
    expect(labor + parts + discount).toBe(labelled(text, 'Total'));
  });

  await test.step('the RO page reads the same: labor and parts at list price, less the discount, make the total', async () => {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    const amount = async (testId: string) => fen((await page.getByTestId(testId).textContent())!.trim());
    const labor = await amount('ro-total-labor');
    const parts = await amount('ro-total-parts');
    const discount = await amount('ro-total-discount');
    expect(discount).toBeLessThan(0);
    expect(labor + parts + discount).toBe(await amount('ro-total'));
    expect(labor).toBe(ro.totals.labor.grossFen);
  });
});
