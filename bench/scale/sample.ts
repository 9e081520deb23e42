/**
 * Inputs drawn from the data itself (random ROs, plates, parts, customers, months), with a seeded Random so two
 * runs on the same file time the same calls. Rows are drawn by a random id and the first row at or after it, which
 * is one index step whatever the size of the table.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Random } from '../../electron/core/db/seed/random';

export interface RoRow {
  id: number;
  number: string;
  status: string;
  customer_id: number;
  vehicle_id: number;
  advisor_id: number;
  opened_at: string;
  plate: string;
  vin: string;
  customer_name: string;
}

export interface VehicleRow {
  id: number;
  vin: string;
  plate: string;
}

export interface CustomerRow {
  id: number;
  name: string;
  name_key: string;
  version: number;
}

export interface PartRow {
  id: number;
  part_number: string;
  name_zh: string;
  default_bin: string;
}

const DESK_OFFSET_MS = 8 * 3600_000;

/** The desk's (Asia/Shanghai) calendar day of an instant. */
export function deskDay(at: Date): string {
  return new Date(at.getTime() + DESK_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First and last day of a month 'YYYY-MM'. */
export function monthDays(month: string): { from: string; to: string } {
  const next = `${shiftMonth(month, 1)}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

/** The UTC instant at which the desk's day starts. */
export function deskDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DESK_OFFSET_MS).toISOString();
}

export class Sample {
  readonly random: Random;
  readonly today: string;
  readonly month: string;
  readonly advisorIds: number[];
  readonly technicianIds: number[];
  /** Months that hold ROs, oldest first ('YYYY-MM'). */
  readonly months: string[];
  private readonly max: Record<string, number> = {};
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    seed: number,
    now = new Date(),
  ) {
    this.random = new Random(seed);
    this.today = deskDay(now);
    this.month = this.today.slice(0, 7);
    const users = sqlite.prepare("SELECT id, role FROM users WHERE active = 1 AND role IN ('advisor', 'technician')").all() as {
      id: number;
      role: string;
    }[];
    this.advisorIds = users.filter((u) => u.role === 'advisor').map((u) => u.id);
    this.technicianIds = users.filter((u) => u.role === 'technician').map((u) => u.id);
    const first = sqlite.prepare('SELECT min(opened_at) AS at FROM repair_orders').get() as { at: string | null };
    const months: string[] = [];
    if (first.at) for (let m = deskDay(new Date(first.at)).slice(0, 7); m <= this.month; m = shiftMonth(m, 1)) months.push(m);
    this.months = months.length > 0 ? months : [this.month];
  }

  private prepare(source: string): BetterSqlite3.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.sqlite.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  private maxId(table: string): number {
    return (this.max[table] ??= (this.prepare(`SELECT max(id) AS n FROM ${table}`).get() as { n: number | null }).n ?? 0);
  }

  /** The first row at or after a random id of the table (the query selects from `table` aliased as t). */
  private draw<T>(table: string, select: string, where = '1'): T {
    const max = this.maxId(table);
    if (max === 0) throw new Error(`no rows in ${table}`);
    const statement = this.prepare(`${select} WHERE t.id >= ? AND (${where}) ORDER BY t.id LIMIT 1`);
    for (let attempt = 0; attempt < 50; attempt++) {
      const row = statement.get(this.random.int(1, max)) as T | undefined;
      if (row) return row;
    }
    const row = statement.get(1) as T | undefined;
    if (!row) throw new Error(`no row of ${table} where ${where}`);
    return row;
  }

  ro(where = '1'): RoRow {
    return this.draw<RoRow>(
      'repair_orders',
      `SELECT t.id, t.number, t.status, t.customer_id, t.vehicle_id, t.advisor_id, t.opened_at, v.plate, v.vin, c.name AS customer_name
         FROM repair_orders t JOIN vehicles v ON v.id = t.vehicle_id JOIN customers c ON c.id = t.customer_id`,
      where,
    );
  }

  vehicle(where = '1'): VehicleRow {
    return this.draw<VehicleRow>('vehicles', 'SELECT t.id, t.vin, t.plate FROM vehicles t', where);
  }

  /** A vehicle with a current owner (ROs and appointments are written for one). */
  ownedVehicle(): VehicleRow & { customer_id: number } {
    return this.draw<VehicleRow & { customer_id: number }>(
      'vehicles',
      'SELECT t.id, t.vin, t.plate, o.customer_id FROM vehicles t JOIN vehicle_ownerships o ON o.vehicle_id = t.id AND o.to_at IS NULL',
    );
  }

  customer(where = 't.merged_into_id IS NULL AND t.erased_at IS NULL'): CustomerRow {
    return this.draw<CustomerRow>('customers', 'SELECT t.id, t.name, t.name_key, t.version FROM customers t', where);
  }

  part(where = 't.active = 1'): PartRow {
    return this.draw<PartRow>('parts', 'SELECT t.id, t.part_number, t.name_zh, t.default_bin FROM parts t', where);
  }

  partBrand(): string {
    return this.draw<{ brand: string }>('parts', 'SELECT t.brand FROM parts t', "t.brand <> ''").brand;
  }

  /** A part with movements in the ledger (the part page shows them). */
  movedPartId(): number {
    return this.draw<{ part_id: number }>('stock_movements', 'SELECT t.part_id FROM stock_movements t').part_id;
  }

  operationId(): number {
    return this.draw<{ id: number }>('labor_operations', 'SELECT t.id FROM labor_operations t', 't.active = 1').id;
  }

  phone(): string {
    return this.draw<{ number: string }>('customer_phones', 'SELECT t.number FROM customer_phones t').number;
  }

  /** The id of a user by name (the demo users are named after their role). */
  userId(username: string): number {
    const row = this.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number } | undefined;
    if (!row) throw new Error(`no user ${username}`);
    return row.id;
  }

  demoAdvisorId(): number {
    return this.userId('advisor');
  }

  advisorId(): number {
    if (this.advisorIds.length === 0) throw new Error('no advisors');
    return this.random.pick(this.advisorIds);
  }

  /** A month among the last `within` months that hold data. */
  recentMonth(within = 12): string {
    const months = this.months.slice(-within);
    return this.random.pick(months);
  }

  /** A whole month before the current one (a report's usual choice). */
  pastMonth(within = 24): string {
    const months = this.months.slice(-within - 1, -1);
    return months.length > 0 ? this.random.pick(months) : this.month;
  }

  /** A desk day among the last `within` days. */
  recentDay(within = 365): string {
    return addDays(this.today, -this.random.int(0, within));
  }
}
