import type { RepairOrderDetail } from '../../shared/contract/repair-orders';
import { instantAt, wallClock } from '../../shared/domain/desk-time';
import { demoCar, type Desk, expect, signInAs, test } from './fixtures';

/*
 * Issue 17 items 4 and 5: the workshop planner a foreman reads at a glance, with twelve technicians at 1280x720, a job
 * dragged onto a technician at a time or planned from the keyboard; and screens that use a wide monitor's width.
 */

async function client(desk: Desk, username: string) {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return desk.core.client(session.token);
}

/** Eleven more technicians beside the demo's 刘洋: a workshop of twelve. Returns every technician's id, in board order. */
async function twelveTechnicians(desk: Desk): Promise<{ id: number; displayName: string }[]> {
  const admin = await client(desk, 'admin');
  const names = ['赵一鸣', '钱二宝', '孙三江', '李四海', '周五岳', '吴六合', '郑七星', '王八方', '冯九州', '陈十全', '褚百川'];
  for (const [i, displayName] of names.entries()) {
    await admin.users.create({ username: `tech${i + 2}`, displayName, password: `Planner-pass-${i}-xyz`, role: 'technician' });
  }
  const board = await (await client(desk, 'foreman')).workshop.board({});
  expect(board.technicians).toHaveLength(12);
  return board.technicians.map(({ id, displayName }) => ({ id, displayName }));
}

/** An RO with one approved brakes job of 2 h sold, the work started; nobody dispatched yet. */
async function startedRo(desk: Desk): Promise<RepairOrderDetail> {
  const advisor = await client(desk, 'advisor');
  let ro = await advisor.repairOrders.create({ vehicleId: demoCar(desk).vehicleId, concerns: ['刹车异响'] });
  const jobId = ro.jobs[0]!.id;
  ro = await advisor.repairOrders.updateJob({ id: ro.id, version: ro.version, jobId, concernGroup: 'brakes' });
  ro = await advisor.repairOrders.addLaborLine({
    id: ro.id,
    version: ro.version,
    jobId,
    code: 'BRK-01',
    nameZh: '更换前刹车片',
    hoursMilli: 2000,
    laborRateFen: 22_000,
  });
  ro = await advisor.repairOrders.authorise({
    id: ro.id,
    version: ro.version,
    customerName: ro.customer.name,
    channel: 'phone',
    decisions: [{ jobId, decision: 'approved' }],
  });
  return advisor.repairOrders.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
}

/** The job's stored plan: its technician and its start on the desk's clock ("HH:MM" of the desk's day). */
function storedPlan(desk: Desk, jobId: number): { technicianId: number | null; start: string | null; day: string | null } {
  const row = desk.core.deps.sqlite
    .prepare('select technician_id as technicianId, planned_start_at as at from repair_order_jobs where id = ?')
    .get(jobId) as { technicianId: number | null; at: string | null };
  if (row.at === null) return { technicianId: row.technicianId, start: null, day: null };
  const wall = wallClock(new Date(row.at));
  const hm = `${String(Math.floor(wall.minutes / 60)).padStart(2, '0')}:${String(wall.minutes % 60).padStart(2, '0')}`;
  return { technicianId: row.technicianId, start: hm, day: wall.day };
}

const today = (desk: Desk) => wallClock(desk.clock.now()).day;

test.describe('at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('twelve technicians’ rows fit; a job dragged onto a technician at 10:00 is planned there and stays after a reload', async ({
    page,
    desk,
  }) => {
    const technicians = await twelveTechnicians(desk);
    const ro = await startedRo(desk);
    const jobId = ro.jobs[0]!.id;
    const target = technicians[6]!;

    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    await expect(page.getByRole('heading', { name: 'Workshop planner' })).toBeVisible();
    const planner = page.getByTestId('ws-planner');
    await expect(planner).toContainText('08:00');
    await expect(planner).toContainText('17:00');

    await test.step('every row is inside the window and the planner, nothing clipped', async () => {
      const frame = (await planner.boundingBox())!;
      expect(frame.x + frame.width).toBeLessThanOrEqual(1280);
      for (const technician of technicians) {
        const row = page.getByTestId(`ws-row-${technician.id}`);
        await expect(row).toContainText(technician.displayName);
        const box = (await row.boundingBox())!;
        expect(box.y, technician.displayName).toBeGreaterThanOrEqual(frame.y);
        expect(box.y + box.height, technician.displayName).toBeLessThanOrEqual(Math.min(720, frame.y + frame.height) + 1);
        expect(box.x + box.width, technician.displayName).toBeLessThanOrEqual(frame.x + frame.width + 1);
      }
      // The queue stands beside the planner, inside the window too.
      const queue = (await page.getByTestId('ws-column-unassigned').boundingBox())!;
      expect(queue.x).toBeGreaterThanOrEqual(frame.x + frame.width);
      expect(queue.x + queue.width).toBeLessThanOrEqual(1280);
    });

    await test.step('the job is dragged from the queue onto the seventh technician at 10:00', async () => {
      const card = page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${jobId}`);
      await expect(card).toContainText(ro.number);
      await expect(card).toContainText('Sold 2 h');
      const track = page.getByTestId(`ws-track-${target.id}`);
      const box = (await track.boundingBox())!;
      // 08:00-18:00 across the track: 10:00 is a fifth of the way; a little past it still snaps to 10:00.
      await card.getByText('刹车异响').dragTo(track, { targetPosition: { x: box.width * 0.2 + 4, y: box.height / 2 } });
      // The new technician has no brakes skill: the dispatch rule asks first.
      await expect(page.getByRole('alert')).toContainText('no skill for this job’s concern group');
      await page.getByRole('button', { name: 'Assign anyway' }).click();
      const bar = page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`);
      await expect(bar).toBeVisible();
      await expect(bar).toHaveAccessibleName(new RegExp(` 刹车异响 · ${ro.number}, 10:00–12:00$`));
      await expect(page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${jobId}`)).toHaveCount(0);
      expect(storedPlan(desk, jobId)).toEqual({ technicianId: target.id, start: '10:00', day: today(desk) });
    });

    await test.step('after a reload the bar is still there, two hours long from 10:00', async () => {
      await page.reload();
      const bar = page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`);
      await expect(bar).toHaveAccessibleName(new RegExp(` 刹车异响 · ${ro.number}, 10:00–12:00$`));
      const track = (await page.getByTestId(`ws-track-${target.id}`).boundingBox())!;
      const box = (await bar.boundingBox())!;
      expect(Math.abs(box.x - (track.x + track.width * 0.2))).toBeLessThan(3);
      expect(Math.abs(box.width - track.width * 0.2)).toBeLessThan(3);
    });
  });

  test('the keyboard plans a job: select it, choose the technician and the start, Plan', async ({ page, desk }) => {
    const technicians = await twelveTechnicians(desk);
    const ro = await startedRo(desk);
    const jobId = ro.jobs[0]!.id;
    const target = technicians[11]!;
    await (await client(desk, 'foreman')).workshop.setSkills({ technicianId: target.id, concernGroups: ['brakes'] });

    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    const select = page.getByTestId('ws-column-unassigned').getByRole('button', { name: ro.number });
    await select.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('ws-job-panel');
    await expect(panel).toContainText('刹车异响');
    const technician = panel.getByRole('combobox', { name: `Assign ${ro.number} · 刹车异响 to` });
    await technician.focus();
    await technician.selectOption({ label: target.displayName });
    const start = panel.getByRole('combobox', { name: 'Start' });
    await start.focus();
    await start.selectOption({ label: '14:30' });
    await panel.getByRole('button', { name: 'Plan' }).focus();
    await page.keyboard.press('Enter');
    // Skilled for brakes: planned without a question.
    const bar = page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`);
    await expect(bar).toHaveAccessibleName(new RegExp(` 刹车异响 · ${ro.number}, 14:30–16:30$`));
    expect(storedPlan(desk, jobId)).toEqual({ technicianId: target.id, start: '14:30', day: today(desk) });
    await page.reload();
    await expect(page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`)).toBeVisible();

    // Back to the queue, from the keyboard too: the plan is cleared.
    await page.getByTestId(`ws-job-${jobId}`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('ws-job-panel').getByRole('button', { name: 'Back to the queue' }).click();
    await expect(page.getByTestId('ws-column-unassigned').getByTestId(`ws-job-${jobId}`)).toBeVisible();
    expect(storedPlan(desk, jobId)).toEqual({ technicianId: null, start: null, day: null });
  });

  test('the keyboard moves a queue job onto a technician and a time with the arrows; Escape cancels', async ({ page, desk }) => {
    const technicians = await twelveTechnicians(desk);
    const ro = await startedRo(desk);
    const jobId = ro.jobs[0]!.id;
    const target = technicians[2]!;
    await (await client(desk, 'foreman')).workshop.setSkills({ technicianId: target.id, concernGroups: ['brakes'] });

    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    await expect(page.getByText('Keyboard: Enter on a job, then ←/→ 15 minutes')).toBeVisible();
    const announce = page.getByTestId('ws-announce');
    const ghost = page.getByTestId('ws-ghost');

    await test.step('Enter proposes a slot on the first row; the arrows move it to the third technician at 10:00', async () => {
      await page.getByTestId('ws-column-unassigned').getByRole('button', { name: ro.number }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ws-job-panel')).toContainText('刹车异响');
      await expect(page.getByTestId(`ws-row-${technicians[0]!.id}`).getByTestId('ws-ghost')).toBeVisible();
      await expect(announce).toContainText(`${ro.number}: ${technicians[0]!.displayName} at`);
      // Far to the left stops at the opening, 08:30; six quarter hours on is 10:00.
      for (let i = 0; i < 50; i += 1) await page.keyboard.press('ArrowLeft');
      await expect(announce).toContainText('at 08:30');
      for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(announce).toHaveText(`${ro.number}: ${target.displayName} at 10:00. Enter to plan, Escape to cancel.`);
      await expect(page.getByTestId(`ws-row-${target.id}`).getByTestId('ws-ghost')).toContainText('10:00–12:00');
      expect(storedPlan(desk, jobId).start).toBeNull();
    });

    await test.step('Enter plans it there, the same as a drop; the bar is there after a reload', async () => {
      await page.keyboard.press('Enter');
      const bar = page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`);
      await expect(bar).toHaveAccessibleName(new RegExp(` 刹车异响 · ${ro.number}, 10:00–12:00$`));
      await expect(ghost).toHaveCount(0);
      expect(storedPlan(desk, jobId)).toEqual({ technicianId: target.id, start: '10:00', day: today(desk) });
      await page.reload();
      await expect(page.getByTestId(`ws-row-${target.id}`).getByTestId(`ws-job-${jobId}`)).toHaveAccessibleName(
        new RegExp(` 刹车异响 · ${ro.number}, 10:00–12:00$`),
      );
    });

    await test.step('on the bar, Enter proposes its own slot; Escape leaves it where it was', async () => {
      await page.getByTestId(`ws-job-${jobId}`).focus();
      await page.keyboard.press('Enter');
      await expect(announce).toContainText(`${target.displayName} at 10:00`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId(`ws-row-${technicians[1]!.id}`).getByTestId('ws-ghost')).toContainText('10:15');
      await page.keyboard.press('Escape');
      await expect(ghost).toHaveCount(0);
      await expect(announce).toHaveText(`Planning ${ro.number} cancelled.`);
      expect(storedPlan(desk, jobId)).toEqual({ technicianId: target.id, start: '10:00', day: today(desk) });
    });
  });

  test('a start outside the opening hours is refused and nothing is written; the planner names the hours', async ({
    page,
    desk,
  }) => {
    const ro = await startedRo(desk);
    const jobId = ro.jobs[0]!.id;
    const foreman = await client(desk, 'foreman');
    const technician = (await foreman.workshop.board({})).technicians[0]!;
    await expect(
      foreman.workshop.plan({
        jobId,
        technicianId: technician.id,
        plannedStartAt: instantAt(today(desk), 20 * 60).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'RULE' });
    expect(storedPlan(desk, jobId).start).toBeNull();
    await signInAs(page, desk, 'foreman');
    await page.getByRole('link', { name: 'Workshop' }).click();
    await expect(page.getByText('Opening hours 08:30–17:30')).toBeVisible();
  });
});

test.describe('bays as rows', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the manager lists the bays; the bay view shows each job in its bay, an unlisted bay in Other, and plans into a bay', async ({
    page,
    desk,
  }) => {
    const inA1 = await startedRo(desk);
    const elsewhere = await startedRo(desk);
    const jobId = inA1.jobs[0]!.id;
    const foreman = await client(desk, 'foreman');
    const technician = (await foreman.workshop.board({})).technicians[0]!;
    await foreman.workshop.plan({ jobId, technicianId: technician.id, plannedStartAt: null, overrideSkills: true });
    await foreman.workshop.assign({ jobId: elsewhere.jobs[0]!.id, technicianId: null, bay: 'X9' });

    await signInAs(page, desk, 'manager');
    await test.step('Settings: the manager lists two bays', async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      const bays = page.getByRole('form', { name: 'Workshop bays' });
      await bays.getByRole('button', { name: 'Add a bay' }).click();
      await bays.getByRole('textbox', { name: 'Bay 1 · Name' }).fill('A1');
      await bays.getByRole('button', { name: 'Add a bay' }).click();
      await bays.getByRole('textbox', { name: 'Bay 2 · Name' }).fill('B2');
      await bays.getByRole('combobox', { name: 'Bay 2 · Kind' }).selectOption({ label: 'Alignment' });
      await bays.getByRole('button', { name: 'Save bays' }).click();
      await expect(page.getByText('Bays saved.')).toBeVisible();
    });
    await foreman.workshop.planBay({ jobId, bay: 'A1', plannedStartAt: instantAt(today(desk), 13 * 60).toISOString() });

    await test.step('Rows: Bays shows the job in A1 at 13:00 and the unlisted bay in Other; the choice is kept', async () => {
      await page.getByRole('link', { name: 'Workshop' }).click();
      await page.getByRole('group', { name: 'Rows' }).getByRole('button', { name: 'Bays' }).click();
      const a1 = page.getByTestId('ws-row-bay-A1');
      await expect(a1).toContainText('Lift');
      await expect(a1.getByTestId(`ws-job-${jobId}`)).toHaveAccessibleName(
        new RegExp(` 刹车异响 · ${inA1.number}, 13:00–15:00$`),
      );
      await expect(page.getByTestId('ws-row-bay-B2')).toContainText('Alignment');
      await expect(page.getByTestId('ws-row-bay-other')).toContainText('Other bays');
      await page.reload();
      await expect(page.getByRole('group', { name: 'Rows' }).getByRole('button', { name: 'Bays' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expect(page.getByTestId('ws-row-bay-A1').getByTestId(`ws-job-${jobId}`)).toBeVisible();
    });

    await test.step('from the keyboard the job moves to B2 at 13:15; its technician stays', async () => {
      await page.getByTestId(`ws-job-${jobId}`).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('ws-announce')).toContainText(`${inA1.number}: B2 at 13:15`);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ws-row-bay-B2').getByTestId(`ws-job-${jobId}`)).toHaveAccessibleName(
        new RegExp(` 刹车异响 · ${inA1.number}, 13:15–15:15$`),
      );
      const row = desk.core.deps.sqlite
        .prepare('select bay, technician_id as technicianId from repair_order_jobs where id = ?')
        .get(jobId);
      expect(row).toEqual({ bay: 'B2', technicianId: technician.id });
      expect(storedPlan(desk, jobId).start).toBe('13:15');
    });
  });
});

test.describe('at 1440x900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('lists and boards use the width of a wide monitor', async ({ page, desk }) => {
    const customer = desk.core.deps.sqlite
      .prepare('select id from customers where merged_into_id is null order by id limit 1')
      .get() as { id: number };
    await (
      await client(desk, 'csi_agent')
    ).complaints.create({
      source: 'phone',
      customerId: customer.id,
      againstDepartment: 'service',
      customerSays: '等了三个小时没人理',
    });
    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Complaints', exact: true }).click();
    const complaints = page.locator('.ag-root-wrapper').first();
    await expect(complaints).toBeVisible();
    expect((await complaints.boundingBox())!.width).toBeGreaterThan(1300);

    await page.getByRole('link', { name: 'Repair orders' }).click();
    const grid = page.locator('.ag-root-wrapper').first();
    await expect(grid).toBeVisible();
    expect((await grid.boundingBox())!.width).toBeGreaterThan(1300);

    await page.getByRole('link', { name: 'Workshop' }).click();
    await expect(page.getByTestId('ws-planner')).toBeVisible();
    const planner = (await page.getByTestId('ws-planner').boundingBox())!;
    const queue = (await page.getByTestId('ws-column-unassigned').boundingBox())!;
    expect(queue.x + queue.width - planner.x).toBeGreaterThan(1300);
  });
});
