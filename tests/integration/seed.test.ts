import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo, SeedRefusedError } from '../../electron/core/db/seed';
import type { Core } from '../../electron/core/core';
import { planDealership } from '../../electron/core/db/seed/generate';
import { NEW_ENERGY_FUEL_TYPES, type FuelType } from '../../shared/domain/enums';
import { normalizePlate, plateKind, plateSerial } from '../../shared/domain/plate';
import { ROLES } from '../../shared/domain/roles';
import { nameKey } from '../../shared/domain/text';
import { checkVin, reversed } from '../../shared/domain/vin';
import { openTestCore, type TestCore } from '../fixtures/core';

const SMALL = { customers: 300, vehicles: 400, seed: 7 };

/** Every table the generator writes, read straight from the file; password hashes differ by their random salt. */
function dump(core: Core) {
  const all = (sql: string) => core.deps.sqlite.prepare(sql).all();
  return {
    users: all('SELECT id, username, display_name, role, active FROM users ORDER BY id'),
    settings: all('SELECT * FROM settings ORDER BY key'),
    customers: all('SELECT * FROM customers ORDER BY id'),
    phones: all('SELECT * FROM customer_phones ORDER BY id'),
    vehicles: all('SELECT * FROM vehicles ORDER BY id'),
    ownerships: all('SELECT * FROM vehicle_ownerships ORDER BY id'),
    mileage: all('SELECT * FROM vehicle_mileage ORDER BY id'),
  };
}

interface VehicleRow {
  id: number;
  vin: string;
  vin_rev: string;
  vin_check_ok: number;
  plate: string;
  plate_serial: string;
  fuel_type: FuelType;
  year: number;
}

describe('demo dealership seed', () => {
  let t: TestCore;
  let twin: TestCore;

  beforeAll(async () => {
    [t, twin] = await Promise.all([openTestCore(), openTestCore()]);
    await seedDemo(t.core, SMALL);
    await seedDemo(twin.core, SMALL);
  });
  afterAll(async () => {
    await t?.close();
    await twin?.close();
  });

  it('makes the counts asked for, with consistent owners, phones and mileage', () => {
    const { customers, phones, vehicles, ownerships, mileage } = dump(t.core);
    expect(customers).toHaveLength(SMALL.customers);
    expect(vehicles).toHaveLength(SMALL.vehicles);

    for (const c of customers as { id: number; name: string; name_key: string; kind: string; contact_person: string }[]) {
      expect(c.name_key).toBe(nameKey(c.name));
      if (c.kind === 'company') expect(c.contact_person).not.toBe('');
    }
    const numbers = (phones as { customer_id: number; number: string; number_rev: string; position: number }[]).map((p) => {
      expect(p.number_rev).toBe(reversed(p.number));
      if (p.position === 0) expect(p.number).toMatch(/^1[3589]\d{9}$/);
      return p.number;
    });
    expect(new Set(numbers).size).toBe(numbers.length);
    const withPhone = new Set((phones as { customer_id: number }[]).map((p) => p.customer_id));
    expect(withPhone.size).toBe(SMALL.customers);

    // Every car has exactly one current owner; a car that changed hands has one earlier, closed ownership.
    const byVehicle = new Map<number, { from_at: string; to_at: string | null }[]>();
    for (const o of ownerships as { vehicle_id: number; from_at: string; to_at: string | null }[]) {
      byVehicle.set(o.vehicle_id, [...(byVehicle.get(o.vehicle_id) ?? []), o]);
    }
    expect(byVehicle.size).toBe(SMALL.vehicles);
    for (const list of byVehicle.values()) {
      expect(list.filter((o) => o.to_at === null)).toHaveLength(1);
      for (const past of list.filter((o) => o.to_at !== null)) expect(past.to_at! >= past.from_at).toBe(true);
    }

    const readings = new Map<number, { km: number; recorded_at: string }[]>();
    for (const m of mileage as { vehicle_id: number; km: number; recorded_at: string }[]) {
      readings.set(m.vehicle_id, [...(readings.get(m.vehicle_id) ?? []), m]);
    }
    expect(readings.size).toBe(SMALL.vehicles);
    for (const list of readings.values()) {
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.km).toBeGreaterThan(list[i - 1]!.km);
        expect(list[i]!.recorded_at > list[i - 1]!.recorded_at).toBe(true);
      }
    }
  });

  it('gives every domestic car a VIN with a valid check digit and a GA 36-2018 plate', () => {
    const vehicles = dump(t.core).vehicles as VehicleRow[];
    const failing: VehicleRow[] = [];
    for (const v of vehicles) {
      const check = checkVin(v.vin);
      expect(check.problem, v.vin).toBeNull();
      expect(v.vin_rev).toBe(reversed(v.vin));
      expect(v.vin_check_ok).toBe(check.checkDigitOk ? 1 : 0);
      if (!check.checkDigitOk) failing.push(v);
      expect(v.year).toBeGreaterThanOrEqual(2012);
      expect(v.year).toBeLessThanOrEqual(2026);
    }
    // Only the deliberate European imports (about 1 in 200) fail the check digit; every mainland VIN passes.
    for (const v of failing) expect(v.vin).toMatch(/^(W|S|Y)/);
    expect(vehicles.filter((v) => v.vin.startsWith('L')).every((v) => v.vin_check_ok === 1)).toBe(true);
    expect(failing).toHaveLength(SMALL.vehicles / 200);

    const odd = vehicles.filter((v) => v.plate !== '' && plateKind(v.plate) === 'unknown');
    const none = vehicles.filter((v) => v.plate === '');
    expect(none).toHaveLength(2);
    expect(odd.length).toBeGreaterThanOrEqual(1);
    expect(odd.length).toBeLessThanOrEqual(4);
    for (const v of odd) expect(v.plate).toMatch(/^(临京\d{6}|HK[A-Z]{2}\d{4})$/);
    for (const v of vehicles.filter((x) => x.plate !== '' && !odd.includes(x))) {
      expect(v.plate).toBe(normalizePlate(v.plate));
      expect(v.plate_serial).toBe(plateSerial(v.plate));
      // New-energy cars carry the 8-character green plate, every other car the 7-character one.
      expect(plateKind(v.plate), `${v.plate} ${v.fuel_type}`).toBe(
        NEW_ENERGY_FUEL_TYPES.includes(v.fuel_type) ? 'new_energy' : 'ordinary',
      );
    }
    expect(new Set(vehicles.map((v) => v.vin)).size).toBe(vehicles.length);
  });

  it('lists the demo users on the login screen, and each one can sign in and look a car up', async () => {
    const status = await t.core.client().users.status();
    expect(status.needsSetup).toBe(false);
    expect(status.demo?.password).toBe(DEMO_PASSWORD);
    expect(status.demo?.users.map((u) => u.username)).toEqual([...ROLES]);
    for (const role of ROLES) {
      const session = await t.core.client().users.login({ username: role, password: DEMO_PASSWORD });
      expect(session.user.role).toBe(role);
    }
    const advisor = await t.core.client().users.login({ username: 'advisor', password: DEMO_PASSWORD });
    const { plate } = t.core.deps.sqlite.prepare("SELECT plate FROM vehicles WHERE plate <> '' ORDER BY id LIMIT 1").get() as {
      plate: string;
    };
    const found = await t.core
      .client(advisor.token)
      .customers.lookup({ q: `${plate.slice(0, 2)} ${plate.slice(2)}`.toLowerCase(), limit: 20 });
    expect(found.rows[0]).toMatchObject({ plate, matchedBy: 'plate' });
  });

  it('builds the same dealership from the same seed, and refuses a database that already has users', async () => {
    expect(dump(twin.core)).toEqual(dump(t.core));
    const now = t.clock.now();
    const other = planDealership({ ...SMALL, seed: SMALL.seed + 1, now });
    expect([...other.vehicles()].map((v) => v.vin)).not.toEqual(
      [...planDealership({ ...SMALL, now }).vehicles()].map((v) => v.vin),
    );
    await expect(seedDemo(t.core, SMALL)).rejects.toBeInstanceOf(SeedRefusedError);
    await expect(seedDemo(t.core, SMALL)).rejects.toThrow(/already has users/);
  });
});
