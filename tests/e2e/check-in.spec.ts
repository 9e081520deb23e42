import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { solidPng } from '../fixtures/png';
import { expect, field, signInAs, test, type Desk } from './fixtures';

/** A demo car with a current owner and a mileage reading on file, and that last reading. */
function carWithReading(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select v.id as vehicleId,
              (select km from vehicle_mileage m where m.vehicle_id = v.id order by m.recorded_at desc, m.id desc limit 1) as lastKm
         from vehicles v
         join vehicle_ownerships o on o.vehicle_id = v.id and o.to_at is null
         join customers c on c.id = o.customer_id and c.merged_into_id is null
        where exists (select 1 from vehicle_mileage m where m.vehicle_id = v.id)
        order by v.id limit 1`,
    )
    .get() as { vehicleId: number; lastKm: number };
}

function rows(
  desk: Desk,
  table: 'vehicle_mileage' | 'repair_order_check_ins' | 'check_in_damage_marks' | 'check_in_photos',
): number {
  return (desk.core.deps.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

function checkInSection(page: Page) {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Check-in' }) });
}

test('an advisor checks a car in: a lower mileage is refused, then the reading, a damage mark and a photo stay after a reload', async ({
  page,
  desk,
}) => {
  const car = carWithReading(desk);
  const concern = '开空调时有“嗡嗡”声，怠速时更明显';
  await signInAs(page, desk, 'advisor');

  await test.step('an RO with the customer’s own words', async () => {
    await page.goto(`${desk.url}/#/repair-orders/new?vehicleId=${car.vehicleId}`);
    await field(page, 'concerns.0.text').input.fill(concern);
    await page.getByRole('button', { name: 'Create repair order' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Repair order RO\d{4}-\d{6}$/ })).toBeVisible();
  });

  const panel = checkInSection(page);
  await test.step('the check-in shows the concern verbatim and the vehicle’s last reading', async () => {
    await expect(panel.getByRole('list', { name: 'Customer’s concerns (verbatim)' })).toHaveText(`“${concern}”`);
    await expect(panel.getByTestId('check-in-last-reading')).toHaveText(
      `Last reading on file: ${car.lastKm.toLocaleString('en-US')} km`,
    );
    await expect(panel).toContainText('can only be recorded by the after-sales manager');
  });

  await test.step('a reading below the last one is refused next to the mileage; nothing is written', async () => {
    const before = { mileage: rows(desk, 'vehicle_mileage'), checkIns: rows(desk, 'repair_order_check_ins') };
    await field(page, 'mileageKm').input.fill(String(car.lastKm - 1));
    await field(page, 'fuelEighths').input.selectOption({ label: '1/2' });
    await panel.getByRole('button', { name: 'Save check-in' }).click();
    await expect(field(page, 'mileageKm').error).toHaveText(
      `is lower than the last recorded ${car.lastKm.toLocaleString('en')} km`,
    );
    expect(rows(desk, 'vehicle_mileage')).toBe(before.mileage);
    expect(rows(desk, 'repair_order_check_ins')).toBe(before.checkIns);
  });

  const newKm = car.lastKm + 1500;
  await test.step('the right reading is recorded: on the check-in and on the RO', async () => {
    await field(page, 'mileageKm').input.fill(String(newKm));
    await field(page, 'valuables').input.fill('行车记录仪');
    await panel.getByRole('button', { name: 'Save check-in' }).click();
    await expect(panel.getByTestId('check-in-mileage')).toHaveText(`${newKm.toLocaleString('en-US')} km`);
    await expect(panel.getByTestId('check-in-fuel')).toHaveText('1/2');
    await expect(page.locator('.facts').first()).toContainText(`${newKm.toLocaleString('en-US')} km`);
  });

  await test.step('a click on the diagram places mark 1 with its note', async () => {
    const diagram = panel.getByTestId('walk-around-diagram');
    const box = (await diagram.boundingBox())!;
    // The left front door: a quarter in from the left, 44% down from the front.
    await diagram.click({ position: { x: box.width * 0.33, y: box.height * 0.44 } });
    await expect(panel.getByTestId('pending-mark')).toBeVisible();
    await expect(field(page, 'place').input).toHaveValue('clicked');
    await field(page, 'kind').input.selectOption({ label: 'Dent' });
    await field(page, 'note').input.fill('左前门凹陷约2cm');
    await panel.getByRole('button', { name: 'Save mark' }).click();
    const marks = panel.getByRole('table', { name: 'Damage marks' });
    await expect(marks.locator('tbody tr')).toHaveCount(1);
    await expect(marks.locator('thead th').nth(1)).toHaveText('Area');
    await expect(marks.locator('tbody tr').first().locator('td').nth(1)).toHaveText('Left front door');
    await expect(marks.locator('tbody tr').first()).toContainText('Dent');
    await expect(marks.locator('tbody tr').first()).toContainText('左前门凹陷约2cm');
    await expect(diagram.locator('[data-mark-number="1"]')).toHaveCount(1);
    const stored = desk.core.deps.sqlite.prepare('select x_permille as x, y_permille as y from check_in_damage_marks').get() as {
      x: number;
      y: number;
    };
    expect(stored.x).toBeGreaterThan(300);
    expect(stored.x).toBeLessThan(360);
    expect(stored.y).toBeGreaterThan(410);
    expect(stored.y).toBeLessThan(470);
  });

  const png = solidPng(24, [220, 30, 30]);
  await test.step('a photo chosen first and captioned after is uploaded with its caption and shown as a thumbnail', async () => {
    await field(page, 'dataBase64').input.setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: png });
    await expect(field(page, 'dataBase64').label).toContainText('door.png');
    expect(rows(desk, 'check_in_photos')).toBe(0);
    await field(page, 'caption').input.fill('左前门');
    await panel.getByRole('button', { name: 'Upload the photo' }).click();
    await expect(panel.getByRole('img', { name: 'Check-in photo 1: 左前门' })).toBeVisible();
    await expect(field(page, 'caption').input).toHaveValue('');
    expect(rows(desk, 'check_in_photos')).toBe(1);
  });

  await test.step('after a reload the mark, its note and the photo are still there; the file is under the desk’s files folder', async () => {
    await page.reload();
    await expect(panel.getByTestId('check-in-mileage')).toHaveText(`${newKm.toLocaleString('en-US')} km`);
    await expect(panel.getByRole('table', { name: 'Damage marks' })).toContainText('左前门凹陷约2cm');
    await expect(panel.getByTestId('walk-around-diagram').locator('[data-mark-number="1"]')).toHaveCount(1);
    const thumbnail = panel.getByRole('img', { name: 'Check-in photo 1: 左前门' });
    await expect(thumbnail).toBeVisible();
    await expect
      .poll(() =>
        thumbnail.evaluate((img) => {
          // The picture decoded: a broken blob URL gives no natural width.
          const image = img as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        }),
      )
      .toBe(24);
    await expect(thumbnail).toHaveAttribute('src', /^blob:/);

    const { relative_path: relativePath } = desk.core.deps.sqlite.prepare('select relative_path from check_in_photos').get() as {
      relative_path: string;
    };
    expect(desk.core.deps.filesDir).toBe(join(desk.core.file, '..', 'files'));
    const file = join(desk.core.deps.filesDir, ...relativePath.split('/'));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).equals(png)).toBe(true);
  });

  await test.step('removing the photo asks first; once confirmed, the photo and its file are gone', async () => {
    const { relative_path: relativePath } = desk.core.deps.sqlite.prepare('select relative_path from check_in_photos').get() as {
      relative_path: string;
    };
    await panel.getByRole('button', { name: 'Remove photo 1' }).click();
    const ask = panel.getByRole('dialog', { name: 'Remove this photo? Its file is deleted.' });
    await ask.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(panel.getByRole('img', { name: 'Check-in photo 1: 左前门' })).toHaveCount(0);
    expect(rows(desk, 'check_in_photos')).toBe(0);
    expect(existsSync(join(desk.core.deps.filesDir, ...relativePath.split('/')))).toBe(false);
  });
});

test('a technician sees the check-in but cannot change it; a mark can be placed by area without a mouse', async ({
  page,
  desk,
}) => {
  const car = carWithReading(desk);
  const advisor = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const client = desk.core.client(advisor.token);
  const ro = await client.repairOrders.create({ vehicleId: car.vehicleId, concerns: ['左后轮胎压报警'] });
  await client.repairOrders.checkIn({ id: ro.id, version: ro.version, mileageKm: car.lastKm + 10, fuelEighths: 8 });

  await test.step('the advisor marks the rear bumper from the area list, by keyboard', async () => {
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    const panel = checkInSection(page);
    await expect(panel.getByTestId('check-in-fuel')).toHaveText('F (full)');
    // Another section of the page writes to the RO first (a new version): the mark must not be refused as stale.
    await page.getByRole('button', { name: 'Add job', exact: true }).click();
    await field(page, 'concern').input.fill('雨刮器刮不干净');
    await page.getByRole('button', { name: 'Add job', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Job 2' })).toContainText('雨刮器刮不干净');
    await field(page, 'place').input.selectOption({ label: 'Rear bumper' });
    await field(page, 'kind').input.selectOption({ label: 'Scratch' });
    await field(page, 'note').input.fill('后保险杠划痕');
    await field(page, 'note').input.press('Enter');
    await expect(panel.getByRole('table', { name: 'Damage marks' })).toContainText('后保险杠划痕');
    const stored = desk.core.deps.sqlite
      .prepare('select x_permille as x, y_permille as y from check_in_damage_marks where repair_order_id = ?')
      .get(ro.id);
    expect(stored).toEqual({ x: 500, y: 910 });
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  await test.step('the technician reads it, with no form and no remove button', async () => {
    await signInAs(page, desk, 'technician');
    await page.goto(`${desk.url}/#/repair-orders/${ro.id}`);
    const panel = checkInSection(page);
    await expect(panel.getByTestId('check-in-mileage')).toHaveText(`${(car.lastKm + 10).toLocaleString('en-US')} km`);
    await expect(panel.getByRole('table', { name: 'Damage marks' })).toContainText('后保险杠划痕');
    await expect(panel.getByRole('button', { name: 'Correct check-in' })).toHaveCount(0);
    await expect(panel.getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await expect(panel.locator('input[type="file"]')).toHaveCount(0);
  });
});
