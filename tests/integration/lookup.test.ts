import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupRow } from '../../shared/contract/customers';
import type { VehicleDetail } from '../../shared/contract/vehicles';
import type { CustomerDetail } from '../../shared/contract/customers';
import { planLookup } from '../../electron/core/customers/lookup-plan';
import { lookupQuery } from '../../electron/core/customers/lookup-repository';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle, validVin } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

const GENERATED = 30;

let t: TestCore;
let advisor: SignedIn;
let zhang: CustomerDetail;
let zhangCar: VehicleDetail;
let wang: CustomerDetail;
let wangCar: VehicleDetail;
let zhao: CustomerDetail;
let rankOwner: CustomerDetail;
let rankCar: VehicleDetail;
let tailCar: VehicleDetail;
let fleet: CustomerDetail;
let seller: CustomerDetail;
let buyer: CustomerDetail;
let soldCar: VehicleDetail;
const generated: { customer: CustomerDetail; car: VehicleDetail }[] = [];

beforeAll(async () => {
  t = await openTestCore();
  advisor = await signIn(t.core, 'advisor');
  const c = advisor.client;

  // Background: 30 owners named 车主01..车主30, one car each (factory VINs and 京A plates).
  for (let i = 1; i <= GENERATED; i++) {
    const customer = await makeCustomer(c, { name: `车主${String(i).padStart(2, '0')}` });
    generated.push({ customer, car: await makeVehicle(c, customer.id) });
  }

  zhang = await makeCustomer(c, { name: '张三丰', phones: [{ number: '139 1234 5678' }] });
  zhangCar = await makeVehicle(c, zhang.id, { vin: validVin('LGBH52E0', '5Y123456'), plate: '粤B·D1 2345', fuelType: 'bev' });

  wang = await makeCustomer(c, { name: 'Wang Lei', phones: [{ number: '13987650001' }] });
  wangCar = await makeVehicle(c, wang.id, { plate: '沪C12345' });

  zhao = await makeCustomer(c, {
    name: '赵无车',
    phones: [{ number: '13600000000' }, { number: '010 6000 0000', label: 'home' }],
  });

  // A VIN ending in the same 8 digits as 张三丰's phone, and one ending in 沪C12345's serial.
  rankOwner = await makeCustomer(c, { name: 'Ranking Owner' });
  rankCar = await makeVehicle(c, rankOwner.id, { vin: validVin('LSGPC52U', '12345678') });
  tailCar = await makeVehicle(c, rankOwner.id, { vin: validVin('LSVAU218', '00C12345') });
  // A fleet whose name starts with a VIN (it is how some fleets file their cars).
  fleet = await makeCustomer(c, { kind: 'company', name: `${rankCar.vin} 车队` });

  seller = await makeCustomer(c, { name: '旧车主' });
  buyer = await makeCustomer(c, { name: '新车主' });
  soldCar = await makeVehicle(c, seller.id, { plate: '津A77777' });
  await c.vehicles.transferOwner({ vehicleId: soldCar.id, newOwnerId: buyer.id });
});
afterAll(async () => {
  await t?.close();
});

async function lookup(q: string, page: { offset?: number; limit?: number } = {}) {
  return advisor.client.customers.lookup({ q, ...page });
}

function rowOf(customer: CustomerDetail, car: VehicleDetail | null, matchedBy: LookupRow['matchedBy']): LookupRow {
  return {
    customerId: customer.id,
    customerName: customer.name,
    phone: customer.phones[0]?.number ?? null,
    vehicleId: car?.id ?? null,
    plate: car?.plate ?? null,
    vin: car?.vin ?? null,
    makeModel: car ? `${car.make} ${car.model}` : null,
    matchedBy,
    openCampaign: false,
  };
}

describe('look-up: each kind of text finds the right customer and car', () => {
  it('a full plate typed with spaces, a middle dot and lower case', async () => {
    expect(await lookup('粤b d1 2345')).toEqual({ rows: [rowOf(zhang, zhangCar, 'plate')], hasMore: false });
    expect((await lookup('粤B·D12345')).rows).toEqual([rowOf(zhang, zhangCar, 'plate')]);
  });

  it('a plate without its province character', async () => {
    expect((await lookup('bd12345')).rows).toEqual([rowOf(zhang, zhangCar, 'plate')]);
    expect((await lookup('BD1')).rows.map((r) => r.vehicleId)).toEqual([zhangCar.id]);
  });

  it('the start of a plate lists the cars whose plate starts so', async () => {
    const { rows } = await lookup('京A', { limit: 200 });
    // The factory gives every car a 京A plate unless told otherwise: the 30 generated cars and the two ranking cars.
    const expected = [...generated.map((g) => g.car), rankCar, tailCar].sort((a, b) => (a.plate < b.plate ? -1 : 1));
    expect(rows.map((r) => r.plate)).toEqual(expected.map((car) => car.plate));
    expect(rows.every((r) => r.matchedBy === 'plate')).toBe(true);
  });

  it('a full VIN, in lower case and with spaces', async () => {
    const typed = `${zhangCar.vin.slice(0, 8).toLowerCase()} ${zhangCar.vin.slice(8).toLowerCase()}`;
    expect((await lookup(typed)).rows).toEqual([rowOf(zhang, zhangCar, 'vin')]);
  });

  it('the last 6 and the last 8 characters of a VIN', async () => {
    expect(zhangCar.vin.endsWith('5Y123456')).toBe(true);
    expect((await lookup('123456')).rows).toEqual([rowOf(zhang, zhangCar, 'vin')]);
    expect((await lookup('5y123456')).rows).toEqual([rowOf(zhang, zhangCar, 'vin')]);
  });

  it('the last 4 digits of a phone', async () => {
    expect((await lookup('5678')).rows).toEqual([rowOf(zhang, zhangCar, 'phone')]);
  });

  it('a full phone number, however it is written', async () => {
    expect((await lookup('139-1234-5678')).rows).toEqual([rowOf(zhang, zhangCar, 'phone')]);
    expect((await lookup('13912345678')).rows).toEqual([rowOf(zhang, zhangCar, 'phone')]);
    expect((await lookup('+86 139 8765 0001')).rows).toEqual([]);
  });

  it('the start of a Chinese name', async () => {
    expect((await lookup('张三')).rows).toEqual([rowOf(zhang, zhangCar, 'name')]);
    expect((await lookup('张')).rows).toEqual([rowOf(zhang, zhangCar, 'name')]);
    expect((await lookup('三丰')).rows).toEqual([]);
  });

  it('the start of a Latin name in another case and spacing', async () => {
    expect((await lookup('wang')).rows).toEqual([rowOf(wang, wangCar, 'name')]);
    expect((await lookup('WANG   l')).rows).toEqual([rowOf(wang, wangCar, 'name')]);
    expect((await lookup('wAnG lEi')).rows).toEqual([rowOf(wang, wangCar, 'name')]);
  });

  it('text that matches nothing finds nothing', async () => {
    expect(await lookup('ZZZZ9999')).toEqual({ rows: [], hasMore: false });
    expect(await lookup('   ')).toEqual({ rows: [], hasMore: false });
    expect(await lookup('%')).toEqual({ rows: [], hasMore: false });
  });

  it('refuses a page bigger than allowed and a text longer than the box', async () => {
    await expectApiError(advisor.client.customers.lookup({ q: '京A', limit: 201 }), 'INVALID_INPUT', { field: 'limit' });
    await expectApiError(advisor.client.customers.lookup({ q: 'x'.repeat(61) }), 'INVALID_INPUT', {
      field: 'q',
      reason: 'tooLong',
    });
  });
});

describe('look-up: ranking', () => {
  it('an exact VIN comes first, before a name that starts with the same text', async () => {
    const { rows } = await lookup(rankCar.vin);
    expect(rows).toEqual([rowOf(rankOwner, rankCar, 'vin'), rowOf(fleet, null, 'name')]);
  });

  it('a plate comes before a VIN tail', async () => {
    const { rows } = await lookup('c12345');
    expect(rows).toEqual([rowOf(wang, wangCar, 'plate'), rowOf(rankOwner, tailCar, 'vin')]);
  });

  it('a VIN tail comes before a phone tail', async () => {
    const { rows } = await lookup('12345678');
    expect(rows).toEqual([rowOf(rankOwner, rankCar, 'vin'), rowOf(zhang, zhangCar, 'phone')]);
  });
});

describe('look-up: lines', () => {
  it('a customer without a car appears once, even when two of their phones match', async () => {
    const expected = rowOf(zhao, null, 'phone');
    expect((await lookup('0000')).rows.filter((r) => r.customerId === zhao.id)).toEqual([expected]);
    expect((await lookup('赵')).rows).toEqual([rowOf(zhao, null, 'name')]);
  });

  it('a customer with two cars has one line per car', async () => {
    const { rows } = await lookup('Ranking');
    expect(rows.map((r) => r.vehicleId).sort()).toEqual([rankCar.id, tailCar.id].sort());
    expect(rows.every((r) => r.customerId === rankOwner.id && r.matchedBy === 'name')).toBe(true);
  });

  it('a car that changed hands shows the new owner; the old owner is still found, without the car', async () => {
    expect((await lookup('津a 77777')).rows).toEqual([rowOf(buyer, soldCar, 'plate')]);
    expect((await lookup('旧车主')).rows).toEqual([rowOf(seller, null, 'name')]);
    expect((await lookup('新车主')).rows).toEqual([rowOf(buyer, soldCar, 'name')]);
  });
});

describe('look-up: paging', () => {
  it('limit and offset walk the results in order, each line once, and hasMore is false on the last page', async () => {
    const expected = generated.map(({ customer, car }) => rowOf(customer, car, 'name'));
    const pages = [];
    for (let offset = 0; offset < GENERATED; offset += 7) pages.push(await lookup('车主', { offset, limit: 7 }));
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, true, true, false]);
    expect(pages.map((p) => p.rows.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flatMap((p) => p.rows)).toEqual(expected);
  });

  it('hasMore tells an exactly full page from one with more behind it', async () => {
    expect((await lookup('车主', { limit: GENERATED })).hasMore).toBe(false);
    expect((await lookup('车主', { limit: GENERATED - 1 })).hasMore).toBe(true);
    expect(await lookup('车主', { offset: GENERATED, limit: 5 })).toEqual({ rows: [], hasMore: false });
  });

  it('the default page is 20 lines', async () => {
    const page = await lookup('车主');
    expect(page.rows).toHaveLength(20);
    expect(page.hasMore).toBe(true);
  });

  it('paging through a phone tail shared by many customers shows every customer exactly once', async () => {
    const names: string[] = [];
    for (let d = 0; d < 6; d++) {
      const name = `Tail ${String.fromCharCode(70 - d)}`; // Tail F, Tail E, ... Tail A
      await makeCustomer(advisor.client, { name, phones: [{ number: `1380000${d}7777` }] });
      names.push(name);
    }
    const seen: string[] = [];
    for (let offset = 0; offset < 6; offset += 2) {
      const page = await lookup('7777', { offset, limit: 2 });
      seen.push(...page.rows.map((r) => r.customerName ?? ''));
    }
    // Phone matches come in the order of the phone tail's index; what matters is that none is lost or repeated.
    expect([...seen].sort()).toEqual([...names].sort());
  });
});

describe('look-up: every reading is an index search (EXPLAIN QUERY PLAN)', () => {
  const TABLES = new Set(['customers', 'vehicles', 'customer_phones', 'vehicle_ownerships', 'c', 'v', 'ph', 'p', 'o']);

  function queryPlan(q: string): string[] {
    const query = lookupQuery(t.core.deps.db, planLookup(q), 0, 20);
    if (!query) throw new Error(`no query for ${q}`);
    const { sql, parameters } = query.compile();
    const rows = t.core.deps.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as {
      detail: string;
    }[];
    return rows.map((r) => r.detail);
  }

  function tableScans(plan: string[]): string[] {
    return plan.filter((line) => {
      const match = /^SCAN (\S+)/.exec(line);
      return match !== null && TABLES.has(match[1]!);
    });
  }

  it.each([
    [
      'a plate without province',
      'BD12345',
      /USING (?:COVERING )?INDEX vehicles_plate_serial \(plate_serial>\? AND plate_serial<\?\)/,
    ],
    ['a full VIN', 'LGBH52E0X5Y123456', /USING (?:COVERING )?INDEX \S+ \(vin=\?\)/],
    ['a VIN tail', '5Y123456', /USING (?:COVERING )?INDEX vehicles_vin_rev \(vin_rev>\? AND vin_rev<\?\)/],
    ['a phone tail', '5678', /USING (?:COVERING )?INDEX customer_phones_number_rev \(number_rev>\? AND number_rev<\?\)/],
    ['a full phone', '13912345678', /USING (?:COVERING )?INDEX customer_phones_number_rev/],
    ['a Chinese name', '张三', /USING (?:COVERING )?INDEX customers_name_key \(name_key>\? AND name_key<\?\)/],
    ['a Latin name', 'wang lei', /USING (?:COVERING )?INDEX customers_name_key/],
  ])('%s (%s) uses its index and scans no table', (_label, q, index) => {
    const plan = queryPlan(q);
    expect(
      plan.some((line) => index.test(line)),
      plan.join('\n'),
    ).toBe(true);
    expect(tableScans(plan), plan.join('\n')).toEqual([]);
  });

  it('a full plate (京A12345) uses vehicles_plate and scans no table', () => {
    const plan = queryPlan('粤BD12345');
    expect(
      plan.some((line) => /USING (?:COVERING )?INDEX vehicles_plate \(plate>\? AND plate<\?\)/.test(line)),
      plan.join('\n'),
    ).toBe(true);
    expect(tableScans(plan), plan.join('\n')).toEqual([]);
  });
});
