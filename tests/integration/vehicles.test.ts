import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VehicleDetail } from '../../shared/contract/vehicles';
import { countAll, FIXED_NOW, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle, validVin, vinWithWrongCheck } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

// Sessions last 12 hours and every test starts at FIXED_NOW, so a test moves the clock by a few hours at most.
const HOUR = 3600_000;

let t: TestCore;
let advisor: SignedIn;
let technician: SignedIn;
let partsClerk: SignedIn;
let ownerId: number;
beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  technician = await signIn(t.core, 'technician');
  partsClerk = await signIn(t.core, 'parts_clerk');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.set(FIXED_NOW);
});

function updateFields(v: VehicleDetail) {
  return {
    id: v.id,
    version: v.version,
    vin: v.vin,
    plate: v.plate,
    make: v.make,
    model: v.model,
    year: v.year,
    colour: v.colour,
    fuelType: v.fuelType,
    engine: v.engine,
    purchaseDate: v.purchaseDate,
    invoiceDate: v.invoiceDate,
    acceptVinWarning: !v.vinCheckDigitOk,
  };
}

describe('vehicles: create', () => {
  it('saves a car with its owner, normalised VIN and plate, and its registration mileage', async () => {
    const vin = validVin('LFV2A215', 'K3000777');
    const v = await makeVehicle(advisor.client, ownerId, {
      vin: ` ${vin.toLowerCase().slice(0, 9)} ${vin.toLowerCase().slice(9)} `,
      plate: '粤b·d1 2345',
      fuelType: 'bev',
      mileageKm: 12_000,
      purchaseDate: '2024-05-01',
    });
    expect(v).toMatchObject({
      vin,
      vinCheckDigitOk: true,
      plate: '粤BD12345',
      plateKind: 'new_energy',
      newEnergy: true,
      mileageKm: 12_000,
      purchaseDate: '2024-05-01',
      version: 1,
      owners: [{ customerId: ownerId, from: FIXED_NOW, to: null }],
      mileage: [{ km: 12_000, recordedAt: FIXED_NOW, source: 'registration' }],
    });
    expect(await advisor.client.vehicles.get({ id: v.id })).toEqual(v);
    const owner = await advisor.client.customers.get({ id: ownerId });
    expect(owner.vehicles.map((x) => x.id)).toContain(v.id);
  });

  it('a car without a plate can be saved, and several such cars do not clash', async () => {
    const a = await makeVehicle(advisor.client, ownerId, { plate: '' });
    const b = await makeVehicle(advisor.client, ownerId, { plate: '  ' });
    expect([a.plate, b.plate]).toEqual(['', '']);
    expect(a.plateKind).toBe('unknown');
  });

  it('a 16-character VIN is refused on the vin field (vin.length) and nothing is written', async () => {
    const before = countAll(t.core);
    const vin = validVin('LSVAU218', 'N2999999').slice(0, 16);
    await expectApiError(makeVehicle(advisor.client, ownerId, { vin }), 'INVALID_INPUT', {
      field: 'vin',
      reason: 'vin.length',
      params: { length: 16 },
    });
    expect(countAll(t.core)).toEqual(before);
  });

  it('a VIN with I, O or Q is refused (vin.characters)', async () => {
    await expectApiError(makeVehicle(advisor.client, ownerId, { vin: 'LSVAU2189N200000O' }), 'INVALID_INPUT', {
      field: 'vin',
      reason: 'vin.characters',
    });
  });

  it('a VIN failing the check digit is refused with vin.checkDigit, then saved with the warning once accepted', async () => {
    const vin = vinWithWrongCheck(validVin('WVWZZZ1K', 'Z9W12345'));
    const before = countAll(t.core);
    await expectApiError(makeVehicle(advisor.client, ownerId, { vin }), 'INVALID_INPUT', {
      field: 'vin',
      reason: 'vin.checkDigit',
    });
    expect(countAll(t.core)).toEqual(before);

    const saved = await makeVehicle(advisor.client, ownerId, { vin, acceptVinWarning: true });
    expect(saved).toMatchObject({ vin, vinCheckDigitOk: false });
    expect((await advisor.client.vehicles.get({ id: saved.id })).vinCheckDigitOk).toBe(false);
  });

  it('a duplicate VIN is a CONFLICT on vin, however it is typed; nothing is written', async () => {
    const v = await makeVehicle(advisor.client, ownerId);
    const before = countAll(t.core);
    await expectApiError(
      makeVehicle(advisor.client, ownerId, { vin: v.vin.toLowerCase().replace(/(.{4})/g, '$1 ') }),
      'CONFLICT',
      {
        field: 'vin',
        reason: 'vin.duplicate',
      },
    );
    expect(countAll(t.core)).toEqual(before);
  });

  it('a duplicate plate is a CONFLICT on plate, however it is typed; nothing is written', async () => {
    const v = await makeVehicle(advisor.client, ownerId);
    const typed = `${v.plate.slice(0, 2).toLowerCase()}·${v.plate.slice(2, 5)} ${v.plate.slice(5)}`;
    const before = countAll(t.core);
    await expectApiError(makeVehicle(advisor.client, ownerId, { plate: typed }), 'CONFLICT', {
      field: 'plate',
      reason: 'plate.duplicate',
    });
    expect(countAll(t.core)).toEqual(before);
  });

  it('a model year after next year is refused; next year (a new model year) is accepted', async () => {
    // The clock stands in November 2026.
    const before = countAll(t.core);
    await expectApiError(makeVehicle(advisor.client, ownerId, { year: 2028 }), 'RULE', { field: 'year', reason: 'year.future' });
    expect(countAll(t.core)).toEqual(before);
    expect((await makeVehicle(advisor.client, ownerId, { year: 2027 })).year).toBe(2027);
  });

  it('a purchase date in the future is refused', async () => {
    await expectApiError(makeVehicle(advisor.client, ownerId, { purchaseDate: '2026-11-25' }), 'RULE', {
      field: 'purchaseDate',
      reason: 'date.future',
    });
    expect((await makeVehicle(advisor.client, ownerId, { purchaseDate: '2026-11-24' })).purchaseDate).toBe('2026-11-24');
  });

  it('an owner that does not exist is NOT_FOUND on ownerId', async () => {
    await expectApiError(makeVehicle(advisor.client, 999_999), 'NOT_FOUND', { field: 'ownerId' });
  });

  it('only advisors and managers register cars', async () => {
    const before = countAll(t.core);
    await expectApiError(makeVehicle(technician.client, ownerId), 'FORBIDDEN');
    await expectApiError(makeVehicle(partsClerk.client, ownerId), 'FORBIDDEN');
    expect(countAll(t.core)).toEqual(before);
  });
});

describe('vehicles: change of owner', () => {
  it('the history shows both owners; the old owner keeps the car under pastVehicles, the new one under vehicles', async () => {
    const seller = await makeCustomer(advisor.client, { name: '卖家' });
    const buyer = await makeCustomer(advisor.client, { name: '买家' });
    const car = await makeVehicle(advisor.client, seller.id);
    t.clock.advance(5 * HOUR);
    const sold = await advisor.client.vehicles.transferOwner({ vehicleId: car.id, newOwnerId: buyer.id });
    const when = t.clock.now().toISOString();
    expect(sold.owners).toEqual([
      { customerId: buyer.id, customerName: '买家', from: when, to: null },
      { customerId: seller.id, customerName: '卖家', from: FIXED_NOW, to: when },
    ]);
    expect(sold.version).toBe(car.version + 1);

    const sellerFile = await advisor.client.customers.get({ id: seller.id });
    expect(sellerFile.vehicles.map((v) => v.id)).not.toContain(car.id);
    expect(sellerFile.pastVehicles.map((v) => v.id)).toEqual([car.id]);
    const buyerFile = await advisor.client.customers.get({ id: buyer.id });
    expect(buyerFile.vehicles.map((v) => v.id)).toEqual([car.id]);
    expect(buyerFile.pastVehicles).toEqual([]);
  });

  it('a transfer to the current owner is refused and changes nothing', async () => {
    const car = await makeVehicle(advisor.client, ownerId);
    const before = countAll(t.core);
    await expectApiError(advisor.client.vehicles.transferOwner({ vehicleId: car.id, newOwnerId: ownerId }), 'RULE', {
      field: 'newOwnerId',
      reason: 'owner.same',
    });
    expect(countAll(t.core)).toEqual(before);
    expect(await advisor.client.vehicles.get({ id: car.id })).toEqual(car);
  });
});

describe('vehicles: mileage', () => {
  it('records readings in order; a lower reading is refused naming the last one', async () => {
    const car = await makeVehicle(advisor.client, ownerId, { mileageKm: 12_000 });
    t.clock.advance(HOUR);
    const read = await technician.client.vehicles.recordMileage({ vehicleId: car.id, km: 15_000 });
    expect(read.mileageKm).toBe(15_000);
    expect(read.mileage.map((m) => [m.km, m.source])).toEqual([
      [15_000, 'manual'],
      [12_000, 'registration'],
    ]);

    const before = countAll(t.core);
    await expectApiError(advisor.client.vehicles.recordMileage({ vehicleId: car.id, km: 14_999 }), 'RULE', {
      field: 'km',
      reason: 'mileage.lower',
      params: { last: 15_000 },
    });
    expect(countAll(t.core)).toEqual(before);
    expect((await advisor.client.vehicles.get({ id: car.id })).mileageKm).toBe(15_000);

    // The same reading again is not going backwards.
    expect((await advisor.client.vehicles.recordMileage({ vehicleId: car.id, km: 15_000 })).mileage).toHaveLength(3);
  });

  it('a parts clerk may not record mileage', async () => {
    const car = await makeVehicle(advisor.client, ownerId);
    await expectApiError(partsClerk.client.vehicles.recordMileage({ vehicleId: car.id, km: 10 }), 'FORBIDDEN');
    expect((await advisor.client.vehicles.get({ id: car.id })).mileage).toEqual([]);
  });
});

describe('vehicles: update', () => {
  it('saves with the version read; a save from an older version is a CONFLICT and the first save is kept', async () => {
    const car = await makeVehicle(advisor.client, ownerId);
    t.clock.advance(HOUR);
    const first = await advisor.client.vehicles.update({ ...updateFields(car), colour: '珍珠白', plate: '京B·88 888' });
    expect(first).toMatchObject({ colour: '珍珠白', plate: '京B88888', version: car.version + 1 });

    await expectApiError(advisor.client.vehicles.update({ ...updateFields(car), colour: '黑色' }), 'CONFLICT', {
      field: 'version',
      reason: 'staleVersion',
    });
    expect(await advisor.client.vehicles.get({ id: car.id })).toEqual(first);
    // The new plate is what the look-up finds.
    expect((await advisor.client.customers.lookup({ q: '京b 88888' })).rows.map((r) => r.vehicleId)).toEqual([car.id]);
  });

  it('a change of owner or a mileage reading also moves the version, so an edit begun before them is refused', async () => {
    const car = await makeVehicle(advisor.client, ownerId);
    await advisor.client.vehicles.recordMileage({ vehicleId: car.id, km: 100 });
    await expectApiError(advisor.client.vehicles.update({ ...updateFields(car), colour: '红色' }), 'CONFLICT', {
      field: 'version',
    });
  });

  it("an update may not take another car's VIN or plate", async () => {
    const a = await makeVehicle(advisor.client, ownerId);
    const b = await makeVehicle(advisor.client, ownerId);
    await expectApiError(advisor.client.vehicles.update({ ...updateFields(b), plate: a.plate }), 'CONFLICT', { field: 'plate' });
    await expectApiError(advisor.client.vehicles.update({ ...updateFields(b), vin: a.vin }), 'CONFLICT', { field: 'vin' });
    expect(await advisor.client.vehicles.get({ id: b.id })).toEqual(b);
    // Saving a car with its own plate and VIN is not a clash with itself.
    expect((await advisor.client.vehicles.update({ ...updateFields(b), colour: '灰' })).colour).toBe('灰');
  });

  it('an update to a VIN failing the check digit needs the warning accepted again', async () => {
    const car = await makeVehicle(advisor.client, ownerId);
    const bad = vinWithWrongCheck(car.vin);
    await expectApiError(
      advisor.client.vehicles.update({ ...updateFields(car), vin: bad, acceptVinWarning: false }),
      'INVALID_INPUT',
      {
        field: 'vin',
        reason: 'vin.checkDigit',
      },
    );
    const saved = await advisor.client.vehicles.update({ ...updateFields(car), vin: bad, acceptVinWarning: true });
    expect(saved).toMatchObject({ vin: bad, vinCheckDigitOk: false });
  });
});
