/**
 * The parts grid (every sort column, number/name search, brand, bin prefix, below minimum), the stock ledger and
 * the part page's opening calls, as renderer/src/parts sends them. Raw SQL answers each from an index: number and
 * name prefixes as ranges, what open lines reserve from the open reservations only.
 */
import { PART_GRID_COLUMNS, type PartGridColumn, type PartGridInput } from '../../shared/contract/parts';
import type { Client, RawDb, ReadCase } from './harness';
import { BLOCK } from './cases-repair-orders';
import type { Sample } from './sample';

const HIGH = '\u{10FFFF}';
const FILTERS = { text: '', brand: '', bin: '', belowMin: false, active: 'active' } as const;

const COLUMN: Record<PartGridColumn, string> = {
  partNumber: 'p.part_number',
  nameZh: 'p.name_zh',
  nameEn: 'p.name_en',
  brand: 'p.brand',
  defaultBin: 'p.default_bin',
  onHand: 'p.on_hand_milli',
  reserved: 'reserved_milli',
  available: '(p.on_hand_milli - reserved_milli)',
  avgUnitCost: '(CASE WHEN p.on_hand_milli > 0 THEN p.stock_value_fen * 1000.0 / p.on_hand_milli ELSE p.cost_fen END)',
  listPrice: 'p.list_price_fen',
  stockValue: 'p.stock_value_fen',
};

const LEDGER_OF_PART = 'SELECT * FROM stock_movements WHERE part_id = ? ORDER BY created_at DESC, id DESC LIMIT ?';

const RESERVED = `(SELECT coalesce(sum(r.reserved_milli), 0) FROM part_reservations r WHERE r.part_id = p.id AND r.status = 'open')`;

/** The row the grid shows, for the page's ids only. */
function partRows(db: RawDb, ids: number[]): unknown[] {
  return db.all(
    `SELECT p.*, s.part_number AS superseded_by, ${RESERVED} AS reserved_milli
       FROM parts p LEFT JOIN parts s ON s.id = p.superseded_by_id WHERE p.id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
}

const idsOf = (rows: unknown[]) => (rows as { id: number }[]).map((row) => row.id);

type PartsDraw = { input: PartGridInput; params: unknown[] };

function partsCase(name: string, draw: (s: Sample) => PartsDraw, raw: (db: RawDb, d: PartsDraw) => unknown): ReadCase<PartsDraw> {
  return {
    name: `parts grid: ${name}`,
    group: 'grid page',
    role: 'parts_clerk',
    draw,
    api: (client: Client, d) => client.parts.grid(d.input),
    raw,
  };
}

/** Parts that open lines hold stock of: few (only open ROs reserve), so read them whole and sort them. */
function reservedFirst(db: RawDb, direction: 'asc' | 'desc', by: 'reserved' | 'available'): unknown {
  const held = db.all(
    `SELECT r.part_id AS id, sum(r.reserved_milli) AS reserved, p.on_hand_milli - sum(r.reserved_milli) AS available, p.part_number
       FROM part_reservations r JOIN parts p ON p.id = r.part_id
      WHERE r.status = 'open' AND p.active = 1 GROUP BY r.part_id`,
  ) as { id: number; reserved: number; available: number; part_number: string }[];
  const sign = direction === 'asc' ? 1 : -1;
  held.sort((a, b) => sign * (a[by] - b[by]) || a.part_number.localeCompare(b.part_number));
  let ids = held.filter((row) => (by === 'reserved' ? row.reserved > 0 : true)).map((row) => row.id);
  if (by === 'reserved' && direction === 'desc') ids = ids.slice(0, BLOCK + 1);
  else if (by === 'reserved') ids = [];
  if (ids.length < BLOCK + 1) {
    const rest = idsOf(
      by === 'available'
        ? db.all(
            `SELECT id FROM parts p WHERE active = 1 ORDER BY on_hand_milli ${direction === 'asc' ? 'ASC' : 'DESC'}, part_number LIMIT ?`,
            BLOCK + 1,
          )
        : db.all('SELECT id FROM parts WHERE active = 1 ORDER BY part_number LIMIT ?', BLOCK + 1 + held.length),
    );
    const seen = new Set(ids);
    for (const id of rest) if (!seen.has(id) && ids.length < BLOCK + 1) ids.push(id);
  }
  return partRows(db, ids);
}

export function partsCases(): ReadCase<never>[] {
  const cases: ReadCase<never>[] = [];
  const add = <I>(c: ReadCase<I>) => cases.push(c as ReadCase<never>);
  const page = { startRow: 0, endRow: BLOCK };
  for (const colId of PART_GRID_COLUMNS) {
    for (const sort of ['asc', 'desc'] as const) {
      add(
        partsCase(
          `sort ${colId} ${sort}`,
          () => ({ input: { ...page, ...FILTERS, sortModel: [{ colId, sort }] }, params: [BLOCK + 1] }),
          (db, d) => {
            if (colId === 'reserved' || colId === 'available') return reservedFirst(db, sort, colId);
            const order = `${COLUMN[colId]} ${sort.toUpperCase()}${colId === 'partNumber' ? '' : ', p.part_number'}`;
            return partRows(
              db,
              idsOf(db.all(`SELECT p.id FROM parts p WHERE p.active = 1 ORDER BY ${order} LIMIT ?`, ...d.params)),
            );
          },
        ),
      );
    }
  }
  add(
    partsCase(
      'search part number prefix',
      (s) => {
        const number = s.part().part_number;
        const text = number.slice(0, Math.max(4, number.length - 2));
        return { input: { ...page, ...FILTERS, text }, params: [text, text + HIGH, BLOCK + 1] };
      },
      (db, d) =>
        partRows(
          db,
          idsOf(
            db.all(
              'SELECT id FROM parts WHERE active = 1 AND part_number >= ? AND part_number < ? ORDER BY part_number LIMIT ?',
              ...d.params,
            ),
          ),
        ),
    ),
  );
  add(
    partsCase(
      'search name (few matches)',
      (s) => {
        const name = [...s.part().name_zh];
        const text = name.slice(0, Math.min(name.length, 4)).join('');
        return { input: { ...page, ...FILTERS, text }, params: [text, text + HIGH, BLOCK + 1] };
      },
      (db, d) =>
        partRows(
          db,
          idsOf(
            db.all(
              'SELECT id FROM parts WHERE active = 1 AND name_zh >= ? AND name_zh < ? ORDER BY part_number LIMIT ?',
              ...d.params,
            ),
          ),
        ),
    ),
  );
  add(
    partsCase(
      'brand',
      (s) => {
        const brand = s.partBrand();
        return { input: { ...page, ...FILTERS, brand }, params: [brand, BLOCK + 1] };
      },
      (db, d) =>
        partRows(
          db,
          idsOf(
            db.all(
              'SELECT id FROM parts WHERE active = 1 AND brand = ? COLLATE NOCASE ORDER BY part_number LIMIT ?',
              ...d.params,
            ),
          ),
        ),
    ),
  );
  add(
    partsCase(
      'bin prefix',
      (s) => {
        const bin = s.part("t.default_bin <> ''").default_bin;
        const prefix = bin.slice(0, Math.max(1, bin.lastIndexOf('-')));
        return { input: { ...page, ...FILTERS, bin: prefix }, params: [prefix, prefix + HIGH, prefix, prefix + HIGH, BLOCK + 1] };
      },
      (db, d) =>
        partRows(
          db,
          idsOf(
            db.all(
              `SELECT id, part_number FROM (
                 SELECT id, part_number FROM parts WHERE active = 1 AND default_bin >= ? AND default_bin < ?
                 UNION SELECT p.id, p.part_number FROM part_stock b JOIN parts p ON p.id = b.part_id
                  WHERE b.bin >= ? AND b.bin < ? AND b.on_hand_milli <> 0 AND p.active = 1)
               ORDER BY part_number LIMIT ?`,
              ...d.params,
            ),
          ),
        ),
    ),
  );
  add(
    partsCase(
      'below minimum',
      () => ({ input: { ...page, ...FILTERS, belowMin: true }, params: [BLOCK + 1] }),
      (db, d) =>
        partRows(
          db,
          idsOf(
            db.all(
              `SELECT p.id FROM parts p WHERE p.active = 1 AND p.min_qty_milli > 0 AND p.on_hand_milli - ${RESERVED} < p.min_qty_milli
                ORDER BY p.part_number LIMIT ?`,
              ...d.params,
            ),
          ),
        ),
    ),
  );
  add(
    partsCase(
      'deep page 50 (number order)',
      (s) => {
        const startRow = BLOCK * s.random.int(40, 60);
        return { input: { startRow, endRow: startRow + BLOCK, ...FILTERS }, params: [BLOCK + 1, startRow] };
      },
      (db, d) =>
        partRows(db, idsOf(db.all('SELECT id FROM parts WHERE active = 1 ORDER BY part_number LIMIT ? OFFSET ?', ...d.params))),
    ),
  );
  add<{ partId: number }>({
    name: 'stock ledger: one part, newest first',
    group: 'grid page',
    role: 'parts_clerk',
    draw: (s) => ({ partId: s.movedPartId() }),
    api: (client, d) => client.parts.movements({ ...page, partId: d.partId, roNumber: '' }),
    // The ledger's order (newest first, id for ties of one instant), read along stock_movements_part_created.
    raw: (db, d) => db.all(LEDGER_OF_PART, d.partId, BLOCK + 1),
  });
  add<{ partId: number }>({
    name: 'stock ledger: all parts, newest first',
    group: 'grid page',
    role: 'parts_clerk',
    draw: () => ({ partId: 0 }),
    api: (client) => client.parts.movements({ ...page, roNumber: '' }),
    raw: (db) => db.all('SELECT * FROM stock_movements ORDER BY created_at DESC, id DESC LIMIT ?', BLOCK + 1),
  });
  add<{ partId: number }>({
    name: 'part page opening',
    group: 'screen opening',
    role: 'parts_clerk',
    draw: (s) => ({ partId: s.movedPartId() }),
    api: async (client, d) => {
      await Promise.all([
        client.parts.get({ id: d.partId }),
        client.parts.movements({ ...page, partId: d.partId, roNumber: '' }),
        client.warrantyRisk.mainPart({ partId: d.partId }),
      ]);
    },
    raw: (db, d) => {
      partRows(db, [d.partId]);
      db.all('SELECT * FROM part_stock WHERE part_id = ?', d.partId);
      db.all(
        "SELECT sum(reserved_milli), sum(to_order_milli) FROM part_reservations WHERE part_id = ? AND status = 'open'",
        d.partId,
      );
      db.all('SELECT id, part_number, superseded_by_id FROM parts WHERE superseded_by_id = ?', d.partId);
      db.all(LEDGER_OF_PART, d.partId, BLOCK + 1);
    },
  });
  add<{ partNumber: string }>({
    name: 'parts counter: number look-up',
    group: 'screen opening',
    role: 'parts_clerk',
    draw: (s) => ({ partNumber: s.part().part_number }),
    api: (client, d) => client.parts.lookup({ partNumber: d.partNumber }),
    raw: (db, d) => {
      const part = db.get('SELECT * FROM parts WHERE part_number = ?', d.partNumber) as { id: number } | undefined;
      if (part) db.get("SELECT sum(reserved_milli) FROM part_reservations WHERE part_id = ? AND status = 'open'", part.id);
    },
  });
  return cases;
}
