import type BetterSqlite3 from 'better-sqlite3';
import type { DmsMapping } from '../../../shared/domain/dms-import';
import { checkCustomerRow, type CustomerRow } from '../../../shared/domain/dms-import-rows';
import { reversed } from '../../../shared/domain/vin';
import { nameKey } from '../../../shared/domain/text';
import { pinyinKeys } from '../../../shared/domain/pinyin-keys';
import type { Actor } from '../context';
import { refused, type Judged, type RowJudge } from './judge';

// Customers of the previous DMS: matched by the old id, else by a phone (never two files for one phone).

interface Stored {
  id: number;
  kind: string;
  name: string;
  contact_person: string;
  email: string;
  address: string;
  consent_to_contact: number;
  legacy_id: string | null;
}

function statements(sqlite: BetterSqlite3.Database) {
  const columns = 'id, kind, name, contact_person, email, address, consent_to_contact, legacy_id';
  return {
    byLegacy: sqlite.prepare<[string], Stored>(`SELECT ${columns} FROM customers WHERE legacy_id = ?`),
    byId: sqlite.prepare<[number], Stored>(`SELECT ${columns} FROM customers WHERE id = ?`),
    byPhone: sqlite.prepare<[string], { customer_id: number }>(
      `SELECT p.customer_id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
       WHERE p.number = ? AND c.merged_into_id IS NULL AND c.erased_at IS NULL ORDER BY p.customer_id LIMIT 1`,
    ),
    phones: sqlite.prepare<[number], { number: string; position: number }>(
      'SELECT number, position FROM customer_phones WHERE customer_id = ? ORDER BY position',
    ),
    insert: sqlite.prepare(
      `INSERT INTO customers (kind, name, name_key, contact_person, email, address, preferred_contact, consent_to_contact,
         consent_changed_at, created_at, updated_at, legacy_id)
       VALUES (@kind, @name, @nameKey, @contactPerson, @email, @address, 'phone', @consent, @consentAt, @now, @now, @legacyId)`,
    ),
    update: sqlite.prepare(
      `UPDATE customers SET kind = @kind, name = @name, name_key = @nameKey, contact_person = @contactPerson,
         email = @email, address = @address, consent_to_contact = @consent,
         consent_changed_at = coalesce(@consentAt, consent_changed_at),
         legacy_id = @legacyId, updated_at = @now, version = version + 1
       WHERE id = @id`,
    ),
    phone: sqlite.prepare(
      `INSERT INTO customer_phones (customer_id, number, number_rev, label, position) VALUES (?, ?, ?, 'mobile', ?)`,
    ),
    // The look-up finds an imported customer by pinyin as it finds one typed in (customers/service.ts writes the same keys).
    dropPinyin: sqlite.prepare('DELETE FROM customer_pinyin WHERE customer_id = ?'),
    pinyin: sqlite.prepare('INSERT INTO customer_pinyin (customer_id, key) VALUES (?, ?)'),
    consent: sqlite.prepare(
      `INSERT INTO customer_consents (customer_id, purpose, granted, method, note, recorded_by, recorded_at)
       VALUES (?, 'contact', ?, 'earlier', 'previous DMS', ?, ?)`,
    ),
  };
}

export function customersJudge(sqlite: BetterSqlite3.Database, actor: Actor, now: string, mapping: DmsMapping): RowJudge {
  const q = statements(sqlite);
  // The file's own rows so far: an old id or a phone a second time is a duplicate, not a second customer.
  const seenIds = new Set<string>();
  const phoneOwner = new Map<string, string>();

  function write(row: CustomerRow, stored: Stored | undefined): void {
    const consent = row.consent === null ? (stored?.consent_to_contact ?? 0) : row.consent ? 1 : 0;
    const consentChanged = consent !== (stored?.consent_to_contact ?? 0) || (!stored && row.consent !== null);
    const values = {
      kind: row.kind,
      name: row.name,
      nameKey: nameKey(row.name),
      contactPerson: row.contactPerson,
      email: row.email,
      address: row.address,
      consent,
      consentAt: consentChanged ? now : null,
      legacyId: row.legacyId,
      now,
    };
    let id: number;
    if (stored) {
      id = stored.id;
      q.update.run({ ...values, id });
    } else {
      id = Number(q.insert.run(values).lastInsertRowid);
    }
    if (!stored || stored.name !== row.name || stored.kind !== row.kind) {
      if (stored) q.dropPinyin.run(id);
      for (const key of pinyinKeys(row.name, row.kind)) q.pinyin.run(id, key);
    }
    const have = stored ? q.phones.all(id) : [];
    let position = have.length;
    for (const number of row.phones) {
      if (have.some((p) => p.number === number)) continue;
      q.phone.run(id, number, reversed(number), position);
      position += 1;
    }
    if (consentChanged) q.consent.run(id, consent, actor.id, now);
  }

  function same(row: CustomerRow, stored: Stored): boolean {
    const phones = q.phones.all(stored.id).map((p) => p.number);
    return (
      stored.legacy_id === row.legacyId &&
      stored.name === row.name &&
      stored.kind === row.kind &&
      stored.contact_person === row.contactPerson &&
      stored.email === row.email &&
      stored.address === row.address &&
      (row.consent === null || stored.consent_to_contact === (row.consent ? 1 : 0)) &&
      row.phones.every((p) => phones.includes(p))
    );
  }

  return {
    judge(cells, doWrite): Judged {
      const checked = checkCustomerRow(cells, mapping);
      if (!checked.ok) return refused(checked.key, checked.reason, checked.field);
      const row = checked.row;
      const key = row.legacyId;
      if (seenIds.has(key)) return refused(key, 'dmsImport.duplicate', 'legacyId');
      for (const [i, number] of row.phones.entries()) {
        const other = phoneOwner.get(number);
        if (other !== undefined && other !== key) return refused(key, 'dmsImport.phoneTaken', i === 0 ? 'phone' : 'phone2');
      }
      let stored = q.byLegacy.get(key);
      for (const [i, number] of row.phones.entries()) {
        const holder = q.byPhone.get(number);
        if (!holder) continue;
        if (stored && holder.customer_id !== stored.id) return refused(key, 'dmsImport.phoneTaken', i === 0 ? 'phone' : 'phone2');
        if (!stored) {
          const found = q.byId.get(holder.customer_id)!;
          // A phone of a customer another old id brought: two old customers, one phone.
          if (found.legacy_id !== null && found.legacy_id !== key)
            return refused(key, 'dmsImport.phoneTaken', i === 0 ? 'phone' : 'phone2');
          stored = found;
        }
      }
      seenIds.add(key);
      for (const number of row.phones) phoneOwner.set(number, key);
      if (stored && same(row, stored)) return { outcome: 'unchanged', key };
      if (doWrite) write(row, stored);
      return { outcome: stored ? 'updated' : 'created', key };
    },
  };
}
