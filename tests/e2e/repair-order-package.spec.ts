import { expect, field, signInAs, test } from './fixtures';

test('an advisor adds the 10,000 km package to an RO: a job of its own with the package’s lines and its estimate as total', async ({
  page,
  desk,
}) => {
  const car = desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number };
  const lineRows = () => (desk.core.deps.sqlite.prepare('select count(*) as n from repair_order_lines').get() as { n: number }).n;
  await signInAs(page, desk, 'advisor');

  await test.step('an RO with one concern', async () => {
    await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${car.vehicleId}`);
    await field(page, 'concerns.0.text').input.fill('客户要求做保养');
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
  });

  await test.step('PKG-10K is chosen from the active packages, with its estimate, and arrives as job 2 with its lines', async () => {
    const before = lineRows();
    await page.getByRole('button', { name: 'Add maintenance package' }).click();
    const choices = page.getByRole('list', { name: 'Active maintenance packages' });
    await expect(choices.getByRole('button', { name: /PKG-10K/ })).toContainText('¥766.00');
    await choices.getByRole('button', { name: /PKG-10K/ }).click();
    const job2 = page.getByRole('region', { name: 'Job 2' });
    await expect(job2).toContainText('10000公里保养');
    const lines = job2.getByRole('table', { name: 'Lines of Job 2' });
    await expect(lines).toContainText('MT-OIL');
    await expect(lines).toContainText('FLT-CABIN-01');
    await expect(page.getByTestId('job-total-2')).toHaveText('¥766.00');
    await expect(page.getByTestId('ro-total')).toHaveText('¥766.00');
    await expect(choices).toHaveCount(0);
    // 5 operations and 4 parts.
    expect(lineRows()).toBe(before + 9);
  });
});
