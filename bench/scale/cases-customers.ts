/**
 * The customers grid (every sort, name and phone filters), the reception look-up, the customer and vehicle pages,
 * the audit trail and the follow-up queue, as the renderer sends them (CustomerListScreen, LookupScreen/use-lookup,
 * CustomerPage, VehiclePage, AuditListScreen, FollowupQueueScreen).
 */
import { CUSTOMER_GRID_COLUMNS } from '../../shared/contract/customers';
import type { GridInput } from '../../shared/contract/paging';
import { AUDIT_ENTITIES } from '../../shared/contract/audit';
import { normalizePhone } from '../../shared/domain/phone';
import { normalizePlate } from '../../shared/domain/plate';
import { reversed } from '../../shared/domain/vin';
import type { RawDb, ReadCase } from './harness';
import { BLOCK } from './cases-repair-orders';
import { deskDayStart, addDays } from './sample';

const HIGH = '\u{10FFFF}';
type CustomerColumn = (typeof CUSTOMER_GRID_COLUMNS)[number];
type Draw = { input: GridInput<CustomerColumn>; params: unknown[] };

const SORT: Record<string, string> = { name: 'name_key', kind: 'kind', updatedAt: 'updated_at' };

/** Phone and vehicle count for the page's customers only. */
function customerRows(db: RawDb, ids: number[]): unknown[] {
  return db.all(
    `SELECT c.id, c.kind, c.name, c.updated_at,
            (SELECT p.number FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.position LIMIT 1) AS phone,
            (SELECT count(*) FROM vehicle_ownerships o WHERE o.customer_id = c.id AND o.to_at IS NULL) AS vehicle_count
       FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
}
const idsOf = (rows: unknown[]) => (rows as { id: number }[]).map((row) => row.id);
const LIVE = 'merged_into_id IS NULL AND erased_at IS NULL';
/** The kinds of audit entry a service day writes all the time (two in three entries are an RO's). */
const FREQUENT_AUDIT = new Set(['repair_order', 'clocking', 'payment', 'complaint']);

export function customerCases(): ReadCase<never>[] {
  const cases: ReadCase<never>[] = [];
  const add = <I>(c: ReadCase<I>) => cases.push(c as ReadCase<never>);
  const page = { startRow: 0, endRow: BLOCK, sortModel: [], filterModel: {} };
  const grid = (name: string, draw: (s: import('./sample').Sample) => Draw, raw: (db: RawDb, d: Draw) => unknown) =>
    add<Draw>({
      name: `customers grid: ${name}`,
      group: 'grid page',
      role: 'advisor',
      draw,
      api: (client, d) => client.customers.grid(d.input),
      raw,
    });

  grid(
    'default',
    () => ({ input: page, params: [BLOCK + 1] }),
    (db, d) => customerRows(db, idsOf(db.all(`SELECT id FROM customers WHERE ${LIVE} ORDER BY id DESC LIMIT ?`, ...d.params))),
  );
  for (const colId of ['name', 'kind', 'updatedAt'] as const) {
    for (const sort of ['asc', 'desc'] as const) {
      grid(
        `sort ${colId} ${sort}`,
        () => ({ input: { ...page, sortModel: [{ colId, sort }] }, params: [BLOCK + 1] }),
        (db, d) =>
          customerRows(
            db,
            idsOf(
              db.all(
                `SELECT id FROM customers WHERE ${LIVE} ORDER BY ${SORT[colId]} ${sort.toUpperCase()}, id DESC LIMIT ?`,
                ...d.params,
              ),
            ),
          ),
      );
    }
  }
  grid(
    'name starts with',
    (s) => {
      const key = [...s.customer().name_key].slice(0, 2).join('');
      return {
        input: { ...page, filterModel: { name: { filterType: 'text', type: 'startsWith', filter: key } } },
        params: [key, key + HIGH, BLOCK + 1],
      };
    },
    (db, d) =>
      customerRows(
        db,
        idsOf(
          db.all(
            `SELECT id FROM customers WHERE ${LIVE} AND name_key >= ? AND name_key < ? ORDER BY id DESC LIMIT ?`,
            ...d.params,
          ),
        ),
      ),
  );
  grid(
    'name contains',
    (s) => {
      const key = s.customer().name_key;
      return {
        input: { ...page, filterModel: { name: { filterType: 'text', type: 'contains', filter: key } } },
        params: [key, key + HIGH, BLOCK + 1],
      };
    },
    (db, d) =>
      customerRows(
        db,
        idsOf(
          db.all(
            `SELECT id FROM customers WHERE ${LIVE} AND name_key >= ? AND name_key < ? ORDER BY id DESC LIMIT ?`,
            ...d.params,
          ),
        ),
      ),
  );
  grid(
    'phone contains (last 4)',
    (s) => {
      const tail = normalizePhone(s.phone()).slice(-4);
      const rev = reversed(tail);
      return {
        input: { ...page, filterModel: { phone: { filterType: 'text', type: 'contains', filter: tail } } },
        params: [rev, rev + HIGH, BLOCK + 1],
      };
    },
    // The phone's tail is the start of its reversed form (the look-up's own index).
    (db, d) =>
      customerRows(
        db,
        idsOf(
          db.all(
            `SELECT DISTINCT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
              WHERE p.number_rev >= ? AND p.number_rev < ? AND c.merged_into_id IS NULL AND c.erased_at IS NULL ORDER BY c.id DESC LIMIT ?`,
            ...d.params,
          ),
        ),
      ),
  );
  grid(
    'phone contains (whole number)',
    (s) => {
      const number = normalizePhone(s.phone());
      const rev = reversed(number);
      return {
        input: { ...page, filterModel: { phone: { filterType: 'text', type: 'contains', filter: number } } },
        params: [rev, rev + HIGH, BLOCK + 1],
      };
    },
    (db, d) =>
      customerRows(
        db,
        idsOf(
          db.all(
            `SELECT DISTINCT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
              WHERE p.number_rev >= ? AND p.number_rev < ? AND c.merged_into_id IS NULL AND c.erased_at IS NULL ORDER BY c.id DESC LIMIT ?`,
            ...d.params,
          ),
        ),
      ),
  );
  grid(
    'deep page 50 (sort name)',
    (s) => {
      const startRow = BLOCK * s.random.int(40, 60);
      return {
        input: { ...page, startRow, endRow: startRow + BLOCK, sortModel: [{ colId: 'name', sort: 'asc' }] },
        params: [BLOCK + 1, startRow],
      };
    },
    (db, d) =>
      customerRows(
        db,
        idsOf(db.all(`SELECT id FROM customers WHERE ${LIVE} ORDER BY name_key, id DESC LIMIT ? OFFSET ?`, ...d.params)),
      ),
  );

  // The reception look-up: one screen, every kind of text a desk types.
  const lookup = (name: string, typed: (s: import('./sample').Sample) => string, raw: (db: RawDb, q: string) => unknown) =>
    add<{ q: string }>({
      name: `reception look-up: ${name}`,
      group: 'screen opening',
      role: 'advisor',
      draw: (s) => ({ q: typed(s) }),
      api: (client, d) => client.customers.lookup({ q: d.q, offset: 0, limit: 20 }),
      raw: (db, d) => raw(db, d.q),
    });
  const ownersOf = (db: RawDb, vehicleSql: string, ...params: unknown[]) =>
    db.all(
      `SELECT v.id, v.vin, v.plate, o.customer_id, c.name FROM (${vehicleSql}) x JOIN vehicles v ON v.id = x.id
         LEFT JOIN vehicle_ownerships o ON o.vehicle_id = v.id AND o.to_at IS NULL LEFT JOIN customers c ON c.id = o.customer_id`,
      ...params,
    );
  lookup(
    'full plate',
    (s) => s.vehicle("t.plate <> ''").plate,
    (db, q) => ownersOf(db, "SELECT id FROM vehicles WHERE plate = ? AND plate <> '' LIMIT 21", normalizePlate(q)),
  );
  lookup(
    'VIN tail (6)',
    (s) => s.vehicle().vin.slice(-6),
    (db, q) => {
      const rev = reversed(q.toUpperCase());
      return ownersOf(db, 'SELECT id FROM vehicles WHERE vin_rev >= ? AND vin_rev < ? LIMIT 21', rev, rev + HIGH);
    },
  );
  lookup(
    'phone tail (4)',
    (s) => normalizePhone(s.phone()).slice(-4),
    (db, q) => {
      const rev = reversed(q);
      return db.all(
        'SELECT c.id, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.number_rev >= ? AND p.number_rev < ? LIMIT 21',
        rev,
        rev + HIGH,
      );
    },
  );
  lookup(
    'name prefix (2)',
    (s) => [...s.customer().name].slice(0, 2).join(''),
    (db, q) =>
      db.all(
        `SELECT id, name FROM customers WHERE name_key >= ? AND name_key < ? AND merged_into_id IS NULL LIMIT 21`,
        q.toLowerCase(),
        q.toLowerCase() + HIGH,
      ),
  );

  add<{ id: number }>({
    name: 'customer page opening',
    group: 'screen opening',
    role: 'advisor',
    draw: (s) => ({ id: s.customer().id }),
    api: async (client, d) => {
      await Promise.all([client.customers.get({ id: d.id }), client.privacy.consents({ customerId: d.id })]);
    },
    raw: (db, d) => {
      db.get('SELECT * FROM customers WHERE id = ?', d.id);
      db.all('SELECT * FROM customer_phones WHERE customer_id = ? ORDER BY position', d.id);
      db.all('SELECT * FROM customer_notes WHERE customer_id = ? ORDER BY created_at DESC', d.id);
      db.all(
        'SELECT v.* FROM vehicle_ownerships o JOIN vehicles v ON v.id = o.vehicle_id WHERE o.customer_id = ? ORDER BY o.to_at IS NOT NULL, o.from_at DESC',
        d.id,
      );
      db.all('SELECT * FROM customer_consents WHERE customer_id = ? ORDER BY recorded_at', d.id);
    },
  });
  add<{ id: number }>({
    name: 'vehicle page opening',
    group: 'screen opening',
    role: 'advisor',
    draw: (s) => ({ id: s.ro().vehicle_id }),
    api: async (client, d) => {
      await Promise.all([client.vehicles.get({ id: d.id }), client.warrantyRisk.vehicle({ vehicleId: d.id })]);
    },
    raw: (db, d) => {
      db.get('SELECT * FROM vehicles WHERE id = ?', d.id);
      db.all(
        'SELECT o.*, c.name FROM vehicle_ownerships o JOIN customers c ON c.id = o.customer_id WHERE o.vehicle_id = ? ORDER BY o.from_at',
        d.id,
      );
      db.all('SELECT * FROM vehicle_mileage WHERE vehicle_id = ? ORDER BY recorded_at DESC', d.id);
      db.all('SELECT id, number, status, opened_at FROM repair_orders WHERE vehicle_id = ? ORDER BY opened_at DESC', d.id);
      db.all(
        `SELECT j.id, j.concern_group, j.work_category, d.delivered_at FROM repair_orders r JOIN repair_order_jobs j ON j.repair_order_id = r.id
           LEFT JOIN repair_order_deliveries d ON d.repair_order_id = r.id WHERE r.vehicle_id = ?`,
        d.id,
      );
    },
  });

  // The audit trail: every entity filter the screen offers, and the whole trail.
  for (const entity of [undefined, ...AUDIT_ENTITIES]) {
    add<{ entity?: string }>({
      name: `audit trail: ${entity ?? 'all'}`,
      group: 'grid page',
      role: 'manager',
      draw: () => (entity ? { entity } : {}),
      api: (client) => client.audit.list({ offset: 0, limit: 50, ...(entity ? { entity } : {}) }),
      // A kind nearly every write records is found walking the trail by date (+entity keeps SQLite off the entity
      // index, which would sort millions); a rare kind by the entity index.
      raw: (db) =>
        !entity
          ? db.all('SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT 51')
          : FREQUENT_AUDIT.has(entity)
            ? db.all('SELECT * FROM audit_log WHERE +entity = ? ORDER BY at DESC, id DESC LIMIT 51', entity)
            : db.all('SELECT * FROM audit_log WHERE entity = ? ORDER BY at DESC, id DESC LIMIT 51', entity),
    });
  }
  add<{ from: string; to: string }>({
    name: 'audit trail: repair_order, one week',
    group: 'grid page',
    role: 'manager',
    draw: (s) => {
      const from = s.recentDay(3000);
      return { from, to: addDays(from, 6) };
    },
    api: (client, d) => client.audit.list({ offset: 0, limit: 50, entity: 'repair_order', from: d.from, to: d.to }),
    raw: (db, d) =>
      db.all(
        "SELECT * FROM audit_log WHERE +entity = 'repair_order' AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT 51",
        deskDayStart(d.from),
        deskDayStart(addDays(d.to, 1)),
      ),
  });
  add<{ id: number }>({
    name: 'audit trail of one RO',
    group: 'grid page',
    role: 'manager',
    draw: (s) => ({ id: s.ro().id }),
    api: (client, d) => client.audit.ofRepairOrder({ repairOrderId: d.id, offset: 0, limit: 20 }),
    raw: (db, d) => db.all('SELECT * FROM audit_log WHERE repair_order_id = ? ORDER BY at DESC, id DESC LIMIT 21', d.id),
  });

  // The follow-up queue opens on "due today"; overdue and all are one click away.
  for (const due of ['today', 'overdue', 'all'] as const) {
    add<{ due: string }>({
      name: `follow-up queue: ${due}`,
      group: due === 'today' ? 'screen opening' : 'grid page',
      role: 'csi_agent',
      draw: () => ({ due }),
      api: (client) => client.followup.queue({ due, offset: 0, limit: 50 }),
      raw: (db) => {
        const today = deskDayStart(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
        const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString();
        const [from, to] = due === 'today' ? [today, tomorrow] : due === 'overdue' ? ['', today] : ['', tomorrow];
        // The same rows as the screen: consenting customers only (contactable, migration 0028, mirrors the consent),
        // with the RO, its advisor, its delivery and the first phone.
        return db.all(
          `SELECT t.*, c.name, v.plate, r.number, a.display_name, d.delivered_at,
                  (SELECT p.number FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.position LIMIT 1) AS phone
             FROM followup_tasks t JOIN customers c ON c.id = t.customer_id JOIN vehicles v ON v.id = t.vehicle_id
             LEFT JOIN repair_orders r ON r.id = t.repair_order_id LEFT JOIN users a ON a.id = r.advisor_id
             LEFT JOIN repair_order_deliveries d ON d.repair_order_id = t.repair_order_id
            WHERE t.status = 'open' AND t.channel = 'call' AND t.contactable = 1 AND c.consent_to_contact = 1
              AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at, t.id LIMIT 51`,
          from,
          to,
        );
      },
    });
  }
  return cases;
}
