import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleDetail } from '../../shared/contract/vehicles';
import { openTestCore, type TestCore } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

/** One plate per suffix character (Hong Kong/Macau cross-border, learner, police, consulate, trailer, test, over-size, embassy). */
const PLATES = [
  '粤B1234学',
  '粤Z0001港',
  '粤Z0002澳',
  '京A0003警',
  '沪A0004领',
  '津B0005挂',
  '苏E0006试',
  '浙C0007超',
  '京A0008使',
];

let t: TestCore;
let advisor: SignedIn;
const cars = new Map<string, VehicleDetail>();

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  for (const [i, plate] of PLATES.entries()) {
    const owner = await makeCustomer(advisor.client, { name: `车主${i}` });
    cars.set(plate, await makeVehicle(advisor.client, owner.id, { plate }));
  }
  // A background car whose serial starts the same way as the learner plate's.
  const other = await makeCustomer(advisor.client, { name: '别人' });
  await makeVehicle(advisor.client, other.id, { plate: '京C12345' });
});
afterAll(async () => {
  await t?.close();
});

async function found(q: string): Promise<number[]> {
  const { rows } = await advisor.client.customers.lookup({ q, limit: 50 });
  return rows.filter((r) => r.matchedBy === 'plate').map((r) => r.vehicleId ?? 0);
}

describe('plates that end in a Chinese character are found like every other plate', () => {
  it.each(PLATES)('%s: as typed, without its province character, and by the start of its serial', async (plate) => {
    const car = cars.get(plate)!;
    const serial = plate.slice(1);
    expect(await found(plate)).toEqual([car.id]);
    expect(await found(serial)).toEqual([car.id]);
    expect(await found(serial.toLowerCase())).toEqual([car.id]);
    expect(await found(`${serial.slice(0, 2)} ${serial.slice(2)}`)).toEqual([car.id]);
    expect(await found(serial.slice(0, 4))).toContain(car.id);
  });

  it('"B1234学" finds 粤B1234学 and "B123" finds it too', async () => {
    const car = cars.get('粤B1234学')!;
    expect(await found('B1234学')).toEqual([car.id]);
    expect(await found('B123')).toEqual([car.id]);
  });

  it('a suffix character where it does not belong reads as no plate', async () => {
    expect(await found('学B1234')).toEqual([]);
    expect(await found('B12学34')).toEqual([]);
  });
});
