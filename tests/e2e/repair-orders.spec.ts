import type { Page } from '@playwright/test';
import { expect, field, lookupBox, signInAs, test, type Desk } from './fixtures';

/** Rows of one repair-order table in the test's own database (the fixtures' countRows knows the customer tables). */
function roRows(desk: Desk, table: 'repair_orders' | 'repair_order_jobs' | 'repair_order_lines'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** A demo car with an ordinary plate and a person as its current owner. */
function carWithOwner(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId, v.plate, v.vin, c.name
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where length(v.plate) = 7 and c.kind = 'person'
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; plate: string; vin: string; name: string };
}

/** A datetime-local value (the browser's time zone, which is this process's) `days` from today at 17:00. */
function localAt17(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T17:00`;
}

function job(page: Page, n: number) {
  return page.getByRole('region', { name: `Job ${n}` });
}

test('an advisor writes an RO from the look-up: concerns, a catalogue operation and a part, totals, a status change; a technician only reads it', async ({
  page,
  desk,
}) => {
  const car = carWithOwner(desk);
  const advisor = desk.core.deps.sqlite.prepare(`select display_name as name from users where username = 'advisor'`).get() as {
    name: string;
  };
  await signInAs(page, desk, 'advisor');

  await test.step('the car is found by its plate and opened from its owner’s file', async () => {
    await lookupBox(page).pressSequentially(car.plate);
    await expect(page.getByRole('listbox', { name: 'Look-up' }).getByRole('option').first()).toContainText(car.plate);
    await lookupBox(page).press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: car.name })).toBeVisible();
    await page
      .locator('.vehicle-list')
      .getByRole('link', { name: new RegExp(car.plate) })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(car.plate) })).toBeVisible();
    await expect(page.getByText('No repair orders yet.')).toBeVisible();
  });

  const before = { ros: roRows(desk, 'repair_orders'), jobs: roRows(desk, 'repair_order_jobs') };
  await test.step('two concerns verbatim; a promised time already past is refused by the core, next to the field', async () => {
    await page.getByRole('link', { name: 'New repair order' }).click();
    await expect(page.getByRole('heading', { name: 'New repair order' })).toBeVisible();
    await expect(page.locator('.facts')).toContainText(car.vin);
    await expect(page.locator('.facts')).toContainText(car.name);
    await field(page, 'concerns.0.text').input.fill('刹车时前轮有异响');
    await page.getByRole('button', { name: 'Add concern' }).click();
    await field(page, 'concerns.1.text').input.fill('A/C smells musty when first switched on');
    await field(page, 'promisedAt').input.fill(localAt17(-1));
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(field(page, 'promisedAt').error).toHaveText('must be later than now');
    expect(roRows(desk, 'repair_orders')).toBe(before.ros);
  });

  await test.step('promised for tomorrow, the RO opens with one job per concern', async () => {
    await field(page, 'promisedAt').input.fill(localAt17(1));
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByTestId('ro-status')).toHaveText('Open');
    await expect(page.getByTestId('ro-promised')).toContainText('5:00');
    await expect(job(page, 1)).toContainText('刹车时前轮有异响');
    await expect(job(page, 2)).toContainText('A/C smells musty when first switched on');
    expect(roRows(desk, 'repair_orders')).toBe(before.ros + 1);
    expect(roRows(desk, 'repair_order_jobs')).toBe(before.jobs + 2);
  });

  const lines = job(page, 1).getByRole('table', { name: 'Lines of Job 1' });
  await test.step('a catalogue operation is added to the first job from the picker', async () => {
    await job(page, 1).getByRole('button', { name: 'Add labor' }).click();
    await page.getByRole('searchbox', { name: 'Find an operation by code or name…' }).fill('brake pads');
    await page.getByRole('button', { name: /BR-FPAD/ }).click();
    await expect(lines).toContainText('Replace front brake pads');
    await expect(lines).toContainText('1 h');
    await expect(lines).toContainText('¥220.00 / h');
  });

  await test.step('a negative quantity is refused by field and nothing is written; then the part line is added', async () => {
    await job(page, 1).getByRole('button', { name: 'Add part', exact: true }).click();
    await field(page, 'partNumber').input.fill('pad-f-01');
    await field(page, 'nameZh').input.fill('前刹车片');
    await field(page, 'nameEn').input.fill('Front brake pads');
    await field(page, 'qtyMilli').input.fill('-2');
    await field(page, 'unitPriceFen').input.fill('190.50');
    const linesBefore = roRows(desk, 'repair_order_lines');
    await page.getByRole('button', { name: 'Add part line' }).click();
    await expect(field(page, 'qtyMilli').caption).toHaveText('Quantity');
    await expect(field(page, 'qtyMilli').error).toHaveText('must be more than 0');
    await expect(field(page, 'unitPriceFen').error).toHaveCount(0);
    expect(roRows(desk, 'repair_order_lines')).toBe(linesBefore);

    await field(page, 'qtyMilli').input.fill('2');
    await page.getByRole('button', { name: 'Add part line' }).click();
    await expect(lines).toContainText('PAD-F-01');
    expect(roRows(desk, 'repair_order_lines')).toBe(linesBefore + 1);
  });

  await test.step('the totals are the sums of the lines, VAT (13%) included in the prices', async () => {
    // Labor 1 h × ¥220.00 = ¥220.00; parts 2 × ¥190.50 = ¥381.00; total ¥601.00.
    // VAT contained per line, rounded once per line: 22000 × 1300 / 11300 = 2530.97 -> 2531 fen;
    // 38100 × 1300 / 11300 = 4383.19 -> 4383 fen; together 6914 fen = ¥69.14.
    await expect(page.getByTestId('ro-total-labor')).toHaveText('¥220.00');
    await expect(page.getByTestId('ro-total-parts')).toHaveText('¥381.00');
    await expect(page.getByTestId('ro-total-tax')).toHaveText('¥69.14');
    await expect(page.getByTestId('ro-total')).toHaveText('¥601.00');
    await expect(page.getByTestId('job-total-1')).toHaveText('¥601.00');
    await expect(page.getByTestId('ro-payer-customer')).toContainText('¥601.00');
  });

  await test.step('the customer approves both jobs by phone, so work may start', async () => {
    const form = page.getByRole('form', { name: 'Customer authorisation' });
    await form
      .getByRole('group', { name: /^Job 1:/ })
      .getByRole('radio', { name: 'Approve' })
      .check();
    await form
      .getByRole('group', { name: /^Job 2:/ })
      .getByRole('radio', { name: 'Approve' })
      .check();
    await form.locator('[data-field="channel"] select').selectOption('phone');
    await form.getByRole('button', { name: 'Record authorisation' }).click();
    await expect(page.getByTestId('job-authorisation-1')).toHaveText('Approved');
    await expect(page.getByTestId('job-authorisation-2')).toHaveText('Approved');
    await expect(page.getByTestId('ro-total')).toHaveText('¥601.00');
  });

  await test.step('open -> in progress, recorded in the history with who', async () => {
    await page.getByRole('button', { name: 'Move to “In progress”' }).click();
    await expect(page.getByTestId('ro-status')).toHaveText('In progress');
    const history = page.getByRole('table', { name: 'Status history' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('row').nth(1)).toContainText('Opened as “Open”');
    await expect(history.getByRole('row').nth(2)).toContainText('Open → In progress');
    await expect(history.getByRole('row').nth(2)).toContainText(advisor.name);
    // A job goes only while the RO is open: the core says why, with the status named.
    // Removing asks first, in place; "Keep" leaves the job alone.
    await job(page, 2).getByRole('button', { name: 'Remove job' }).click();
    const ask = job(page, 2).getByRole('dialog', { name: 'Remove this job and all its lines?' });
    await ask.getByRole('button', { name: 'Keep' }).click();
    await expect(ask).toHaveCount(0);
    await job(page, 2).getByRole('button', { name: 'Remove job' }).click();
    await ask.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(job(page, 2).getByRole('alert')).toHaveText('cannot be changed while the repair order is In progress');
    expect(roRows(desk, 'repair_order_jobs')).toBe(before.jobs + 2);
  });

  const roUrl = page.url();
  const number = (await page.getByRole('heading', { level: 1, name: /^Repair order / }).textContent())!.replace(
    'Repair order ',
    '',
  );
  await test.step('the vehicle page lists the RO with its number, date and status', async () => {
    await page.getByRole('link', { name: new RegExp(car.plate) }).click();
    const history = page.getByRole('list', { name: 'Service history' });
    await expect(history).toContainText(number);
    await expect(history).toContainText('In progress');
    await history.getByRole('link', { name: number }).click();
    await expect(page).toHaveURL(roUrl);
  });

  await test.step('a technician opens the RO and sees no edit buttons (only the final check, of other technicians’ work)', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, desk, 'technician');
    await page.goto(roUrl);
    await expect(page.getByRole('heading', { level: 1, name: `Repair order ${number}` })).toBeVisible();
    await expect(lines).toContainText('PAD-F-01');
    await expect(page.getByTestId('ro-total')).toHaveText('¥601.00');
    for (const name of ['Add labor', 'Add part', 'Edit job', 'Remove job', 'Discount', 'Remove', 'Change', 'Add job']) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole('button', { name: /^Move to/ })).toHaveCount(0);
    // The only form a technician gets on someone else's RO is the final quality check of jobs they did not work on.
    await expect(
      page.locator('main input, main textarea, main select, .content input').and(page.locator(':not(.qc-form *)')),
    ).toHaveCount(0);
    await expect(page.locator('form:not(.qc-form)')).toHaveCount(0);
  });
});
