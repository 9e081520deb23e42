import { deliverDemoRepairOrder } from './delivered-ro';
import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';

// Issue 17 item 8: the customer file shows the customer's visits — open ROs, the visit history with totals and survey
// scores, declined work and complaints — each list a grid paged in SQL (issue 17 item 12).

/** One of the customer file's grids, by its name. */
const grid = (page: Page, name: string) => page.locator(`.grid-frame[aria-label="${name}"]`);

test('the customer file shows the open RO, past visits with totals and survey scores, declined work and complaints', async ({
  page,
  desk,
}) => {
  const delivered = await deliverDemoRepairOrder(desk);
  const { customerId, vehicleId } = desk.core.deps.sqlite
    .prepare('select customer_id as customerId, vehicle_id as vehicleId from repair_orders where id = ?')
    .get(delivered.id) as { customerId: number; vehicleId: number };
  const login = async (username: string) =>
    desk.core.client((await desk.core.client().users.login({ username, password: 'demo1234' })).token);

  // Three days on, the customer answers the satisfaction call: every factor 9, would recommend 10.
  desk.clock.advanceDays(3);
  const agent = await login('csi_agent');
  const template = await agent.followup.surveyTemplate({});
  await agent.followup.recordSurvey({
    repairOrderId: delivered.id,
    answers: template.questions.map((q) => ({
      questionId: q.id,
      value: q.scale === 'scale_1_10' ? 9 : q.scale === 'recommend_0_10' ? 10 : q.scale === 'yes_no' ? true : '满意',
    })),
  });
  await agent.complaints.create({
    source: 'phone',
    customerId,
    vehicleId,
    repairOrderId: delivered.id,
    againstDepartment: 'workshop',
    customerSays: '刹车还是有点响',
  });
  // The car is back: the customer approves the tyre check and declines new wipers.
  const advisor = await login('advisor');
  let open = await advisor.repairOrders.create({ vehicleId, concerns: ['检查轮胎', '更换雨刮片'] });
  for (const [index, name, fen] of [
    [0, '轮胎检查', 20_000],
    [1, '更换雨刮片', 25_000],
  ] as const)
    open = await advisor.repairOrders.addLaborLine({
      id: open.id,
      version: open.version,
      jobId: open.jobs[index]!.id,
      nameZh: name,
      hoursMilli: 1000,
      laborRateFen: fen,
    });
  open = await advisor.repairOrders.authorise({
    id: open.id,
    version: open.version,
    customerName: open.customer.name,
    channel: 'phone',
    decisions: [
      { jobId: open.jobs[0]!.id, decision: 'approved' },
      { jobId: open.jobs[1]!.id, decision: 'declined' },
    ],
  });

  await signInAs(page, desk, 'manager');
  await page.goto(`${desk.url}/#/customers/${customerId}`);

  await test.step('the open RO with its promised time and what it comes to (the declined job not owed)', async () => {
    const openRos = grid(page, 'Open repair orders');
    const row = openRos.locator('.ag-row').filter({ hasText: open.number });
    await expect(row).toContainText('检查轮胎；更换雨刮片');
    await expect(row).toContainText('Open');
    await expect(row).toContainText('¥200.00');
  });

  await test.step('the past visit with its total and the survey’s scores', async () => {
    const visits = grid(page, 'Visit history');
    const row = visits.locator('.ag-row').filter({ hasText: delivered.number });
    await expect(row).toContainText('刹车异响');
    await expect(row).toContainText('¥200.00');
    await expect(row).toContainText('CSI 900 · recommend 10');
    await row.getByRole('link', { name: delivered.number }).click();
    await expect(page.getByTestId('ro-header-status')).toBeVisible();
    await page.goBack();
  });

  await test.step('the declined wipers and the complaint', async () => {
    const declined = grid(page, 'Declined work');
    await expect(declined.locator('.ag-row').filter({ hasText: '更换雨刮片' })).toContainText('¥250.00');
    await expect(declined.locator('.ag-row').filter({ hasText: '更换雨刮片' })).toContainText('Still offered');
    const complaints = grid(page, 'Complaints');
    const row = complaints.locator('.ag-row').filter({ hasText: '刹车还是有点响' });
    await expect(row).toContainText(delivered.number);
    await expect(row).toContainText('Open');
  });

  await test.step('a long history is one grid: newest first, the oldest visit further down', async () => {
    // Twelve older closed visits, written straight into the file.
    const insert = desk.core.deps.sqlite.prepare(
      `INSERT INTO repair_orders (number, customer_id, vehicle_id, advisor_id, status, opened_at, created_at, updated_at)
       VALUES (?, ?, ?, (select id from users where username = 'advisor'), 'closed', ?, ?, ?)`,
    );
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
      insert.run(`RO2024-${String(i + 1).padStart(6, '0')}`, customerId, vehicleId, at, at, at);
    }
    await page.reload();
    const visits = grid(page, 'Visit history');
    await expect(visits.locator('.ag-row[row-index="0"] [col-id="number"]')).toHaveText(delivered.number);
    await expect(visits.locator('.ag-row[row-index="1"] [col-id="number"]')).toHaveText('RO2024-000012');
    // Scrolled to its end, the grid shows the oldest visit last.
    await visits.locator('.ag-row[row-index="0"]').hover();
    await page.mouse.wheel(0, 2000);
    await expect(visits.locator('.ag-row[row-index="12"] [col-id="number"]')).toHaveText('RO2024-000001');
    await expect(visits.locator('.ag-row[row-index="13"]')).toHaveCount(0);
  });
});

test('a parts clerk sees the visits and declined work, not the complaints', async ({ page, desk }) => {
  const delivered = await deliverDemoRepairOrder(desk);
  const { customerId } = desk.core.deps.sqlite
    .prepare('select customer_id as customerId from repair_orders where id = ?')
    .get(delivered.id) as { customerId: number };
  await signInAs(page, desk, 'parts_clerk');
  await page.goto(`${desk.url}/#/customers/${customerId}`);
  await expect(grid(page, 'Visit history').locator('.ag-row').first()).toContainText(delivered.number);
  await expect(page.getByRole('heading', { name: 'Declined work' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Complaints' })).toHaveCount(0);
});
