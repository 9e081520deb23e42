import { expect, field, signInAs, test } from './fixtures';

test('an advisor adds the 10,000 km package for the customer’s “做1万公里保养”: it fills that job, whose words and group stay right', async ({
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

  await test.step('an RO with the customer’s two concerns', async () => {
    await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${car.vehicleId}`);
    await field(page, 'concerns.0.text').input.fill('做1万公里保养');
    await page.getByRole('button', { name: 'Add concern' }).click();
    await field(page, 'concerns.1.text').input.fill('空调不凉');
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Job 1' })).toContainText('No labor or parts on this job yet.');
  });

  await test.step('PKG-10K answers job 1 by default and fills it with its lines; no new job, no words put in the customer’s mouth', async () => {
    const before = lineRows();
    await page.getByRole('button', { name: 'Add maintenance package' }).click();
    const answers = page.getByRole('combobox', { name: 'Answers the concern' });
    await expect(answers.locator('option:checked')).toHaveText('Job 1: 做1万公里保养 (no work yet)');
    const choices = page.getByRole('list', { name: 'Active maintenance packages' });
    await expect(choices.getByRole('button', { name: /PKG-10K/ })).toContainText('¥766.00');
    await choices.getByRole('button', { name: /PKG-10K/ }).click();
    const job1 = page.getByRole('region', { name: 'Job 1' });
    await expect(job1.getByRole('table', { name: 'Lines of Job 1' })).toContainText('MT-OIL');
    await expect(job1.getByRole('table', { name: 'Lines of Job 1' })).toContainText('FLT-CABIN-01');
    await expect(job1).toContainText('做1万公里保养');
    await expect(job1).not.toContainText('10000公里保养');
    await expect(job1).not.toContainText('No labor or parts on this job yet.');
    // The job's group came from the package's operations: no longer "Other".
    await expect(job1.getByRole('heading', { level: 2 })).toContainText('Maintenance');
    await expect(page.getByTestId('job-total-1')).toHaveText('¥766.00');
    await expect(page.getByRole('region', { name: 'Job 3' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Job 2' })).toContainText('空调不凉');
    await expect(page.getByTestId('ro-total')).toHaveText('¥766.00');
    await expect(choices).toHaveCount(0);
    // 5 operations and 4 parts.
    expect(lineRows()).toBe(before + 9);
  });

  await test.step('“a job of its own” still adds the package as a new job named after it', async () => {
    await page.getByRole('button', { name: 'Add maintenance package' }).click();
    const answers = page.getByRole('combobox', { name: 'Answers the concern' });
    // Job 2 has no work yet: it is the default now.
    await expect(answers.locator('option:checked')).toHaveText('Job 2: 空调不凉 (no work yet)');
    await answers.selectOption({ label: 'A job of its own, named after the package' });
    await page
      .getByRole('list', { name: 'Active maintenance packages' })
      .getByRole('button', { name: /PKG-10K/ })
      .click();
    await expect(page.getByRole('region', { name: 'Job 3' })).toContainText('10000公里保养');
    await expect(page.getByRole('region', { name: 'Job 2' })).toContainText('No labor or parts on this job yet.');
  });
});
