import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoanerCarDto } from '../../shared/contract/loaners';
import { licenceProblem } from '../../shared/domain/loaners';
import { countRows, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { beijing } from '../fixtures/repair-orders';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

/** A real citizen ID number (GB 11643 check character X): what a Chinese licence carries. */
const LICENCE = '11010519491231002X';
const LOAN_TABLES = ['loaner_cars', 'loaner_loans', 'loaner_loan_marks', 'audit_log'] as const;

let t: TestCore;
let advisor: SignedIn;
let manager: SignedIn;
let technician: SignedIn;
let ownerId: number;
let plateSeq = 0;
beforeAll(async () => {
  t = await openTestCore({ now: beijing('2026-11-02', '09:00') });
  advisor = await signIn(t.core, 'advisor');
  manager = await signIn(t.core, 'manager');
  technician = await signIn(t.core, 'technician');
  ownerId = (await makeCustomer(advisor.client)).id;
});
afterAll(async () => {
  await t?.close();
});

/** Moves the desk's clock; a jump of hours ends idle sessions, so both sign in again. */
async function at(iso: string): Promise<void> {
  t.clock.set(iso);
  const again = async (who: SignedIn): Promise<SignedIn> => {
    const session = await t.core.client().users.login({ username: who.session.user.username, password: PASSWORD });
    return { session, token: session.token, client: t.core.client(session.token) };
  };
  advisor = await again(advisor);
  manager = await again(manager);
}

const counts = () => Object.fromEntries(LOAN_TABLES.map((table) => [table, countRows(t.core, table)]));

async function newRo(): Promise<{ id: number; number: string }> {
  const vehicle = await makeVehicle(advisor.client, ownerId);
  return advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['变速箱换挡冲击'] });
}

async function newCar(mileageKm = 12_000): Promise<LoanerCarDto> {
  plateSeq += 1;
  return advisor.client.loaners.create({
    plate: `京a·d${String(plateSeq).padStart(4, '0')}`,
    model: '大众 朗逸',
    mileageKm,
    fuelEighths: 8,
  });
}

function lendArgs(
  car: LoanerCarDto,
  repairOrderId: number,
  extra: Partial<{ outMileageKm: number; licenceNumber: string }> = {},
) {
  return {
    carId: car.id,
    carVersion: car.version,
    repairOrderId,
    driverName: '张三',
    licenceNumber: extra.licenceNumber ?? LICENCE,
    outMileageKm: extra.outMileageKm ?? car.mileageKm,
    fuelEighths: 6,
    marks: [{ xPermille: 200, yPermille: 150, kind: 'scratch' as const, note: '左前翼子板' }],
    expectedReturnAt: beijing('2026-11-09', '17:00'),
  };
}

describe('the loaner fleet', () => {
  it('a plate is normalised and checked by the plate rules; a plate already in the fleet is refused', async () => {
    const car = await newCar();
    expect(car).toMatchObject({ plate: '京AD0001', status: 'available', mileageKm: 12_000, fuelEighths: 8, lentOn: null });
    await expectApiError(
      advisor.client.loaners.create({ plate: 'ABC', model: 'x', mileageKm: 1, fuelEighths: 8 }),
      'INVALID_INPUT',
      {
        field: 'plate',
        reason: 'loaner.plateFormat',
      },
    );
    await expectApiError(
      manager.client.loaners.create({ plate: '京AD0001', model: '别克 英朗', mileageKm: 1, fuelEighths: 8 }),
      'RULE',
      { field: 'plate', reason: 'loaner.plateTaken' },
    );
    await expectApiError(
      technician.client.loaners.create({ plate: '京AD9999', model: 'x', mileageKm: 1, fuelEighths: 8 }),
      'FORBIDDEN',
    );
  });

  it('licence numbers: an ID-shaped number needs its check character; 12 to 18 letters and digits otherwise', () => {
    expect(licenceProblem(` ${LICENCE.toLowerCase()} `)).toBeNull();
    expect(licenceProblem('110105194912310021')).toBe('checkDigit');
    expect(licenceProblem('AB1234567890')).toBeNull();
    expect(licenceProblem('AB12345')).toBe('format');
    expect(licenceProblem('AB-1234567890')).toBe('format');
  });
});

describe('lending and taking back', () => {
  it('lends a car against an open RO: the car is lent on that RO, its reading and fuel those it went out with, audited', async () => {
    const car = await newCar();
    const ro = await newRo();
    const told: unknown[] = [];
    const stop = t.core.deps.events.subscribe((change) => told.push(change));
    const loan = await advisor.client.loaners.lend(
      lendArgs(car, ro.id, { outMileageKm: 12_050, licenceNumber: ' 11010519491231002x ' }),
    );
    stop();
    // Other desks are told (the car's id), so their fleet list and this RO's page read again.
    expect(told).toEqual([{ area: 'loaners', id: car.id }]);
    expect(loan).toMatchObject({
      car: { id: car.id, plate: car.plate },
      repairOrder: { id: ro.id, number: ro.number },
      licenceNumber: LICENCE,
      out: { mileageKm: 12_050, fuelEighths: 6 },
      returned: null,
      daysLent: 1,
      marks: [{ number: 1, phase: 'out', kind: 'scratch' }],
    });
    const after = await advisor.client.loaners.get({ id: car.id });
    expect(after).toMatchObject({ status: 'lent', mileageKm: 12_050, fuelEighths: 6, lentOn: { repairOrderNumber: ro.number } });
    expect(await advisor.client.loaners.openLoanOfRo({ repairOrderId: ro.id })).toMatchObject({ id: loan.id });
    const entry = t.core.deps.sqlite
      .prepare(
        `select action, repair_order_id as ro, details from audit_log where entity = 'loaner' and entity_id = ? order by id desc`,
      )
      .get(car.id) as { action: string; ro: number; details: string };
    expect(entry).toMatchObject({ action: 'loaner.lent', ro: ro.id });
    expect(entry.details).not.toContain('张三');
  });

  it('a lent car cannot be lent again, and an RO with an open loan refuses a second; nothing is written', async () => {
    const car = await newCar();
    const other = await newCar();
    const ro = await newRo();
    await advisor.client.loaners.lend(lendArgs(car, ro.id));
    const lent = await advisor.client.loaners.get({ id: car.id });
    const secondRo = await newRo();
    const before = counts();
    // A lent car cannot be taken out of service either: only its return ends the loan.
    await expectApiError(
      manager.client.loaners.update({
        id: lent.id,
        version: lent.version,
        plate: lent.plate,
        model: lent.model,
        status: 'out_of_service',
      }),
      'RULE',
      { field: 'status', reason: 'loaner.lentStatus', params: { number: ro.number } },
    );
    await expectApiError(advisor.client.loaners.lend(lendArgs(lent, secondRo.id)), 'RULE', {
      field: 'carId',
      reason: 'loan.carLent',
      params: { plate: car.plate, number: ro.number },
    });
    await expectApiError(advisor.client.loaners.lend(lendArgs(other, ro.id)), 'RULE', {
      field: 'repairOrderId',
      reason: 'loan.roHasLoan',
    });
    expect(counts()).toEqual(before);
    expect(await advisor.client.loaners.get({ id: other.id })).toMatchObject({ status: 'available', version: other.version });
  });

  it('refuses an out-mileage below the car’s last reading, a bad licence, a car out of service, and a delivered or missing RO', async () => {
    const car = await newCar(30_000);
    const ro = await newRo();
    const before = counts();
    await expectApiError(advisor.client.loaners.lend(lendArgs(car, ro.id, { outMileageKm: 29_999 })), 'RULE', {
      field: 'outMileageKm',
      reason: 'loan.belowLast',
      params: { last: 30_000 },
    });
    await expectApiError(
      advisor.client.loaners.lend(lendArgs(car, ro.id, { licenceNumber: '110105194912310021' })),
      'INVALID_INPUT',
      {
        field: 'licenceNumber',
        reason: 'licence.checkDigit',
      },
    );
    await expectApiError(advisor.client.loaners.lend(lendArgs(car, 999_999)), 'NOT_FOUND', { field: 'repairOrderId' });
    const out = await manager.client.loaners.update({
      id: car.id,
      version: car.version,
      plate: car.plate,
      model: car.model,
      status: 'out_of_service',
    });
    await expectApiError(advisor.client.loaners.lend(lendArgs(out, ro.id)), 'RULE', {
      field: 'carId',
      reason: 'loan.carOutOfService',
    });
    // The car was read before it went out of service: the stale read is refused too, by its status first.
    await expectApiError(advisor.client.loaners.lend(lendArgs(car, ro.id)), 'RULE', { field: 'carId' });
    expect(counts()).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });

  it('return: in-mileage below out is refused naming the field, and nothing changes; then the car comes back', async () => {
    const car = await newCar();
    const ro = await newRo();
    const loan = await advisor.client.loaners.lend(lendArgs(car, ro.id, { outMileageKm: 12_100 }));
    const before = counts();
    await expectApiError(
      advisor.client.loaners.returnLoan({
        loanId: loan.id,
        inMileageKm: 12_099,
        fuelEighths: 4,
        newMarks: [{ xPermille: 800, yPermille: 900, kind: 'dent', note: '' }],
      }),
      'RULE',
      { field: 'inMileageKm', reason: 'loan.inBelowOut', params: { out: 12_100 } },
    );
    expect(counts()).toEqual(before);
    expect(await advisor.client.loaners.get({ id: car.id })).toMatchObject({ status: 'lent' });

    const back = await advisor.client.loaners.returnLoan({
      loanId: loan.id,
      inMileageKm: 12_180,
      fuelEighths: 4,
      newMarks: [{ xPermille: 800, yPermille: 900, kind: 'dent', note: '后保险杠凹陷' }],
    });
    expect(back.returned).toMatchObject({ mileageKm: 12_180, fuelEighths: 4 });
    expect(back.drivenKm).toBe(80);
    expect((await advisor.client.loaners.loansOfRo({ repairOrderId: ro.id })).map((l) => [l.id, l.returned?.mileageKm])).toEqual([
      [loan.id, 12_180],
    ]);
    expect(await advisor.client.loaners.openLoanOfRo({ repairOrderId: ro.id })).toBeNull();
    expect(back.marks.map((m) => [m.number, m.phase, m.kind])).toEqual([
      [1, 'out', 'scratch'],
      [2, 'in', 'dent'],
    ]);
    expect(await advisor.client.loaners.get({ id: car.id })).toMatchObject({
      status: 'available',
      mileageKm: 12_180,
      fuelEighths: 4,
      lentOn: null,
    });
    await expectApiError(advisor.client.loaners.returnLoan({ loanId: loan.id, inMileageKm: 12_200, fuelEighths: 4 }), 'RULE', {
      field: 'loanId',
      reason: 'loan.alreadyReturned',
    });
    // Back, the car can be lent again on the same RO (its loan is closed).
    const again = await advisor.client.loaners.get({ id: car.id });
    await expect(advisor.client.loaners.lend(lendArgs(again, ro.id))).resolves.toMatchObject({ out: { mileageKm: 12_180 } });
  });
});

describe('personal data', () => {
  it('erasing a customer on request blanks the driver and the licence of the loans on their ROs', async () => {
    const customer = await makeCustomer(advisor.client);
    const vehicle = await makeVehicle(advisor.client, customer.id);
    const ro = await advisor.client.repairOrders.create({ vehicleId: vehicle.id, concerns: ['异响'] });
    const car = await newCar();
    const loan = await advisor.client.loaners.lend(lendArgs(car, ro.id));
    await advisor.client.loaners.returnLoan({ loanId: loan.id, inMileageKm: car.mileageKm + 5, fuelEighths: 6 });
    const current = await advisor.client.repairOrders.get({ id: ro.id });
    await advisor.client.repairOrders.transition({ id: ro.id, version: current.version, to: 'cancelled', note: '客户取消' });
    await manager.client.privacy.eraseCustomer({ customerId: customer.id, confirmName: customer.name, reason: '客户书面申请' });
    expect(await advisor.client.loaners.loan({ id: loan.id })).toMatchObject({
      driverName: '',
      licenceNumber: '',
      out: { mileageKm: car.mileageKm },
    });
  });
});

describe('days lent and utilisation, on the desk’s calendar', () => {
  it('out at 23:30 and back at 00:30 in Beijing is 2 days lent (the same hour in UTC is one day)', async () => {
    const car = await newCar();
    const ro = await newRo();
    await at(beijing('2026-11-03', '23:30'));
    const loan = await advisor.client.loaners.lend(lendArgs(car, ro.id));
    expect(loan.daysLent).toBe(1);
    await at(beijing('2026-11-04', '00:30'));
    const back = await advisor.client.loaners.returnLoan({ loanId: loan.id, inMileageKm: car.mileageKm + 10, fuelEighths: 5 });
    expect(back.daysLent).toBe(2);
  });

  it('the month report: days lent and days available per car; out-of-service days are not available', async () => {
    await at(beijing('2026-12-01', '09:00'));
    const page = await manager.client.loaners.utilisation({ month: '2026-11', limit: 200 });
    // Every car joined the fleet on 2 November: 29 days of November.
    const byPlate = Object.fromEntries(page.rows.map((row) => [row.plate, row]));
    // The car lent on 3 Nov 23:30 and back 4 Nov 00:30 (the last car made before the midnight test).
    const midnight = page.rows.find((row) => row.daysLent === 2 && row.daysAvailable === 29);
    expect(midnight).toBeDefined();
    expect(midnight!.utilisationBp).toBe(Math.round((2 * 10_000) / 29));
    // The car out of service since 2 Nov: lent never, available no day.
    expect(byPlate['京AD0005']).toMatchObject({ daysLent: 0, daysAvailable: 0, utilisationBp: null });
    // A car lent on 2 Nov and never returned: lent every day to the end of the month.
    expect(byPlate['京AD0002']).toMatchObject({ daysLent: 29, daysAvailable: 29, utilisationBp: 10_000 });
    const first = await manager.client.loaners.utilisation({ month: '2026-11', limit: 2 });
    expect(first.rows.map((r) => r.plate)).toEqual(['京AD0001', '京AD0002']);
    expect(first.hasMore).toBe(true);
  });
});
