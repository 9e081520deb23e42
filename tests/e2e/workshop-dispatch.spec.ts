import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { toLocalInput } from '../../shared/domain/desk-time';
import { demoCar, type Desk, expect, field, signInAs, test } from './fixtures';

async function client(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return desk.core.client(session.token);
}

/**
 * Through the core, as the demo advisor: an RO with a brakes job (1.5 h sold) and an engine job, both approved by
 * phone, with the work started (in progress). Nobody has been dispatched yet.
 */
async function startedRo(desk: Desk): Promise<RepairOrderDetail> {
  const advisor = await client(desk, 'advisor');
  const car = demoCar(desk);
  let ro = await advisor.repairOrders.create({ vehicleId: car.vehicleId, concerns: ['刹车异响', '发动机抖动'] });
  const [brakes, engine] = ro.jobs;
  ro = await advisor.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: brakes!.id, concernGroup: 'brakes' });
  ro = await advisor.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId: engine!.id, concernGroup: 'engine' });
  ro = await advisor.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 1500,
    laborRateFen: 22_000,
  });
  ro = await advisor.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [
      { jobId: brakes!.id, decision: 'approved' },
      { jobId: engine!.id, decision: 'approved' },
    ],
  });
  return advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
}

test('the foreman dispatches by keyboard; the technician clocks on, is refused a second clocking, and clocks off finished', async ({
  page,
  desk,
}) => {
  const ro = await startedRo(desk);
  const [brakes, engine] = ro.jobs;
  const technicianId = (
    desk.core.deps.sqlite.prepare(`select id from users where username = 'technician'`).get() as { id: number }
  ).id;

  await test.step('the foreman assigns the brakes job to the technician with the keyboard, confirming the missing skill', async () => {
    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    await expect(page.getByRole('heading', { name: 'Workshop planner' })).toBeVisible();
    const card = page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${brakes!.id}`);
    await expect(card).toContainText(ro.number);
    await expect(card).toContainText(ro.vehicle.plate);
    await expect(card).toContainText('Sold 1.5 h');
    await expect(card).toContainText('Waiting');
    // Selected from the keyboard, then dispatched with the panel's form (no time yet).
    await card.getByRole('button', { name: ro.number }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('ws-job-panel');
    const assignTo = panel.getByRole('combobox', { name: `Assign ${ro.number} · 刹车异响 to` });
    await assignTo.focus();
    await assignTo.selectOption({ label: '刘洋' });
    await panel.getByRole('button', { name: 'Plan' }).focus();
    await page.keyboard.press('Enter');
    // The demo technician has no skills recorded: the foreman is told so and confirms.
    await expect(page.getByRole('alert')).toContainText('no skill for this job’s concern group');
    await page.getByRole('button', { name: 'Assign anyway' }).click();
    // Dispatched without a time: beside the planner, under the technician's name, and counted on their row.
    const notPlanned = page.getByTestId('ws-queue-not-planned').getByTestId(`ws-job-${brakes!.id}`);
    await expect(notPlanned).toContainText('刘洋');
    await expect(page.getByTestId(`ws-row-${technicianId}`)).toContainText('1 unplanned');
    // The bay field suggests the manager's bays (a list), so it is a combobox.
    await panel.getByRole('combobox', { name: 'Bay' }).fill('B3');
    await page.keyboard.press('Enter');
    await expect(notPlanned).toContainText('Bay B3');
    await expect(page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${brakes!.id}`)).toHaveCount(0);
    // The second job goes to the technician by drag and drop, onto their row at 09:00.
    const track = page.getByTestId(`ws-track-${technicianId}`);
    const box = (await track.boundingBox())!;
    await page
      .getByTestId('ws-column-unassigned')
      .getByTestId(`ws-job-${engine!.id}`)
      .getByText('发动机抖动')
      .dragTo(track, { targetPosition: { x: box.width * 0.1 + 4, y: box.height / 2 } });
    await page.getByRole('button', { name: 'Assign anyway' }).click();
    await expect(page.getByTestId(`ws-row-${technicianId}`).getByTestId(`ws-job-${engine!.id}`)).toBeVisible();
    await expect(page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${engine!.id}`)).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  await test.step('the technician sees the job in My jobs and clocks on', async () => {
    await signInAs(page, desk, 'technician');
    await expect(page.getByRole('link', { name: 'Workshop' })).toHaveCount(0);
    await page.getByRole('link', { name: 'My jobs' }).click();
    const job = page.getByTestId(`my-job-${brakes!.id}`);
    await expect(job).toContainText('刹车异响');
    await expect(job.getByTestId('job-state')).toHaveText('Waiting');
    await job.getByRole('button', { name: 'Clock on' }).click();
    await expect(job.getByTestId('job-state')).toHaveText('In progress');
    await expect(page.getByTestId('running-clocking')).toContainText(`Clocked on ${ro.number}`);
  });

  await test.step('a second clock-on while one runs is refused with a clear message, and nothing starts', async () => {
    const other = page.getByTestId(`my-job-${engine!.id}`);
    await other.getByRole('button', { name: 'Clock on' }).click();
    await expect(other.getByRole('alert')).toContainText(
      `you are still clocked on ${ro.number} (刹车异响): clock off there first`,
    );
    await expect(other.getByTestId('job-state')).toHaveText('Waiting');
    const running = desk.core.deps.sqlite
      .prepare('select job_id from job_clockings where technician_id = ? and ended_at is null')
      .all(technicianId);
    expect(running).toEqual([{ job_id: brakes!.id }]);
  });

  await test.step('the technician clocks off finished: the job is done and shows so on the RO page', async () => {
    const job = page.getByTestId(`my-job-${brakes!.id}`);
    await job.getByRole('button', { name: 'Clock off – finished' }).click();
    await expect(job.getByTestId('job-state')).toHaveText('Done');
    await expect(page.getByTestId('running-clocking')).toHaveText('Not clocked on any job.');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await expect(page.getByTestId(`job-workshop-${brakes!.id}`)).toContainText('Done');
    await expect(page.getByTestId(`job-workshop-${brakes!.id}`)).toContainText('刘洋');
  });
});

test('the manager corrects a clocking with a reason, and the times before stay on record', async ({ page, desk }) => {
  const ro = await startedRo(desk);
  const brakes = ro.jobs[0]!;
  const technicianId = (
    desk.core.deps.sqlite.prepare(`select id from users where username = 'technician'`).get() as { id: number }
  ).id;
  const foreman = await client(desk, 'foreman');
  await foreman.workshop.assign({ jobId: brakes.id, technicianId, overrideSkills: true });
  const technician = await client(desk, 'technician');
  await technician.workshop.clockOn({ jobId: brakes.id });
  await technician.workshop.clockOff({ jobId: brakes.id, finished: false });
  // Two days ago, 08:00-09:30 on the desk's clock: before anything else clocked, so nothing overlaps.
  const twoDaysAgo = Date.now() - 2 * 24 * 3600_000;
  const day = toLocalInput(new Date(twoDaysAgo).toISOString()).slice(0, 10);

  await signInAs(page, desk, 'manager');
  await page.getByRole('link', { name: 'Workshop' }).click();
  // Clocked on today, the job stands on the technician's row where the clocking started: selected, its panel opens.
  await page.getByTestId(`ws-row-${technicianId}`).getByTestId(`ws-job-${brakes.id}`).click();
  const card = page.getByTestId('ws-job-panel');
  await card.getByRole('button', { name: 'Clockings' }).click();
  await card.getByRole('button', { name: 'Correct' }).click();
  await field(page, 'startedAt').input.fill(`${day}T08:00`);
  await field(page, 'endedAt').input.fill(`${day}T09:30`);
  await page.getByRole('button', { name: 'Save correction' }).click();
  // No reason, no correction.
  await expect(field(page, 'reason').error).toBeVisible();
  expect(desk.core.deps.sqlite.prepare('select count(*) as n from job_clocking_corrections').get()).toEqual({ n: 0 });
  await field(page, 'reason').input.fill('忘记打卡，按班组长记录更正');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(card).toContainText('Corrected by 赵建国');
  await expect(card).toContainText('忘记打卡，按班组长记录更正');
  await expect(card).toContainText('1 h 30 min');
});
