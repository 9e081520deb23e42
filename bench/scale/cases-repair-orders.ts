/**
 * The RO list (every sort, view and filter the screen offers, deep pages) and the RO screens' opening calls, as
 * renderer/src/repair-orders sends them. Raw SQL picks the page's ids by an index first and computes totals and
 * payers only for those rows.
 */
import { RO_STATUSES } from '../../shared/domain/repair-order-status';
import { nameKey } from '../../shared/domain/text';
import { normalizePlate } from '../../shared/domain/plate';
import { normalizeVin, reversed } from '../../shared/domain/vin';
import { contract } from '../../shared/contract';
import type { ProcedureMeta } from '../../shared/contract/base';
import type { RoGridInput } from '../../shared/contract/repair-orders';
import { roleMayCall, type Role } from '../../shared/domain/roles';
import type { Client, RawDb, ReadCase } from './harness';
import { addDays, deskDayStart, type Sample } from './sample';

/** AG Grid's block: DataGrid asks 100 rows at a time. */
export const BLOCK = 100;
const HIGH = '\u{10FFFF}';

const OPEN = ['open', 'in_progress', 'qc', 'ready'];

/** Per-row figures for the page's ids only (what the grid shows: names, plate, total, payers). */
function roRows(db: RawDb, idsSql: string, params: unknown[], order: string): unknown[] {
  return db.all(
    `SELECT r.id, r.number, r.status, r.opened_at, r.promised_at, r.advisor_id, c.name AS customer_name, v.plate,
            u.display_name AS advisor_name,
            (SELECT coalesce(sum(l.total_fen), 0) FROM repair_order_lines l JOIN repair_order_jobs lj ON lj.id = l.job_id
              WHERE l.repair_order_id = r.id AND lj.authorization_state <> 'declined') AS total_fen,
            (SELECT group_concat(DISTINCT j.payer) FROM repair_order_jobs j WHERE j.repair_order_id = r.id) AS payers
       FROM (${idsSql}) p
       -- CROSS JOIN keeps the page's ids the outer loop: otherwise SQLite may walk every RO in the final order.
       CROSS JOIN repair_orders r ON r.id = p.id
       JOIN customers c ON c.id = r.customer_id
       JOIN vehicles v ON v.id = r.vehicle_id
       JOIN users u ON u.id = r.advisor_id
      ORDER BY ${order}`,
    ...params,
  );
}

type GridDraw = { input: RoGridInput; params: unknown[] };

function gridCase(
  name: string,
  draw: (s: Sample) => GridDraw,
  idsSql: string,
  order: string,
  role: ReadCase['role'] = 'advisor',
): ReadCase<GridDraw> {
  return {
    name: `RO list: ${name}`,
    group: 'grid page',
    role,
    draw,
    api: (client: Client, d) => client.repairOrders.grid(d.input),
    raw: (db, d) => roRows(db, idsSql, d.params, order),
  };
}

const page = (startRow = 0) => ({ startRow, endRow: startRow + BLOCK });

/** What a person types to find an RO, and each stored form the raw SQL looks it up by. */
function textParams(text: string): unknown[] {
  const plate = normalizePlate(text);
  const vin = normalizeVin(text);
  const key = nameKey(text);
  const years: string[] = [];
  // An RO number is RO<year>-<6 digits>: a typed sequence is one equality per year on the unique index.
  if (/^\d{6}$/.test(text)) for (let y = 2010; y <= new Date().getUTCFullYear() + 1; y++) years.push(`RO${y}-${text}`);
  else years.push(text.toUpperCase());
  const none = ['\u0001', '\u0001'];
  return [
    JSON.stringify(years),
    ...(plate.length >= 2 ? [plate, plate + HIGH] : none),
    ...(vin.length >= 4 ? [reversed(vin), reversed(vin) + HIGH] : none),
    ...(key ? [key, key + HIGH] : none),
  ];
}

const TEXT_IDS = `SELECT id, opened_at FROM (
    SELECT r.id, r.opened_at FROM repair_orders r WHERE r.number IN (SELECT value FROM json_each(?))
    UNION SELECT r.id, r.opened_at FROM vehicles v JOIN repair_orders r ON r.vehicle_id = v.id WHERE v.plate >= ? AND v.plate < ? AND v.plate <> ''
    UNION SELECT r.id, r.opened_at FROM vehicles v JOIN repair_orders r ON r.vehicle_id = v.id WHERE v.vin_rev >= ? AND v.vin_rev < ?
    UNION SELECT r.id, r.opened_at FROM customers c JOIN repair_orders r ON r.customer_id = c.id WHERE c.merged_into_id IS NULL AND c.name_key >= ? AND c.name_key < ?)
  ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?`;

function textCase(name: string, typed: (s: Sample) => string): ReadCase<GridDraw> {
  return gridCase(
    `search ${name}`,
    (s) => {
      const text = typed(s);
      return { input: { ...page(), text }, params: [...textParams(text), BLOCK + 1, 0] };
    },
    TEXT_IDS,
    'r.opened_at DESC, r.id DESC',
  );
}

export function repairOrderCases(): ReadCase<never>[] {
  const cases: ReadCase<GridDraw>[] = [];
  cases.push(
    gridCase(
      'default (newest first)',
      () => ({ input: page(), params: [BLOCK + 1, 0] }),
      'SELECT id FROM repair_orders ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?',
      'r.opened_at DESC, r.id DESC',
    ),
  );
  const sorts = { number: 'number', openedAt: 'opened_at', promisedAt: 'promised_at', status: 'status' } as const;
  for (const [colId, column] of Object.entries(sorts) as [keyof typeof sorts, string][]) {
    for (const sort of ['asc', 'desc'] as const) {
      const dir = sort.toUpperCase();
      // A number is unique: nothing after it changes the order (and would keep SQLite off its index).
      const tail = colId === 'openedAt' ? `, id ${dir}` : colId === 'number' ? '' : ', opened_at DESC, id DESC';
      cases.push(
        gridCase(
          `sort ${colId} ${sort}`,
          () => ({ input: { ...page(), sortModel: [{ colId, sort }] }, params: [BLOCK + 1, 0] }),
          `SELECT id, ${column} FROM repair_orders ORDER BY ${column} ${dir}${tail} LIMIT ? OFFSET ?`,
          `r.${column} ${dir}${tail.replace(/, (\w+)/g, ', r.$1')}`,
        ),
      );
    }
  }
  cases.push(
    textCase('RO no. (sequence)', (s) => s.ro().number.slice(-6)),
    textCase('RO no. (whole)', (s) => s.ro().number),
    textCase('plate', (s) => s.ro("v.plate <> ''").plate),
    textCase('VIN tail (6)', (s) => s.ro().vin.slice(-6)),
    textCase('customer name', (s) => s.ro().customer_name),
  );
  cases.push(
    gridCase(
      'advisor filter',
      (s) => {
        const advisorId = s.advisorId();
        return { input: { ...page(), advisorId }, params: [advisorId, BLOCK + 1, 0] };
      },
      'SELECT id FROM repair_orders WHERE advisor_id = ? ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?',
      'r.opened_at DESC, r.id DESC',
      'manager',
    ),
  );
  for (const status of RO_STATUSES) {
    cases.push(
      gridCase(
        `status ${status}`,
        () => ({ input: { ...page(), status: [status] }, params: [status, BLOCK + 1, 0] }),
        'SELECT id FROM repair_orders WHERE status = ? ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?',
        'r.opened_at DESC, r.id DESC',
      ),
    );
  }
  cases.push(
    gridCase(
      'view mine_open',
      (s) => {
        // The advisor signed in is the demo advisor; raw reads the same advisor's open ROs.
        return { input: { ...page(), view: 'mine_open' }, params: [s.demoAdvisorId(), BLOCK + 1, 0] };
      },
      `SELECT id FROM repair_orders WHERE advisor_id = ? AND status IN ('open', 'in_progress', 'qc', 'ready') ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?`,
      'r.opened_at DESC, r.id DESC',
    ),
    gridCase(
      'view due_today',
      (s) => ({
        input: { ...page(), view: 'due_today' },
        params: [deskDayStart(s.today), deskDayStart(addDays(s.today, 1)), BLOCK + 1, 0],
      }),
      `SELECT id, promised_at FROM repair_orders WHERE status IN ('open', 'in_progress', 'qc', 'ready') AND promised_at >= ? AND promised_at < ?
        ORDER BY promised_at, id LIMIT ? OFFSET ?`,
      'r.promised_at, r.id',
    ),
    gridCase(
      'view late',
      () => ({ input: { ...page(), view: 'late' }, params: [new Date().toISOString(), BLOCK + 1, 0] }),
      `SELECT id, promised_at FROM repair_orders WHERE status IN ('open', 'in_progress', 'qc', 'ready') AND promised_at < ?
        ORDER BY promised_at, id LIMIT ? OFFSET ?`,
      'r.promised_at, r.id',
    ),
    gridCase(
      'payer warranty',
      () => ({ input: { ...page(), payer: 'warranty' }, params: [BLOCK + 1, 0] }),
      `SELECT id FROM repair_orders r WHERE EXISTS (SELECT 1 FROM repair_order_jobs j WHERE j.repair_order_id = r.id AND j.payer = 'warranty')
        ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?`,
      'r.opened_at DESC, r.id DESC',
    ),
    gridCase(
      'opened in a month',
      (s) => {
        const month = s.recentMonth(120);
        const from = `${month}-01`;
        const to = addDays(`${month}-28`, 0);
        return {
          input: { ...page(), openedFrom: from, openedTo: to },
          params: [deskDayStart(from), deskDayStart(addDays(to, 1)), BLOCK + 1, 0],
        };
      },
      'SELECT id FROM repair_orders WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?',
      'r.opened_at DESC, r.id DESC',
    ),
  );
  // Scrolling deep: the grid asks block after block; the 50th block is 5,000 rows down.
  const deep: [string, Partial<RoGridInput>, string][] = [
    ['deep page 50 (default)', {}, ''],
    ['deep page 50, status closed', { status: ['closed'] }, "WHERE status = 'closed'"],
  ];
  for (const [label, extra, idsWhere] of deep) {
    cases.push(
      gridCase(
        label,
        (s) => {
          const startRow = BLOCK * s.random.int(40, 60);
          return { input: { ...page(startRow), ...extra }, params: [BLOCK + 1, startRow] };
        },
        `SELECT id FROM repair_orders ${idsWhere} ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?`,
        'r.opened_at DESC, r.id DESC',
      ),
    );
  }
  cases.push(
    gridCase(
      'deep page 50, sort promisedAt desc',
      (s) => {
        const startRow = BLOCK * s.random.int(40, 60);
        return {
          input: { ...page(startRow), sortModel: [{ colId: 'promisedAt', sort: 'desc' }] },
          params: [BLOCK + 1, startRow],
        };
      },
      'SELECT id, promised_at, opened_at FROM repair_orders ORDER BY promised_at DESC, opened_at DESC, id DESC LIMIT ? OFFSET ?',
      'r.promised_at DESC, r.opened_at DESC, r.id DESC',
    ),
  );
  return [...cases, ...repairOrderScreens()] as ReadCase<never>[];
}

interface RoOpen {
  id: number;
  vehicleId: number;
  status: string;
}

/** A typed refusal (not found, forbidden, a rule) is an answer the screen shows; an internal error is a failure. */
function typedAnswer(error: unknown): null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || code === 'INTERNAL' || code === 'INTERNAL_SERVER_ERROR') throw error;
  return null;
}

/**
 * The calls RepairOrderPage and its sections make when it opens (RepairOrderPage.tsx and its panels), each only
 * when the role may make it: the sections hide themselves by the contract's roles (renderer/src/app/access.ts).
 */
async function openRoPage(role: Role, client: Client, ro: RoOpen): Promise<void> {
  const detail = await client.repairOrders.get({ id: ro.id });
  const settled = ['ready', 'delivered', 'closed'].includes(detail.status);
  const may = (procedure: { '~orpc': { meta: unknown } }) => roleMayCall(role, (procedure['~orpc'].meta as ProcedureMeta).access);
  const c = contract;
  // A section that is refused shows its own message (e.g. another advisor's survey): that is its answer too.
  const shown = (call: Promise<unknown> | false) => (call ? call.catch(typedAnswer) : call);
  await Promise.all([
    shown(may(c.warrantyRisk.vehicle) && client.warrantyRisk.vehicle({ vehicleId: detail.vehicle.id })),
    shown(may(c.repairOrders.getCheckIn) && client.repairOrders.getCheckIn({ id: detail.id })),
    shown(may(c.repairOrders.declinedWork) && client.repairOrders.declinedWork({ vehicleId: detail.vehicle.id, limit: 200 })),
    shown(may(c.workshop.roJobs) && client.workshop.roJobs({ repairOrderId: detail.id })),
    shown(may(c.repairOrders.authorisations) && client.repairOrders.authorisations({ id: detail.id })),
    shown(
      detail.status !== 'open' &&
        detail.status !== 'cancelled' &&
        may(c.workshop.qcStatus) &&
        client.workshop.qcStatus({ repairOrderId: detail.id }),
    ),
    shown(settled && may(c.repairOrders.settlement) && client.repairOrders.settlement({ id: detail.id })),
    shown(may(c.followup.surveyResponseOfOrder) && client.followup.surveyResponseOfOrder({ repairOrderId: detail.id })),
    shown(may(c.audit.ofRepairOrder) && client.audit.ofRepairOrder({ repairOrderId: detail.id, offset: 0, limit: 20 })),
  ]);
}

/** The same reads by hand: the RO, its jobs and lines, history, check-in, declined work, QC, payments, survey, audit. */
function rawRoPage(db: RawDb, ro: RoOpen): void {
  db.get(
    `SELECT r.*, c.name, v.vin, v.plate, v.make, v.model, u.display_name FROM repair_orders r
       JOIN customers c ON c.id = r.customer_id JOIN vehicles v ON v.id = r.vehicle_id JOIN users u ON u.id = r.advisor_id WHERE r.id = ?`,
    ro.id,
  );
  db.all(
    'SELECT j.*, t.display_name FROM repair_order_jobs j LEFT JOIN users t ON t.id = j.technician_id WHERE j.repair_order_id = ? ORDER BY j.position',
    ro.id,
  );
  db.all(
    `SELECT l.*, pr.reserved_milli, pr.to_order_milli, pr.issued_milli, pr.status FROM repair_order_lines l
       LEFT JOIN part_reservations pr ON pr.line_id = l.id WHERE l.repair_order_id = ? ORDER BY l.job_id, l.position`,
    ro.id,
  );
  db.all(
    'SELECT h.*, u.display_name FROM repair_order_status_history h JOIN users u ON u.id = h.changed_by WHERE h.repair_order_id = ? ORDER BY h.id',
    ro.id,
  );
  db.get('SELECT * FROM repair_order_check_ins WHERE repair_order_id = ?', ro.id);
  db.all('SELECT * FROM check_in_damage_marks WHERE repair_order_id = ?', ro.id);
  db.all('SELECT id, caption FROM check_in_photos WHERE repair_order_id = ? ORDER BY id', ro.id);
  db.all(
    "SELECT * FROM declined_work WHERE vehicle_id = ? AND status = 'open' ORDER BY declined_at DESC LIMIT 201",
    ro.vehicleId,
  );
  // job_clockings has no index by RO: its jobs' index answers it.
  db.all(
    'SELECT c.* FROM repair_order_jobs j JOIN job_clockings c ON c.job_id = j.id WHERE j.repair_order_id = ? ORDER BY c.id',
    ro.id,
  );
  db.all('SELECT * FROM repair_order_authorisations WHERE repair_order_id = ? ORDER BY id', ro.id);
  db.all('SELECT * FROM qc_inspections WHERE repair_order_id = ? ORDER BY id', ro.id);
  db.all('SELECT * FROM repair_order_payments WHERE repair_order_id = ? ORDER BY id', ro.id);
  db.get('SELECT * FROM repair_order_deliveries WHERE repair_order_id = ?', ro.id);
  db.get('SELECT * FROM survey_responses WHERE repair_order_id = ?', ro.id);
  db.all('SELECT * FROM audit_log WHERE repair_order_id = ? ORDER BY at DESC, id DESC LIMIT 21', ro.id);
  db.all(
    `SELECT j.id, j.work_category, d.delivered_at FROM repair_orders r JOIN repair_order_jobs j ON j.repair_order_id = r.id
       LEFT JOIN repair_order_deliveries d ON d.repair_order_id = r.id WHERE r.vehicle_id = ? ORDER BY r.opened_at DESC LIMIT 50`,
    ro.vehicleId,
  );
}

function repairOrderScreens(): ReadCase<RoOpen>[] {
  const drawRo = (where: string) => (s: Sample) => {
    const ro = s.ro(where);
    return { id: ro.id, vehicleId: ro.vehicle_id, status: ro.status };
  };
  return [
    {
      name: 'RO page opening (any RO)',
      group: 'screen opening',
      role: 'advisor',
      draw: drawRo('1'),
      api: (client, ro) => openRoPage('advisor', client, ro),
      raw: rawRoPage,
    },
    {
      name: 'RO page opening (an open RO)',
      group: 'screen opening',
      role: 'advisor',
      draw: drawRo(`t.status IN (${OPEN.map((s) => `'${s}'`).join(', ')})`),
      api: (client, ro) => openRoPage('advisor', client, ro),
      raw: rawRoPage,
    },
    {
      name: 'RO list screen opening',
      group: 'screen opening',
      role: 'advisor',
      draw: () => ({ id: 0, vehicleId: 0, status: '' }),
      api: async (client) => {
        await Promise.all([
          client.repairOrders.grid({ ...page() }),
          client.parts.arrivalNotices({}),
          client.repairOrders.promiseRisks({}),
        ]);
      },
      raw: (db) => {
        roRows(db, 'SELECT id FROM repair_orders ORDER BY opened_at DESC, id DESC LIMIT 101', [], 'r.opened_at DESC, r.id DESC');
        db.all('SELECT * FROM part_arrival_notices WHERE seen_at IS NULL ORDER BY created_at DESC LIMIT 50');
        db.all(
          `SELECT r.id, r.number, r.promised_at, (SELECT count(*) FROM part_reservations pr WHERE pr.repair_order_id = r.id AND pr.to_order_milli > 0) AS waiting
             FROM repair_orders r WHERE r.status IN ('open', 'in_progress') AND r.promised_at IS NOT NULL`,
        );
      },
    },
  ];
}
