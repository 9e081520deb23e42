import { normalizeVin, vinCheckCharacter } from '../../shared/domain/vin';
import { countRows, expect, field, signInAs, test, type Desk } from './fixtures';

/** A 17-character VIN with the given check character at position 9 ('ok' = the one the VIN calls for). */
function vinWith(check: 'ok' | 'wrong', serial: string): string {
  const draft = normalizeVin(`LFV3A23C0J3${serial}`);
  const right = vinCheckCharacter(draft);
  const wrong = right === '1' ? '2' : '1';
  const vin = `${draft.slice(0, 8)}${check === 'ok' ? right : wrong}${draft.slice(9)}`;
  expect(vin).toHaveLength(17);
  return vin;
}

/** A demo customer who owns a car, with that car and its last odometer reading. */
function ownerWithCar(desk: Desk) {
  return desk.core.deps.sqlite
    .prepare(
      `select c.id as customerId, c.name, v.id as vehicleId, v.plate, v.colour,
              (select max(m.km) from vehicle_mileage m where m.vehicle_id = v.id) as lastKm
         from customers c
         join vehicle_ownerships o on o.customer_id = c.id and o.to_at is null
         join vehicles v on v.id = o.vehicle_id
        where c.merged_into_id is null and c.kind = 'person' and v.plate <> ''
        order by c.id limit 1`,
    )
    .get() as { customerId: number; name: string; vehicleId: number; plate: string; colour: string; lastKm: number | null };
}

test.describe('customer files', () => {
  test('a new customer: a bad phone and an empty name are refused in place, then the file is created', async ({ page, desk }) => {
    await signInAs(page, desk, 'advisor');
    await page.getByRole('link', { name: 'New customer' }).click();
    await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
    const before = countRows(desk, 'customers');

    const name = field(page, 'name');
    const phone = field(page, 'phones.0.number');
    await name.input.fill('Zhao Wei');
    await phone.input.fill('138-abcd-5678');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(phone.caption).toHaveText('Phone');
    await expect(phone.error).toHaveText('may only hold digits, spaces, dashes and a leading +');
    await expect(name.error).toHaveCount(0);
    expect(countRows(desk, 'customers')).toBe(before);

    await phone.input.fill('138-1234-5678');
    await name.input.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(name.caption).toHaveText('Name');
    await expect(name.error).toHaveText('is required');
    await expect(phone.error).toHaveCount(0);
    expect(countRows(desk, 'customers')).toBe(before);

    await name.input.fill('Zhao Wei');
    await field(page, 'email').input.fill('zhao.wei@example.com');
    await page.getByLabel('The customer agrees to be contacted (follow-up calls, reminders)').check();
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Zhao Wei' })).toBeVisible();
    await expect(page.locator('.facts')).toContainText('13812345678');
    await expect(page.locator('.facts')).toContainText('zhao.wei@example.com');
    await expect(page.getByTestId('consent')).toContainText('Agrees to be contacted');
    await expect(page.getByText('No vehicles on file.')).toBeVisible();
    expect(countRows(desk, 'customers')).toBe(before + 1);
  });

  test('a vehicle: a short VIN is refused, a failing check digit must be accepted, and the file lists the car', async ({
    page,
    desk,
  }) => {
    const owner = ownerWithCar(desk);
    const shortVin = vinWith('ok', '000042').slice(0, 16);
    const importedVin = vinWith('wrong', '000042');
    const plate = '琼BE2E01';
    const taken = desk.core.deps.sqlite
      .prepare('select count(*) as n from vehicles where vin = ? or plate = ?')
      .get(importedVin, plate) as { n: number };
    expect(taken.n, 'VIN and plate are new to the demo database').toBe(0);

    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/customers/${owner.customerId}`);
    await page.getByRole('link', { name: 'Add vehicle' }).click();
    await expect(page.getByRole('heading', { name: `New vehicle for ${owner.name}` })).toBeVisible();
    const before = countRows(desk, 'vehicles');

    const vin = field(page, 'vin');
    await vin.input.fill(shortVin);
    await field(page, 'plate').input.fill('琼b e2e01');
    await field(page, 'make').input.fill('Toyota');
    await field(page, 'model').input.fill('Corolla');
    await field(page, 'colour').input.fill('White');
    await field(page, 'mileageKm').input.fill('12000');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(vin.caption).toHaveText('VIN');
    await expect(vin.error).toHaveText('must have 17 characters (this one has 16)');
    await expect(page.getByTestId('vin-warning')).toHaveCount(0);
    expect(countRows(desk, 'vehicles')).toBe(before);

    // The warning shows as soon as the VIN is typed, before anything is saved.
    await vin.input.fill(importedVin.toLowerCase());
    const warning = page.getByTestId('vin-warning');
    await expect(warning).toContainText('The check digit of this VIN is not valid.');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(vin.error).toHaveText(
      'check digit (9th character) is not valid: check the VIN, or confirm it is an imported vehicle',
    );
    expect(countRows(desk, 'vehicles')).toBe(before);

    await warning.getByLabel('The VIN is right as typed (imported vehicle): save it anyway').check();
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `${plate} · Toyota Corolla` })).toBeVisible();
    await expect(page.getByTestId('vin-unverified')).toHaveText('VIN check digit not valid (accepted as imported)');
    await expect(page.locator('.facts')).toContainText(importedVin);
    await expect(page.locator('.facts')).toContainText('12,000 km');
    expect(countRows(desk, 'vehicles')).toBe(before + 1);

    await page.getByRole('link', { name: owner.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: owner.name })).toBeVisible();
    const car = page.locator('.vehicle-list li').filter({ hasText: plate });
    await expect(car).toContainText('Toyota Corolla');
    await expect(car).toContainText(importedVin);
  });

  test('editing a file and its car, mileage readings and a note', async ({ page, desk }) => {
    const owner = ownerWithCar(desk);
    const km = (owner.lastKm ?? 0) + 1000;
    const colour = owner.colour === 'Pearl white' ? 'Deep blue' : 'Pearl white';
    await signInAs(page, desk, 'advisor');
    await page.goto(`${desk.url}/#/customers/${owner.customerId}`);
    await expect(page.getByRole('heading', { level: 1, name: owner.name })).toBeVisible();

    await test.step('the name is changed', async () => {
      await page.getByRole('link', { name: 'Edit' }).click();
      await expect(page.getByRole('heading', { name: 'Edit customer' })).toBeVisible();
      await expect(field(page, 'name').input).toHaveValue(owner.name);
      await field(page, 'name').input.fill(`${owner.name} Jr`);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${owner.name} Jr` })).toBeVisible();
    });

    await test.step('a note is added', async () => {
      const before = countRows(desk, 'customer_notes');
      await page.getByRole('textbox', { name: 'Add note' }).fill('Prefers morning appointments.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await expect(page.locator('.notes li').first()).toContainText('Prefers morning appointments.');
      await expect(page.getByRole('textbox', { name: 'Add note' })).toHaveValue('');
      expect(countRows(desk, 'customer_notes')).toBe(before + 1);
    });

    await test.step('the car’s colour is changed', async () => {
      await page.locator('.vehicle-list li').filter({ hasText: owner.plate }).getByRole('link').click();
      await page.getByRole('link', { name: 'Edit' }).click();
      await expect(page.getByRole('heading', { name: 'Edit vehicle' })).toBeVisible();
      await field(page, 'colour').input.fill(colour);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${owner.plate} · `) })).toBeVisible();
      await expect(page.locator('.facts')).toContainText(colour);
    });

    await test.step('a mileage is recorded, and a lower one is refused', async () => {
      const before = countRows(desk, 'vehicle_mileage');
      const reading = page.getByRole('spinbutton', { name: 'Mileage (km)' });
      await reading.fill(String(km));
      await page.getByRole('button', { name: 'Record' }).click();
      const shown = `${km.toLocaleString('en-US')} km`;
      await expect(page.locator('.facts')).toContainText(shown);
      await expect(page.locator('.plain li').filter({ hasText: shown })).toContainText('recorded');
      expect(countRows(desk, 'vehicle_mileage')).toBe(before + 1);

      await reading.fill(String(km - 500));
      await page.getByRole('button', { name: 'Record' }).click();
      await expect(page.getByRole('alert')).toHaveText(
        `Mileage (km): is lower than the last recorded ${km.toLocaleString('en')} km`,
      );
      expect(countRows(desk, 'vehicle_mileage')).toBe(before + 1);
      await expect(page.locator('.facts')).toContainText(shown);
    });
  });
});
