import type BetterSqlite3 from 'better-sqlite3';

// Finding what earlier files brought: a customer by the old id (following a merge) or a phone, a vehicle by the old id or VIN.

export function ownerFinder(sqlite: BetterSqlite3.Database) {
  const byLegacy = sqlite.prepare<[string], { id: number; merged_into_id: number | null }>(
    'SELECT id, merged_into_id FROM customers WHERE legacy_id = ?',
  );
  const merged = sqlite.prepare<[number], { id: number; merged_into_id: number | null }>(
    'SELECT id, merged_into_id FROM customers WHERE id = ?',
  );
  const byPhone = sqlite.prepare<[string], { customer_id: number }>(
    `SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.number = ? AND c.merged_into_id IS NULL AND c.erased_at IS NULL ORDER BY p.customer_id LIMIT 1`,
  );
  return (legacyId: string, phone: string): number | null => {
    if (legacyId !== '') {
      let found = byLegacy.get(legacyId);
      // A customer merged at the desk lives on in the file it was merged into.
      for (let hops = 0; found && found.merged_into_id !== null && hops < 10; hops += 1) found = merged.get(found.merged_into_id);
      if (found) return found.id;
    }
    if (phone !== '') return byPhone.get(phone)?.customer_id ?? null;
    return null;
  };
}

export function vehicleFinder(sqlite: BetterSqlite3.Database) {
  const byLegacy = sqlite.prepare<[string], { id: number }>('SELECT id FROM vehicles WHERE legacy_id = ?');
  const byVin = sqlite.prepare<[string], { id: number }>('SELECT id FROM vehicles WHERE vin = ?');
  return (legacyId: string, vin: string): number | null =>
    (legacyId !== '' ? byLegacy.get(legacyId)?.id : undefined) ?? (vin !== '' ? byVin.get(vin)?.id : undefined) ?? null;
}
