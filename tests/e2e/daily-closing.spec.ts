import { deskDay } from '../../shared/domain/desk-time';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { passQualityCheck } from '../fixtures/quality';
import { type Desk, expect, field, signInAs, test } from './fixtures';
import { compactPdfText, pdfText } from './pdf-text';

const REASON = '保养套餐按会员价重算';

async function as(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

/** A ¥600.00 RO of the demo advisor, walked to ready and paid in full by card, through the core's API. */
async function paidRo(desk: Desk): Promise<{ id: number; number: string; paymentId: number }> {
  const advisor = await as(desk, 'advisor');
  const foreman = await as(desk, 'foreman');
  const customer = await makeCustomer(advisor.client);
  const vehicle = await makeVehicle(advisor.client, customer.id);
  const c = advisor.client.repairOrders;
  let ro = await c.create({ vehicleId: vehicle.id, concerns: ['保养'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, workCategory: 'level1_minor_special' });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'E2E-REFUND',
    nameZh: '常规保养',
    hoursMilli: 1000,
    laborRateFen: 60_000,
  });
  ro = await c.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'qc' });
  await passQualityCheck(foreman, ro.id);
  ro = await c.get({ id: ro.id });
  ro = await c.transition({ id: ro.id, version: ro.version, to: 'ready' });
  ro = await c.recordPayment({ id: ro.id, version: ro.version, method: 'card', amountFen: 60_000 });
  const settlement = await c.settlement({ id: ro.id });
  return { id: ro.id, number: ro.number, paymentId: settlement.payments[0]!.id };
}

/** "¥1,234.50" → 123450. */
const fen = (text: string) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);

test('a refund asked for by the advisor and approved by the manager is on the daily closing, whose printed sheet adds up', async ({
  page,
  desk,
}) => {
  const ro = await paidRo(desk);
  const day = deskDay(desk.clock.now());

  await test.step('the advisor asks for a ¥100.00 refund on the RO', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}#/repair-orders/${ro.id}`);
    const form = page.getByRole('form', { name: 'Ask for a refund' });
    await expect(form).toBeVisible();
    await field(page, 'amountFen').input.last().fill('100');
    await field(page, 'reason').input.fill(REASON);
    await form.getByRole('button', { name: 'Ask for a refund' }).click();
    await expect(page.getByTestId('refunds').getByRole('cell', { name: 'Waiting for a manager' })).toBeVisible();
  });

  await test.step('the manager approves it; the settlement shows it refunded', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'manager');
    await page.goto(`${desk.url}#/repair-orders/${ro.id}`);
    await page.getByTestId('refunds').getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('refunds').getByRole('cell', { name: 'Approved', exact: true })).toBeVisible();
    await expect(page.getByTestId('settlement-refunded')).toHaveText('¥100.00');
  });

  await test.step('the printed settlement lists the refund apart; its totals still add up', async () => {
    await page.goto(`${desk.url}#/print/repair-orders/${ro.id}/settlement`);
    await expect(page.getByTestId('doc-balance')).toHaveText('¥0.00');
    await page.emulateMedia({ media: 'print' });
    const compact = compactPdfText(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    expect(compact).toContain(REASON);
    expect(compact).toContain('共退款¥100.00');
    await page.goto(`${desk.url}#/repair-orders/${ro.id}`);
  });

  const report = await (await as(desk, 'manager')).client.reports.dailyClosing({ day });
  expect(report.refunds.map((r) => [r.repairOrderNumber, r.amountFen, r.method, r.reason])).toContainEqual([
    ro.number,
    10_000,
    'card',
    REASON,
  ]);

  await test.step('the daily closing of the day lists the refund with its RO', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Daily closing' }).click();
    await expect(page.getByRole('heading', { name: 'Daily closing', level: 1 })).toBeVisible();
    await expect(page.getByTestId('daily-closing-day')).toHaveText(`Business day ${day}`);
    await expect(page.getByTestId('closing-method-card')).toBeVisible();
    await page.getByRole('button', { name: /^Refunds · / }).click();
    const drill = page.getByTestId('closing-drill-refunds');
    await expect(drill.getByRole('row').filter({ hasText: ro.number })).toContainText(REASON);
    await drill.getByRole('link', { name: ro.number }).click();
    await expect(page).toHaveURL(new RegExp(`#/repair-orders/${ro.id}$`));
    await page.goBack();
  });

  await test.step('the printed sheet in Chinese adds up: net = taken − refunded per method and in total', async () => {
    await page.getByRole('link', { name: 'Print / Save as PDF' }).click();
    await expect(page).toHaveURL(new RegExp(`#/print/reports/daily-closing/${day}$`));
    await expect(page.getByRole('heading', { name: '收银日报' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = pdfText(pdf);
    const compact = compactPdfText(pdf);
    expect(compact).toContain('收银日报');
    expect(compact).toContain(ro.number);
    expect(compact).toContain(REASON);
    expect(compact).toContain('收银员');
    expect(compact).toContain('经理');
    const lines = text.split('\n').map((line) => line.trim());
    const moneyRow = (label: string) => {
      const line = lines.find((l) => l.replace(/\s+/g, ' ').startsWith(`${label} `));
      expect(line, label).toBeDefined();
      const money = [...line!.matchAll(/¥[\d,]+\.\d{2}/g)].map((m) => fen(m[0]));
      expect(money, line).toHaveLength(3);
      return money as [number, number, number];
    };
    let sum = 0;
    for (const m of report.byMethod) {
      const [taken, refunded, net] = moneyRow(
        m.method === 'card'
          ? '银行卡'
          : m.method === 'cash'
            ? '现金'
            : m.method === 'wechat'
              ? '微信支付'
              : m.method === 'alipay'
                ? '支付宝'
                : m.method === 'transfer'
                  ? '银行转账'
                  : '其他',
      );
      expect(net).toBe(taken - refunded);
      expect([taken, refunded]).toEqual([m.paymentsFen, m.refundsFen]);
      sum += net;
    }
    const [taken, refunded, net] = moneyRow('合计');
    expect(net).toBe(taken - refunded);
    expect(net).toBe(sum);
    expect(refunded).toBeGreaterThanOrEqual(10_000);
  });
});
