import type BetterSqlite3 from 'better-sqlite3';
import { planDealership } from '../generate';
import { insertDealership, type InsertedCounts } from '../insert';
import type { ScalePreset } from './presets';

/**
 * The customers and cars, made by the demo's own planner and writer (../generate.ts, ../insert.ts) at the scale's
 * size, then read back into compact arrays the visit simulation works from.
 */
export interface Fleet {
  counts: InsertedCounts;
  /** Per vehicle (index = id - 1). */
  vehicleCount: number;
  createdAt: Float64Array;
  /** Registration odometer reading and when it was taken. */
  km: Float64Array;
  kmAt: Float64Array;
  /** Epoch ms of the invoice date (the 三包 and warranty start), NaN when the car was not sold here. */
  invoiceAt: Float64Array;
  make: string[];
  fuel: string[];
  /** Owners in time order: [customer id, from ms] pairs; the RO's customer is the owner at the visit. */
  owners: [number, number][][];
  /** Per customer (index = id - 1). */
  customerName: string[];
  customerCompany: Uint8Array;
  customerConsent: Uint8Array;
  customerCreatedAt: Float64Array;
}

export function createFleet(sqlite: BetterSqlite3.Database, preset: ScalePreset, seed: number, now: Date): Fleet {
  const plan = planDealership({ customers: preset.customers, vehicles: preset.vehicles, seed, now });
  const counts = insertDealership(sqlite, plan);
  // The planner invents later odometer readings for a lived-in demo; here every reading after registration comes
  // from a generated check-in, so the invented ones go (vehicles.version is recounted at the end, see finish.ts).
  sqlite.prepare("DELETE FROM vehicle_mileage WHERE source <> 'registration'").run();

  const n = counts.vehicles;
  const fleet: Fleet = {
    counts,
    vehicleCount: n,
    createdAt: new Float64Array(n),
    km: new Float64Array(n),
    kmAt: new Float64Array(n),
    invoiceAt: new Float64Array(n).fill(Number.NaN),
    make: new Array<string>(n),
    fuel: new Array<string>(n),
    owners: Array.from({ length: n }, () => []),
    customerName: new Array<string>(counts.customers),
    customerCompany: new Uint8Array(counts.customers),
    customerConsent: new Uint8Array(counts.customers),
    customerCreatedAt: new Float64Array(counts.customers),
  };
  for (const row of sqlite
    .prepare('SELECT id, created_at, make, fuel_type, invoice_date FROM vehicles ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    created_at: string;
    make: string;
    fuel_type: string;
    invoice_date: string | null;
  }>) {
    const i = row.id - 1;
    fleet.createdAt[i] = Date.parse(row.created_at);
    fleet.make[i] = row.make;
    fleet.fuel[i] = row.fuel_type;
    if (row.invoice_date) fleet.invoiceAt[i] = Date.parse(`${row.invoice_date}T00:00:00Z`);
  }
  for (const row of sqlite
    .prepare("SELECT vehicle_id, km, recorded_at FROM vehicle_mileage WHERE source = 'registration' ORDER BY id")
    .iterate() as IterableIterator<{ vehicle_id: number; km: number; recorded_at: string }>) {
    fleet.km[row.vehicle_id - 1] = row.km;
    fleet.kmAt[row.vehicle_id - 1] = Date.parse(row.recorded_at);
  }
  for (const row of sqlite
    .prepare('SELECT vehicle_id, customer_id, from_at FROM vehicle_ownerships ORDER BY vehicle_id, from_at')
    .iterate() as IterableIterator<{ vehicle_id: number; customer_id: number; from_at: string }>) {
    fleet.owners[row.vehicle_id - 1]!.push([row.customer_id, Date.parse(row.from_at)]);
  }
  for (const row of sqlite
    .prepare('SELECT id, name, kind, consent_to_contact, created_at FROM customers ORDER BY id')
    .iterate() as IterableIterator<{ id: number; name: string; kind: string; consent_to_contact: number; created_at: string }>) {
    const i = row.id - 1;
    fleet.customerName[i] = row.name;
    fleet.customerCompany[i] = row.kind === 'company' ? 1 : 0;
    fleet.customerConsent[i] = row.consent_to_contact;
    fleet.customerCreatedAt[i] = Date.parse(row.created_at);
  }
  return fleet;
}

/** The owner of vehicle `v` (index) at `at`, or null for a car nobody owns. */
export function ownerAt(fleet: Fleet, v: number, at: number): number | null {
  const owners = fleet.owners[v]!;
  let owner: number | null = null;
  for (const [customer, from] of owners) if (from <= at || owner === null) owner = customer;
  return owner;
}
