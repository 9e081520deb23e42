import { passQualityCheck } from '../fixtures/quality';
import { csvOf } from '../fixtures/sheets';
import type { SignedIn } from '../fixtures/users';
import { demoCar, expect, field, lookupBox, signInAs, test, type Desk } from './fixtures';

const DAY = 86_400_000;

/** A demo user signed in through the core now. */
async function demoUser(desk: Desk, username: string): Promise<SignedIn> {
  const session = await desk.core.client().users.login({ username, password: 'demo1234' });
  return { session, token: session.token, client: desk.core.client(session.token) };
}

/** A desk day `n` days from today (negative: before), on the real calendar the shifted clock starts from. */
function dayFromToday(n: number): string {
  return new Date(Date.now() + n * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

test('a recall is imported, shown at booking, added to the RO in one click and done at delivery', async ({ page, desk }) => {
  const { vehicleId } = demoCar(desk);
  const { vin, plate } = desk.core.deps.sqlite.prepare('select vin, plate from vehicles where id = ?').get(vehicleId) as {
    vin: string;
    plate: string;
  };
  const operation = desk.core.deps.sqlite
    .prepare('select code from labor_operations where active = 1 order by id limit 1')
    .get() as { code: string };

  await test.step('the manager imports the campaign file: the listed car is taken, a bad row refused with its reason', async () => {
    await signInAs(page, desk, 'manager');
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await expect(page.getByRole('heading', { name: 'Recalls and service campaigns' })).toBeVisible();
    await field(page, 'code').input.fill('RC-2026-01');
    await field(page, 'title').input.fill('更换安全气囊模块');
    await page.getByRole('searchbox').fill(operation.code);
    await page
      .getByRole('button', { name: new RegExp(operation.code) })
      .first()
      .click();
    await field(page, 'laborHoursMilli').input.fill('0.8');
    await field(page, 'startsOn').input.fill(dayFromToday(-30));
    await field(page, 'endsOn').input.fill(dayFromToday(60));
    await field(page, 'fileBase64').input.setInputFiles({
      name: 'recall.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        csvOf([
          ['VIN', '车型'],
          [vin, '演示车'],
          ['LSGKB54H12345', '坏行'],
        ]),
      ),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByTestId('campaign-import-result');
    await expect(result).toContainText('1 car imported');
    await expect(result).toContainText('Line 3: LSGKB54H12345 does not have 17 characters');
    await expect(page.getByTestId('campaign-progress')).toContainText('1');
  });

  await test.step('the look-up marks the listed car; booking it shows the recall', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'advisor');
    await lookupBox(page).fill(vin);
    await expect(page.getByTestId('campaign-flag')).toHaveText('Open recall / campaign');
    await page.goto(`${desk.url}/#/appointments?vehicleId=${vehicleId}`);
    await expect(page.getByTestId('campaign-banner')).toContainText('Recall RC-2026-01: 更换安全气囊模块');
  });

  const advisor = await demoUser(desk, 'advisor');
  const foreman = await demoUser(desk, 'foreman');
  let ro = await advisor.client.repairOrders.create({ vehicleId, concerns: ['常规保养'] });

  await test.step('on the RO, one click adds the campaign job, payer warranty', async () => {
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    await page.getByRole('button', { name: 'Add campaign job' }).click();
    await expect(page.getByText('更换安全气囊模块').first()).toBeVisible();
    await expect(page.getByTestId('campaign-banner')).toContainText('Job on RO');
  });

  await test.step('the job is worked and the RO delivered', async () => {
    const c = advisor.client.repairOrders;
    ro = await c.get({ id: ro.id });
    ro = await c.authorise({
      id: ro.id,
      version: ro.version,
      customerName: ro.customer.name,
      channel: 'phone',
      decisions: ro.jobs.map((job) => ({ jobId: job.id, decision: 'approved' as const })),
    });
    for (const job of ro.jobs)
      if (job.workCategory === null)
        ro = await c.updateJob({ id: ro.id, version: ro.version, jobId: job.id, workCategory: 'level1_minor_special' });
    ro = await c.transition({ id: ro.id, version: ro.version, to: 'in_progress' });
    await passQualityCheck(foreman, ro.id);
    ro = await c.get({ id: ro.id });
    for (const to of ['qc', 'ready'] as const) ro = await c.transition({ id: ro.id, version: ro.version, to });
    if ((await foreman.client.workshop.qcStatus({ repairOrderId: ro.id })).certificateNeeded) {
      await foreman.client.workshop.issueCertificate({ repairOrderId: ro.id });
      ro = await c.get({ id: ro.id });
    }
    await c.deliver({ id: ro.id, version: ro.version, explanation: '已说明', collectedBy: '车主' });
  });

  await test.step('the vehicle shows no open campaign and the campaign shows the car done', async () => {
    await page.goto(`${desk.url}/#/vehicles/${vehicleId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(plate || '—');
    await expect(page.getByTestId('campaign-banner')).toHaveCount(0);
    await page.goto(`${desk.url}/#/campaigns`);
    await page.getByRole('gridcell', { name: 'RC-2026-01' }).click();
    await expect(page.getByTestId('campaign-done')).toHaveText('1');
  });
});
