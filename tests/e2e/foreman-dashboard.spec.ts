import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import type { ConcernGroup } from '../../shared/domain/concern-groups';
import { expect, field, signInAs, test, type Desk } from './fixtures';

function comebackStatuses(desk: Desk): string[] {
  return (desk.core.deps.sqlite.prepare('select status from comebacks order by id').all() as { status: string }[]).map(
    (r) => r.status,
  );
}

/**
 * Through the core, today (the e2e core runs on the real clock): on one demo car RO1 (brakes, dispatched to the demo
 * technician 刘洋, 1.0 h) is delivered, then RO2 comes in for brakes again and is delivered (a suspected comeback of
 * RO1); on another car RO3 (engine, not dispatched) is delivered.
 * Figures for the last 30 days: 3 jobs, RO1 came back, RO2 and RO3 still in their window -> first-time fix 0 of 1
 * settled = 0.0%; comeback rate 1 comeback RO of 3 delivered = 33.3%.
 */
async function prepare(desk: Desk) {
  const cars = desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        order by v.id limit 2`,
    )
    .all() as { vehicleId: number }[];
  const login = (username: string) => desk.core.client().users.login({ username, password: 'demo1234' });
  const advisor = desk.core.client((await login('advisor')).token);
  const foreman = desk.core.client((await login('foreman')).token);
  const technician = await login('technician');

  async function deliveredVisit(
    vehicleId: number,
    group: ConcernGroup,
    concern: string,
    dispatch: boolean,
  ): Promise<RepairOrderDetail> {
    const c = advisor.repairOrders;
    let ro = await c.create({ vehicleId, concerns: [concern] });
    const jobId = ro.jobs[0]!.id;
    ro = await c.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: group, workCategory: 'level1_minor_special' });
    ro = await c.addLaborLine({
      id: ro.id,
      version: ro.version,
      jobId,
      code: 'BRK01',
      nameZh: '更换前刹车片',
      hoursMilli: 1000,
      laborRateFen: 20_000,
    });
    ro = await c.authorise({
      id: ro.id,
      version: ro.version,
      customerName: ro.customer.name,
      channel: 'phone',
      decisions: [{ jobId, decision: 'approved' }],
    });
    if (dispatch) await foreman.workshop.assign({ jobId, technicianId: technician.user.id, overrideSkills: true });
    ro = await c.get({ id: ro.id });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    const { items } = await foreman.workshop.qcChecklist({ jobId });
    await foreman.workshop.recordQc({ jobId, result: 'passed', answers: Object.fromEntries(items.map((item) => [item, 'ok'])) });
    ro = await c.get({ id: ro.id });
    for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
    return c.deliver({ id: ro.id, version: ro.version, explanation: '已说明维修内容和费用', collectedBy: '车主' });
  }

  const ro1 = await deliveredVisit(cars[0]!.vehicleId, 'brakes', '刹车异响', true);
  const ro2 = await deliveredVisit(cars[0]!.vehicleId, 'brakes', '刹车仍有异响', false);
  const ro3 = await deliveredVisit(cars[1]!.vehicleId, 'engine', '发动机故障灯亮', false);
  return { ro1, ro2, ro3 };
}

test('the foreman reads first-time fix and comeback rate, drills down to an RO, and confirms a comeback', async ({
  page,
  desk,
}) => {
  const { ro1, ro2 } = await prepare(desk);
  expect(comebackStatuses(desk)).toEqual(['suspected']);

  await signInAs(page, desk, 'foreman');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Workshop dashboard' })).toBeVisible();
  await expect(page.getByTestId('ftf-rate')).toHaveText('0.0%');
  await expect(page.getByTestId('comeback-rate')).toHaveText('33.3%');
  await expect(page.getByText('1 of 3 ROs')).toBeVisible();
  await expect(page.getByText('2 jobs are provisional')).toBeVisible();
  // Each figure says how it is computed.
  await expect(page.getByText('Comeback ROs ÷ all ROs delivered in the period.')).toBeVisible();
  await expect(page.getByText('Efficiency = sold (flat-rate) hours ÷ clocked hours.')).toBeVisible();

  // By technician: 刘洋 did RO1, which came back.
  const table = page.getByRole('table', { name: 'Technician', exact: true });
  const liu = table.getByRole('row').filter({ hasText: '刘洋' });
  await expect(liu.getByRole('cell')).toHaveText(['刘洋', '1', '1', '0', '0.0%']);
  await liu.getByRole('button', { name: '刘洋 · came back' }).click();
  const drill = page.getByRole('table', { name: 'ROs behind the figure: 刘洋 · came back' });
  await expect(drill.getByRole('row')).toHaveCount(2);
  await expect(drill.getByRole('row').nth(1)).toContainText(ro2.number);
  await drill.getByRole('link', { name: ro1.number }).click();
  await expect(page).toHaveURL(new RegExp(`/repair-orders/${ro1.id}$`));
  await expect(page.getByText(ro1.number).first()).toBeVisible();

  // The comebacks list: the suspected one, decided.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: 'Comebacks' }).click();
  const row = page.locator('.ag-row').filter({ hasText: ro2.number });
  await expect(row.getByTestId('comeback-status')).toHaveText('Suspected');
  await row.locator('[col-id="concern"]').click();
  const card = page.getByRole('region', { name: `${ro1.number} → ${ro2.number}` });
  await expect(card.getByTestId('comeback-status')).toHaveText('Suspected');
  await card.getByRole('button', { name: 'Decide' }).click();
  await card.getByLabel('Not a quality issue').check();
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(field(page, 'reason').error).toBeVisible();
  expect(comebackStatuses(desk)).toEqual(['suspected']);

  await card.getByLabel('Confirm comeback').check();
  await field(page, 'rootCause').input.selectOption({ label: 'Workmanship' });
  await card.getByRole('button', { name: 'Save decision' }).click();
  await expect(card.getByTestId('comeback-status')).toHaveText('Confirmed');
  await expect(card).toContainText('Root cause: Workmanship');
  expect(comebackStatuses(desk)).toEqual(['confirmed']);
  // The grid reads its rows again: the row says what was decided.
  await expect(row.getByTestId('comeback-status')).toHaveText('Confirmed');
});
