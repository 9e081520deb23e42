import type { Page } from '@playwright/test';
import { expect, field, signInAs, test, type Desk } from './fixtures';

function rows(desk: Desk, table: 'repair_order_authorisations' | 'declined_work' | 'repair_order_jobs'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** A demo car with a person as its current owner, and an RO on it with two priced jobs, written through the API. */
async function roWithTwoJobs(desk: Desk) {
  const car = desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId, c.name
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where c.kind = 'person'
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; name: string };
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const api = desk.core.client(session.token).repairOrders;
  let ro = await api.create({ vehicleId: car.vehicleId, concerns: ['刹车时前轮有异响', '空调不凉'] });
  const [brakes, ac] = ro.jobs;
  ro = await api.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: brakes!.id,
    partNumber: 'PAD-F-01',
    nameZh: '前刹车片',
    qtyMilli: 2000,
    unitPriceFen: 19_050,
  });
  ro = await api.addPartLine({
    id: ro.id,
    version: ro.version,
    jobId: ac!.id,
    partNumber: 'AC-100',
    nameZh: '空调压缩机阀',
    qtyMilli: 1000,
    unitPriceFen: 30_000,
  });
  return { ro, car };
}

/** Signs in the box the way a customer does: a few strokes with the pointer held down. */
async function sign(page: Page) {
  const pad = page.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  for (const [dx, dy] of [
    [60, 40],
    [100, 110],
    [140, 50],
    [190, 120],
    [240, 60],
  ] as const) {
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  }
  await page.mouse.up();
}

test('the customer approves one job and declines the other with a drawn signature; the declined job is offered at the next visit and added', async ({
  page,
  desk,
}) => {
  const { ro, car } = await roWithTwoJobs(desk);
  await signInAs(page, desk, 'advisor');
  await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Repair order ${ro.number}` })).toBeVisible();

  await test.step('both jobs await the customer; work cannot start yet', async () => {
    await expect(page.getByTestId('job-authorisation-1')).toHaveText('Awaiting approval');
    await expect(page.getByTestId('job-authorisation-2')).toHaveText('Awaiting approval');
    // Pads 2 × ¥190.50 = ¥381.00; A/C valve ¥300.00.
    await expect(page.getByTestId('ro-total')).toHaveText('¥681.00');
    await page.getByRole('button', { name: 'Move to “In progress”' }).click();
    await expect(page.locator('.ro-status-actions').getByRole('alert')).toContainText(
      'the customer has not answered for every job yet',
    );
    await expect(page.getByTestId('ro-status')).toHaveText('Open');
  });

  const form = page.getByRole('form', { name: 'Customer authorisation' });
  await test.step('in person without a signature is refused next to the signature, nothing recorded', async () => {
    await form.getByRole('group', { name: 'Job 1: 刹车时前轮有异响' }).getByRole('radio', { name: 'Approve' }).check();
    await form.getByRole('group', { name: 'Job 2: 空调不凉' }).getByRole('radio', { name: 'Decline' }).check();
    await expect(form.locator('[data-field="customerName"] input')).toHaveValue(car.name);
    await expect(form.locator('[data-field="channel"] select')).toHaveValue('in_person');
    await form.getByRole('button', { name: 'Record authorisation' }).click();
    await expect(form.locator('[data-field="signaturePng"]').getByRole('alert')).toHaveText(
      'is needed in person: let the customer sign, or tick “signed on paper”',
    );
    expect(rows(desk, 'repair_order_authorisations')).toBe(0);
  });

  await test.step('signed on the screen and recorded: badges, totals without the declined job, the signature listed', async () => {
    await sign(page);
    await form.locator('[data-field="note"] input').fill('空调下次再修');
    await form.getByRole('button', { name: 'Record authorisation' }).click();
    await expect(page.getByTestId('job-authorisation-1')).toHaveText('Approved');
    await expect(page.getByTestId('job-authorisation-2')).toHaveText('Declined');
    await expect(page.getByTestId('ro-total')).toHaveText('¥381.00');
    await expect(page.getByTestId('job-total-2')).toHaveText('¥300.00');
    const recorded = page.getByRole('list', { name: 'Recorded authorisations' });
    await expect(recorded.getByRole('listitem').first()).toContainText('In person');
    await expect(recorded).toContainText('Approved: ¥381.00');
    await expect(recorded).toContainText('空调下次再修');
    const signature = recorded.getByRole('img', { name: `Signature of ${car.name}` });
    await expect(signature).toBeVisible();
    expect(await signature.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    // Nothing left to ask: the form is gone.
    await expect(form).toHaveCount(0);
    expect(rows(desk, 'repair_order_authorisations')).toBe(1);
    expect(rows(desk, 'declined_work')).toBe(1);
  });

  await test.step('work starts on the approved job', async () => {
    await page.getByRole('button', { name: 'Move to “In progress”' }).click();
    await expect(page.getByTestId('ro-status')).toHaveText('In progress');
  });

  await test.step('the next RO for the car offers the declined job, and adding it copies its line, pending approval', async () => {
    await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${car.vehicleId}`);
    await field(page, 'concerns.0.text').input.fill('保养');
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).not.toHaveText(
      `Repair order ${ro.number}`,
    );
    const offered = page.getByRole('list', { name: 'Declined work from earlier visits' });
    await expect(offered.getByRole('listitem')).toHaveCount(1);
    await expect(offered).toContainText('空调不凉');
    await expect(offered).toContainText('¥300.00');
    await expect(offered).toContainText(`Declined on ${ro.number}`);
    const jobsBefore = rows(desk, 'repair_order_jobs');
    await offered.getByRole('button', { name: 'Add to this RO' }).click();
    const job2 = page.getByRole('region', { name: 'Job 2' });
    await expect(job2).toContainText('空调不凉');
    await expect(job2.getByRole('table', { name: 'Lines of Job 2' })).toContainText('AC-100');
    await expect(page.getByTestId('job-authorisation-2')).toHaveText('Awaiting approval');
    await expect(page.getByTestId('ro-total')).toHaveText('¥300.00');
    await expect(offered).toHaveCount(0);
    expect(rows(desk, 'repair_order_jobs')).toBe(jobsBefore + 1);
  });
});
