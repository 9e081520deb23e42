import type { Page } from '@playwright/test';
import { solidPng } from '../fixtures/png';
import { expect, field, signInAs, test, type Desk } from './fixtures';
import { compactPdfText } from './pdf-text';

/**
 * Issue 3's whole reception, as one advisor lives it in Chromium: book, arrive, turn into an RO, check in with a
 * damage mark and a photo, add a package and price the repair job, print the estimate to PDF and read it back, record
 * the customer's answer with one job declined, and find that job offered at the car's next booking.
 */

/** A demo car with an ordinary plate, a person as its owner and a mileage reading on file. */
function demoCar(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId, v.plate,
              (select km from vehicle_mileage m where m.vehicle_id = v.id order by m.recorded_at desc, m.id desc limit 1) as lastKm
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where length(v.plate) = 7 and c.kind = 'person' and exists (select 1 from vehicle_mileage m where m.vehicle_id = v.id)
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; plate: string; lastKm: number };
}

function count(desk: Desk, table: 'appointments' | 'declined_work' | 'check_in_photos'): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** Opens tomorrow's board and the booking form of the first advisor's slot at `time`, the car found by its plate. */
async function startBooking(page: Page, plate: string, time: string) {
  await page.getByRole('link', { name: 'Appointments' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('button', { name: new RegExp(`^Book .+ at ${time}$`) })
    .first()
    .click();
  await field(page, 'vehicleId').input.fill(plate);
  await page
    .locator('.appt-vehicle-results')
    .getByRole('button', { name: new RegExp(plate) })
    .first()
    .click();
  await expect(page.getByTestId('appt-chosen-vehicle')).toContainText(plate);
}

const BRAKE_CONCERN = '刹车时前轮吱吱响';

test('book, arrive, RO, check-in with a mark and a photo, package and repair job, estimate PDF, approval with a declined job, offered at the next booking', async ({
  page,
  desk,
}) => {
  const car = demoCar(desk);
  await signInAs(page, desk, 'advisor');

  await test.step('book tomorrow 09:00 with the customer’s concern', async () => {
    await startBooking(page, car.plate, '09:00');
    await field(page, 'reason').input.selectOption({ label: 'Repair' });
    await field(page, 'concerns.0.text').input.fill(BRAKE_CONCERN);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Booked');
  });

  await test.step('the customer arrives and the appointment becomes an RO with the concern as its job', async () => {
    await page.getByRole('button', { name: 'Arrived' }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Arrived');
    await page.getByRole('button', { name: 'Turn into repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Job 1' })).toContainText(BRAKE_CONCERN);
  });
  const roNumber = (await page.getByRole('heading', { level: 1, name: /^Repair order / }).innerText()).replace(
    'Repair order ',
    '',
  );

  const checkIn = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Check-in' }) });
  await test.step('check in: mileage, fuel, a dent on the diagram with its note, a photo', async () => {
    await field(page, 'mileageKm').input.fill(String(car.lastKm + 800));
    await field(page, 'fuelEighths').input.selectOption({ label: '3/4' });
    await checkIn.getByRole('button', { name: 'Save check-in' }).click();
    await expect(checkIn.getByTestId('check-in-mileage')).toHaveText(`${(car.lastKm + 800).toLocaleString('en-US')} km`);

    const diagram = checkIn.getByTestId('walk-around-diagram');
    const box = (await diagram.boundingBox())!;
    await diagram.click({ position: { x: box.width * 0.7, y: box.height * 0.3 } });
    await field(page, 'kind').input.selectOption({ label: 'Dent' });
    await field(page, 'note').input.fill('右前翼子板凹陷');
    await checkIn.getByRole('button', { name: 'Save mark' }).click();
    await expect(checkIn.getByRole('table', { name: 'Damage marks' })).toContainText('右前翼子板凹陷');

    await field(page, 'caption').input.fill('右前翼子板');
    await field(page, 'dataBase64').input.setInputFiles({
      name: 'wing.png',
      mimeType: 'image/png',
      buffer: solidPng(16, [30, 60, 200]),
    });
    await checkIn.getByRole('button', { name: 'Upload the photo' }).click();
    await expect(checkIn.getByRole('img', { name: 'Check-in photo 1: 右前翼子板' })).toBeVisible();
    expect(count(desk, 'check_in_photos')).toBe(1);
  });

  await test.step('the repair job is priced from the catalogue and the 10,000 km package is added as a job', async () => {
    const job1 = page.getByRole('region', { name: 'Job 1' });
    await job1.getByRole('button', { name: 'Add labor' }).click();
    await page.getByRole('searchbox', { name: 'Find an operation by code or name…' }).fill('brake pads');
    await page.getByRole('button', { name: /BR-FPAD/ }).click();
    await expect(job1.getByRole('table', { name: 'Lines of Job 1' })).toContainText('Replace front brake pads');

    await page.getByRole('button', { name: 'Add maintenance package' }).click();
    await page
      .getByRole('list', { name: 'Active maintenance packages' })
      .getByRole('button', { name: /PKG-10K/ })
      .click();
    await expect(page.getByRole('region', { name: 'Job 2' })).toContainText('10000公里保养');
  });

  await test.step('the estimate prints to a PDF holding the plate and the Chinese job names', async () => {
    await page.getByRole('link', { name: 'Print estimate' }).click();
    await expect(page.getByText('维修估价单').first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const text = compactPdfText(pdf);
    expect(text).toContain(car.plate);
    expect(text).toContain(roNumber);
    expect(text).toContain('10000公里保养');
    expect(text).toContain('更换前刹车片');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: `Repair order ${roNumber}` })).toBeVisible();
  });

  await test.step('the customer approves the package and declines the brake job, signing on the screen', async () => {
    const form = page.getByRole('form', { name: 'Customer authorisation' });
    await form
      .getByRole('group', { name: `Job 1: ${BRAKE_CONCERN}` })
      .getByRole('radio', { name: 'Decline' })
      .check();
    await form.getByRole('group', { name: 'Job 2: 10000公里保养' }).getByRole('radio', { name: 'Approve' }).check();
    const pad = page.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 90);
    await page.mouse.down();
    for (const [dx, dy] of [
      [80, 40],
      [130, 110],
      [200, 50],
    ] as const) {
      await page.mouse.move(box.x + dx, box.y + dy, { steps: 5 });
    }
    await page.mouse.up();
    await form.getByRole('button', { name: 'Record authorisation' }).click();
    await expect(page.getByTestId('job-authorisation-1')).toHaveText('Declined');
    await expect(page.getByTestId('job-authorisation-2')).toHaveText('Approved');
    expect(count(desk, 'declined_work')).toBe(1);
  });

  await test.step('at the car’s next booking the declined brake job is offered and taken into the concerns', async () => {
    await startBooking(page, car.plate, '14:00');
    const offered = page.getByRole('list', { name: 'Declined work from earlier visits' });
    await expect(offered.getByRole('listitem')).toHaveCount(1);
    await expect(offered).toContainText(BRAKE_CONCERN);
    await expect(offered).toContainText(`Declined on ${roNumber}`);
    await offered.getByRole('button', { name: 'Add to concerns' }).click();
    await expect(field(page, 'concerns.0.text').input).toHaveValue(BRAKE_CONCERN);
    const before = count(desk, 'appointments');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByTestId('appt-status')).toHaveText('Booked');
    expect(count(desk, 'appointments')).toBe(before + 1);
  });
});
