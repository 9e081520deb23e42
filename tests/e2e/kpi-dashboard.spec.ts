import type { KpisDto } from '../../shared/contract/reports/kpis';
import { wallClock } from '../../shared/domain/desk-time';
import { monthDays } from '../../shared/domain/kpi-months';
import { demoCar, expect, signInAs, test, type Desk } from './fixtures';

function figure(dto: KpisDto, key: string) {
  return dto.figures.find((f) => f.key === key)!;
}

/**
 * Through the core, now (the e2e core runs on the real clock): one RO on a demo car, 1.5 h of labor at ¥200, promised
 * two hours ahead, made ready and delivered at once, so it is on time. The demo data has its own ROs this month, so
 * the test reads the figures before and expects one more delivered and one more on time after.
 */
async function deliverOnTime(desk: Desk) {
  const login = (username: string) => desk.core.client().users.login({ username, password: 'demo1234' });
  const manager = desk.core.client((await login('manager')).token);
  const advisor = desk.core.client((await login('advisor')).token);
  const foreman = desk.core.client((await login('foreman')).token);
  const month = monthDays(wallClock(desk.clock.now()).day.slice(0, 7));
  const before = await manager.reports.kpis(month);

  const c = advisor.repairOrders;
  let ro = await c.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: 'brakes', workCategory: 'level1_minor_special' });
  ro = await c.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 20_000,
  });
  ro = await c.setPromisedTime({
    id: ro.id,
    version: ro.version,
    promisedAt: new Date(desk.clock.now().getTime() + 2 * 3600_000).toISOString(),
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
  return { ro, before };
}

test('the manager reads this month’s on-time delivery with the new RO in it and drills down from ARO to that RO', async ({
  page,
  desk,
}) => {
  const { ro, before } = await deliverOnTime(desk);
  const onTime = figure(before, 'onTimeDelivery');
  const aro = figure(before, 'aro');

  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'KPI dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'This month' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('csi-convention')).toContainText('CSI = Σ weight × factor score');

  // One more RO delivered, and it was ready before its promise.
  await expect(page.getByTestId('kpi-onTimeDelivery-parts')).toHaveText(`${onTime.numerator! + 1} / ${onTime.denominator! + 1}`);
  await expect(page.getByTestId('kpi-aro-parts')).toContainText(`/ ${aro.denominator! + 1}`);

  // Every trend chart has its name and a table of its figures.
  const trend = page.getByTestId('kpi-trend-onTimeDelivery');
  await expect(trend.getByRole('img', { name: /On-time delivery, monthly/ })).toBeVisible();
  await expect(trend.getByRole('table')).toContainText(monthDays(wallClock(desk.clock.now()).day.slice(0, 7)).from.slice(0, 7));

  await page.getByTestId('kpi-aro').getByRole('button').click();
  const drill = page.getByLabel('Behind the figure: Average repair order (ARO)', { exact: true });
  const row = drill.locator('.ag-row').filter({ hasText: ro.number });
  await expect(row).toContainText('¥300.00');
  await row.getByRole('link', { name: ro.number }).click();
  await expect(page).toHaveURL(new RegExp(`/repair-orders/${ro.id}$`));
});

test('an advisor has no KPI dashboard in the navigation: Reports holds only the daily closing', async ({ page, desk }) => {
  await signInAs(page, desk, 'advisor');
  await expect(page.getByRole('link', { name: 'Repair orders' })).toBeVisible();
  // The advisor takes payments and signs the cashier's closing sheet: that is the one report they open.
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/#\/reports\/daily-closing/);
  await expect(page.getByRole('link', { name: 'KPIs' })).toHaveCount(0);
});
