import type BetterSqlite3 from 'better-sqlite3';
import { pinyinKeys } from '../../../../shared/domain/pinyin-keys';
import { nameKey } from '../../../../shared/domain/text';
import { normalizePlate, plateSerial } from '../../../../shared/domain/plate';
import { checkVin, reversed } from '../../../../shared/domain/vin';
import type { Dealership } from './generate';

export interface InsertedCounts {
  customers: number;
  phones: number;
  vehicles: number;
  ownerships: number;
  mileage: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes a planned dealership with raw prepared better-sqlite3 statements, in one transaction, making each row as it
 * goes (see Dealership).
 *
 * Why raw SQL here, against the house rule that SQL lives in repositories through kysely: this is a bulk load of
 * about a million rows (150,000 customers and 200,000 vehicles with their phones, owners and mileage). Through kysely
 * every row would be built, compiled and run through an async driver; a prepared statement re-run synchronously
 * inside one transaction is an order of magnitude faster and keeps the big seed in seconds. The statements are fixed
 * text with bound parameters only (no value is ever spliced into SQL), and every column is filled exactly as the
 * services fill it: name_key by nameKey, the customer_pinyin keys by pinyinKeys, number_rev and vin_rev by reversed, the plate stored normalised with
 * plate_serial by plateSerial, vin_check_ok from the check digit, version counting the saves after creation.
 *
 * It runs synchronously, so it must be called when no other query waits on the connection (or inside a kysely
 * transaction on the same connection, which then holds it: better-sqlite3 nests this one as a savepoint).
 */
export function insertDealership(sqlite: BetterSqlite3.Database, plan: Dealership): InsertedCounts {
  const insertCustomer = sqlite.prepare(
    `INSERT INTO customers (kind, name, name_key, contact_person, email, address, preferred_contact,
       consent_to_contact, consent_changed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The consent's own record (PIPL), as the customer service writes one with the file: given on paper at the desk.
  const insertConsent = sqlite.prepare(
    `INSERT INTO customer_consents (customer_id, purpose, granted, method, note, recorded_by, recorded_at)
     VALUES (?, 'contact', 1, 'paper', '', NULL, ?)`,
  );
  // The scale seed writes an older schema (SCALE_SCHEMA_VERSION) without customer_pinyin: migration 0034's backfill
  // keys its customers when the core opens the file, as on a real upgrade.
  const keyed =
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customer_pinyin'").get() !== undefined;
  const insertPinyin = keyed ? sqlite.prepare('INSERT INTO customer_pinyin (customer_id, key) VALUES (?, ?)') : null;
  const insertPhone = sqlite.prepare(
    'INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (?, ?, ?, ?, ?)',
  );
  const insertVehicle = sqlite.prepare(
    `INSERT INTO vehicles (vin, vin_rev, vin_check_ok, plate, plate_serial, make, model, year, colour, fuel_type,
       engine, purchase_date, invoice_date, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOwnership = sqlite.prepare(
    'INSERT INTO vehicle_ownerships (vehicle_id, customer_id, from_at, to_at) VALUES (?, ?, ?, ?)',
  );
  const insertMileage = sqlite.prepare(
    'INSERT INTO vehicle_mileage (vehicle_id, km, source, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)',
  );

  const load = sqlite.transaction((): InsertedCounts => {
    const counts: InsertedCounts = { customers: 0, phones: 0, vehicles: 0, ownerships: 0, mileage: 0 };
    const customerIds = new Float64Array(plan.customerCount);
    let index = 0;
    for (const c of plan.customers()) {
      const created = iso(c.createdAt);
      const id = Number(
        insertCustomer.run(
          c.kind,
          c.name,
          nameKey(c.name),
          c.contactPerson,
          c.email,
          c.address,
          c.preferredContact,
          c.consent ? 1 : 0,
          // As the service does: consent given at creation is dated then; none given, no date.
          c.consent ? created : null,
          created,
          created,
        ).lastInsertRowid,
      );
      customerIds[index++] = id;
      if (c.consent) insertConsent.run(id, created);
      if (insertPinyin) for (const key of pinyinKeys(c.name, c.kind)) insertPinyin.run(id, key);
      c.phones.forEach((phone, position) => {
        insertPhone.run(id, phone.number, reversed(phone.number.replace('+', '')), phone.label, position);
        counts.phones += 1;
      });
      counts.customers += 1;
    }

    for (const v of plan.vehicles()) {
      // The same derivations as vehicles/service.ts, so a seeded car is indistinguishable from a typed-in one.
      const vin = checkVin(v.vin);
      const plate = normalizePlate(v.plate);
      const id = Number(
        insertVehicle.run(
          vin.vin,
          reversed(vin.vin),
          vin.checkDigitOk ? 1 : 0,
          plate,
          plateSerial(plate),
          v.make,
          v.model,
          v.year,
          v.colour,
          v.fuelType,
          v.engine,
          v.purchaseDate,
          v.invoiceDate,
          v.version,
          iso(v.createdAt),
          iso(v.updatedAt),
        ).lastInsertRowid,
      );
      counts.vehicles += 1;
      for (const o of v.owners) {
        insertOwnership.run(id, customerIds[o.customer], iso(o.from), o.to === null ? null : iso(o.to));
        counts.ownerships += 1;
      }
      for (const m of v.mileage) {
        insertMileage.run(id, m.km, m.source, iso(m.at), null);
        counts.mileage += 1;
      }
    }
    return counts;
  });
  return load();
}
