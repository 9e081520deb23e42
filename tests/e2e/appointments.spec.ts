import { expect, field, signInAs, test, type Desk } from './fixtures';

function rows(desk: Desk, table: 'appointments' | 'repair_orders'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** A demo car with an ordinary plate and a person as its current owner. */
function carWithOwner(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId, v.plate, c.name
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where length(v.plate) = 7 and c.kind = 'person'
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; plate: string; name: string };
}

test('an advisor books tomorrow from the board, is refused a full slot with nothing written, receives the customer and turns the appointment into an RO', async ({
  page,
  desk,
}) => {
  const car = carWithOwner(desk);
  // One appointment per advisor and slot, so the second booking of 09:00 finds it full.
  desk.core.deps.sqlite.prepare(`insert into settings (key, value) values ('appointments.perAdvisorSlot', '1')`).run();
  await signInAs(page, desk, 'advisor');

  await test.step('the board of tomorrow, with the workshop hours of the day', async () => {
    await page.getByRole('link', { name: 'Appointments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('.appt-hours').first()).toContainText('Workshop 0 / 40 h');
  });

  const before = rows(desk, 'appointments');
  await test.step('a click on an empty slot opens the form for that advisor and time; the car is found by its plate', async () => {
    await page.getByRole('button', { name: 'Book 李娜 at 09:00' }).click();
    await expect(field(page, 'advisorId').input).toHaveValue(/\d+/);
    await expect(field(page, 'startsAt').input).toHaveValue('09:00');
    await field(page, 'vehicleId').input.fill(car.plate);
    await page
      .locator('.appt-vehicle-results')
      .getByRole('button', { name: new RegExp(car.plate) })
      .first()
      .click();
    await expect(page.getByTestId('appt-chosen-vehicle')).toContainText(car.plate);
    await field(page, 'reason').input.selectOption({ label: 'Repair' });
    await field(page, 'concerns.0.text').input.fill('刹车时前轮有异响');
    await page.getByRole('button', { name: 'Add concern' }).click();
    await field(page, 'concerns.1.text').input.fill('空调出风有异味');
    await field(page, 'estimatedHoursMilli').input.fill('1.5');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Booked');
    expect(rows(desk, 'appointments')).toBe(before + 1);
    await expect(page.locator('.appt-hours').first()).toContainText('Workshop 1.5 / 40 h');
    const cell = page.locator('.appt-grid tbody tr', { hasText: '09:00' }).first();
    await expect(cell.getByTestId('appt-card')).toContainText(car.plate);
    await expect(cell).toContainText('full');
  });

  await test.step('the same slot again is refused by the core next to the time, and nothing is written', async () => {
    await page.getByRole('button', { name: 'Book 李娜 at 09:30' }).click();
    await field(page, 'vehicleId').input.fill(car.plate);
    await page
      .locator('.appt-vehicle-results')
      .getByRole('button', { name: new RegExp(car.plate) })
      .first()
      .click();
    await field(page, 'startsAt').input.selectOption('09:00');
    await field(page, 'concerns.0.text').input.fill('保养');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(field(page, 'startsAt').error).toHaveText(
      'the slot of 李娜 is full (1 per slot): choose another time or advisor',
    );
    expect(rows(desk, 'appointments')).toBe(before + 1);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  await test.step('the customer arrives; one click turns the appointment into an RO with the concerns as jobs', async () => {
    const ros = rows(desk, 'repair_orders');
    await page.locator('.appt-grid').getByTestId('appt-card').filter({ hasText: car.plate }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Booked');
    await page.getByRole('button', { name: 'Arrived' }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Arrived');
    await page.getByRole('button', { name: 'Turn into repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Job 1' })).toContainText('刹车时前轮有异响');
    await expect(page.getByRole('region', { name: 'Job 2' })).toContainText('空调出风有异味');
    expect(rows(desk, 'repair_orders')).toBe(ros + 1);
    const linked = desk.core.deps.sqlite
      .prepare(`select status, repair_order_id from appointments order by id desc limit 1`)
      .get() as {
      status: string;
      repair_order_id: number | null;
    };
    expect(linked.status).toBe('converted');
    expect(linked.repair_order_id).not.toBeNull();
  });
});

test('tomorrow’s reminders list the booked customer with the phone; a CSI agent marks the call made', async ({ page, desk }) => {
  const car = carWithOwner(desk);
  const advisor = desk.core.deps.sqlite.prepare(`select id from users where username = 'advisor'`).get() as { id: number };
  const login = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const board = await desk.core.client(login.token).appointments.board({});
  const tomorrow = new Date(new Date(`${board.today}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  await desk.core.client(login.token).appointments.book({
    vehicleId: car.vehicleId,
    advisorId: advisor.id,
    startsAt: `${tomorrow}T10:00:00+08:00`,
    reason: 'recall',
    concerns: ['召回：更换燃油泵'],
    estimatedHoursMilli: 1000,
  });

  await signInAs(page, desk, 'csi_agent');
  await page.getByRole('link', { name: 'Appointments' }).click();
  await page.getByRole('tab', { name: 'Tomorrow’s reminders' }).click();
  const row = page.getByRole('row', { name: new RegExp(car.plate) });
  await expect(row).toContainText(car.name);
  await expect(row).toContainText('Recall');
  await expect(page.getByRole('button', { name: 'Book appointment' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Reminded' }).click();
  await expect(row).toContainText('Reminded');
  await expect(row.getByRole('button', { name: 'Reminded' })).toHaveCount(0);
  const reminded = desk.core.deps.sqlite.prepare(`select reminded_by from appointments`).get() as { reminded_by: number | null };
  expect(reminded.reminded_by).not.toBeNull();
});

test('an advisor moves a booked appointment to another slot; a full slot is refused and the appointment stays', async ({
  page,
  desk,
}) => {
  const car = carWithOwner(desk);
  desk.core.deps.sqlite.prepare(`insert into settings (key, value) values ('appointments.perAdvisorSlot', '1')`).run();
  const advisor = desk.core.deps.sqlite.prepare(`select id from users where username = 'advisor'`).get() as { id: number };
  const login = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const api = desk.core.client(login.token).appointments;
  const { today } = await api.board({});
  const tomorrow = new Date(new Date(`${today}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  for (const [time, concern] of [
    ['10:00', '更换雨刮片'],
    ['11:00', '四轮定位'],
  ] as const) {
    await api.book({
      vehicleId: car.vehicleId,
      advisorId: advisor.id,
      startsAt: `${tomorrow}T${time}:00+08:00`,
      reason: 'maintenance',
      concerns: [concern],
      estimatedHoursMilli: 1000,
    });
  }

  await signInAs(page, desk, 'advisor');
  await page.getByRole('link', { name: 'Appointments' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const row = (time: string) => page.locator('.appt-grid tbody tr', { hasText: time }).first();
  await row('10:00').getByTestId('appt-card').click();
  await page.getByRole('button', { name: 'Reschedule' }).click();

  await field(page, 'startsAt').input.selectOption('11:00');
  await page.getByRole('button', { name: 'Move appointment' }).click();
  await expect(field(page, 'startsAt').error).toContainText('is full');
  const stored = () =>
    desk.core.deps.sqlite.prepare(`select starts_at from appointments order by id limit 1`).get() as { starts_at: string };
  expect(stored().starts_at).toBe(new Date(`${tomorrow}T10:00:00+08:00`).toISOString());

  await field(page, 'startsAt').input.selectOption('14:30');
  await page.getByRole('button', { name: 'Move appointment' }).click();
  await expect(row('14:30').getByTestId('appt-card')).toContainText(car.plate);
  await expect(row('10:00').getByTestId('appt-card')).toHaveCount(0);
  expect(stored().starts_at).toBe(new Date(`${tomorrow}T14:30:00+08:00`).toISOString());
});

test('cancelling an appointment asks in the dialog and needs the reason, which the appointment then shows', async ({
  page,
  desk,
}) => {
  const car = carWithOwner(desk);
  const advisor = desk.core.deps.sqlite.prepare(`select id from users where username = 'advisor'`).get() as { id: number };
  const login = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const api = desk.core.client(login.token).appointments;
  const { today } = await api.board({});
  const tomorrow = new Date(new Date(`${today}T12:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  await api.book({
    vehicleId: car.vehicleId,
    advisorId: advisor.id,
    startsAt: `${tomorrow}T10:00:00+08:00`,
    reason: 'maintenance',
    concerns: ['更换雨刮片'],
    estimatedHoursMilli: 1000,
  });
  const status = () => (desk.core.deps.sqlite.prepare(`select status from appointments`).get() as { status: string }).status;

  await signInAs(page, desk, 'advisor');
  await page.getByRole('link', { name: 'Appointments' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.appt-grid tbody tr', { hasText: '10:00' }).first().getByTestId('appt-card').click();
  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel the appointment at 10:00 for ${car.plate}?` });
  await dialog.getByRole('button', { name: 'Cancel it' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Please give the reason.');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toHaveCount(0);
  expect(status()).toBe('booked');

  await page.getByRole('button', { name: 'Cancel appointment' }).click();
  await dialog.getByLabel('Cancelled because').fill('客户出差');
  await dialog.getByRole('button', { name: 'Cancel it' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('appt-status')).toHaveText('Cancelled');
  await expect(page.locator('dl.facts')).toContainText('客户出差');
  expect(status()).toBe('cancelled');
});
