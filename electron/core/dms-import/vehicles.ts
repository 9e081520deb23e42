import type BetterSqlite3 from 'better-sqlite3';
import { wallClock } from '../../../shared/domain/desk-time';
import type { DmsMapping } from '../../../shared/domain/dms-import';
import { checkVehicleRow, type VehicleRow } from '../../../shared/domain/dms-import-rows';
import { plateSerial } from '../../../shared/domain/plate';
import { reversed } from '../../../shared/domain/vin';
import type { Actor } from '../context';
import { refused, type Judged, type RowJudge } from './judge';
import { ownerFinder } from './owners';

// Vehicles of the previous DMS: matched by the old id, else by VIN; their owner found by the old customer id or a phone.

interface Stored {
  id: number;
  vin: string;
  plate: string;
  make: string;
  model: string;
  year: number;
  purchase_date: string | null;
  legacy_id: string | null;
}

function statements(sqlite: BetterSqlite3.Database) {
  const columns = 'id, vin, plate, make, model, year, purchase_date, legacy_id';
  return {
    byLegacy: sqlite.prepare<[string], Stored>(`SELECT ${columns} FROM vehicles WHERE legacy_id = ?`),
    byVin: sqlite.prepare<[string], Stored>(`SELECT ${columns} FROM vehicles WHERE vin = ?`),
    byPlate: sqlite.prepare<[string], { id: number }>(`SELECT id FROM vehicles WHERE plate = ? AND plate <> ''`),
    owner: sqlite.prepare<[number], { id: number; customer_id: number }>(
      'SELECT id, customer_id FROM vehicle_ownerships WHERE vehicle_id = ? AND to_at IS NULL',
    ),
    topKm: sqlite.prepare<[number], { km: number | null }>('SELECT max(km) AS km FROM vehicle_mileage WHERE vehicle_id = ?'),
    insert: sqlite.prepare(
      `INSERT INTO vehicles (vin, vin_rev, vin_check_ok, plate, plate_serial, make, model, year, colour, fuel_type, engine,
         purchase_date, invoice_date, created_at, updated_at, legacy_id)
       VALUES (@vin, @vinRev, @vinCheckOk, @plate, @plateSerial, @make, @model, @year, '', 'other', '', @purchaseDate, NULL,
         @now, @now, @legacyId)`,
    ),
    update: sqlite.prepare(
      `UPDATE vehicles SET vin = @vin, vin_rev = @vinRev, vin_check_ok = @vinCheckOk, plate = @plate,
         plate_serial = @plateSerial, make = @make, model = @model, year = @year, purchase_date = @purchaseDate,
         legacy_id = @legacyId, updated_at = @now, version = version + 1
       WHERE id = @id`,
    ),
    endOwnership: sqlite.prepare('UPDATE vehicle_ownerships SET to_at = ? WHERE id = ?'),
    ownership: sqlite.prepare('INSERT INTO vehicle_ownerships (vehicle_id, customer_id, from_at, to_at) VALUES (?, ?, ?, NULL)'),
    mileage: sqlite.prepare(
      `INSERT INTO vehicle_mileage (vehicle_id, km, source, recorded_at, recorded_by) VALUES (?, ?, 'manual', ?, ?)`,
    ),
  };
}

export function vehiclesJudge(sqlite: BetterSqlite3.Database, actor: Actor, now: string, mapping: DmsMapping): RowJudge {
  const q = statements(sqlite);
  const findOwner = ownerFinder(sqlite);
  const thisYear = Number(wallClock(new Date(now)).day.slice(0, 4));
  const seenIds = new Set<string>();
  const vinOf = new Map<string, string>();
  const plateOf = new Map<string, string>();

  function write(row: VehicleRow, stored: Stored | undefined, ownerId: number): void {
    const purchaseDate = row.purchaseDate ? wallClock(new Date(row.purchaseDate)).day : (stored?.purchase_date ?? null);
    const values = {
      vin: row.vin,
      vinRev: reversed(row.vin),
      vinCheckOk: row.vinCheckOk ? 1 : 0,
      plate: row.plate,
      plateSerial: plateSerial(row.plate),
      make: row.make,
      model: row.model,
      year: row.year,
      purchaseDate,
      legacyId: row.legacyId,
      now,
    };
    const id = stored ? stored.id : Number(q.insert.run(values).lastInsertRowid);
    if (stored) q.update.run({ ...values, id });
    const current = q.owner.get(id);
    if (current?.customer_id !== ownerId) {
      if (current) q.endOwnership.run(now, current.id);
      q.ownership.run(id, ownerId, current ? now : (row.purchaseDate ?? now));
    }
    if (row.mileage !== null && row.mileage > (q.topKm.get(id)?.km ?? -1))
      q.mileage.run(id, row.mileage, row.mileageAt ?? now, actor.id);
  }

  function same(row: VehicleRow, stored: Stored, ownerId: number): boolean {
    const purchaseDay = row.purchaseDate ? wallClock(new Date(row.purchaseDate)).day : stored.purchase_date;
    return (
      stored.legacy_id === row.legacyId &&
      stored.vin === row.vin &&
      stored.plate === row.plate &&
      stored.make === row.make &&
      stored.model === row.model &&
      stored.year === row.year &&
      stored.purchase_date === purchaseDay &&
      q.owner.get(stored.id)?.customer_id === ownerId &&
      (row.mileage === null || (q.topKm.get(stored.id)?.km ?? -1) >= row.mileage)
    );
  }

  return {
    judge(cells, doWrite): Judged {
      const checked = checkVehicleRow(cells, mapping, thisYear);
      if (!checked.ok) return refused(checked.key, checked.reason, checked.field);
      const row = checked.row;
      const key = row.legacyId;
      if (seenIds.has(key)) return refused(key, 'dmsImport.duplicate', 'legacyId');
      if ((vinOf.get(row.vin) ?? key) !== key) return refused(key, 'dmsImport.duplicate', 'vin');
      if (row.plate !== '' && (plateOf.get(row.plate) ?? key) !== key) return refused(key, 'dmsImport.plateTaken', 'plate');
      let stored = q.byLegacy.get(key);
      const sameVin = q.byVin.get(row.vin);
      if (stored && sameVin && sameVin.id !== stored.id) return refused(key, 'dmsImport.vinTaken', 'vin');
      if (!stored && sameVin) {
        // The VIN of a vehicle another old id brought: two old vehicles, one VIN.
        if (sameVin.legacy_id !== null && sameVin.legacy_id !== key) return refused(key, 'dmsImport.vinTaken', 'vin');
        stored = sameVin;
      }
      if (row.plate !== '') {
        const plateHolder = q.byPlate.get(row.plate);
        if (plateHolder && plateHolder.id !== stored?.id) return refused(key, 'dmsImport.plateTaken', 'plate');
      }
      const ownerId = findOwner(row.ownerLegacyId, row.ownerPhone);
      if (ownerId === null)
        return refused(
          key,
          'dmsImport.ownerUnknown',
          row.ownerLegacyId !== '' || row.ownerPhone === '' ? 'ownerLegacyId' : 'ownerPhone',
        );
      seenIds.add(key);
      vinOf.set(row.vin, key);
      if (row.plate !== '') plateOf.set(row.plate, key);
      if (stored && same(row, stored, ownerId)) return { outcome: 'unchanged', key };
      if (doWrite) write(row, stored, ownerId);
      return { outcome: stored ? 'updated' : 'created', key };
    },
  };
}
