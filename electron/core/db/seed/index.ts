import type { DemoUser } from '../../../../shared/contract/users';
import { ROLES } from '../../../../shared/domain/roles';
import { isoNow } from '../../clock';
import type { CoreDeps } from '../../context';
import type { Db } from '../connection';
import { writeSetting } from '../../settings/repository';
import { hashPassword } from '../../users/password';
import { countUsers, insertUser } from '../../users/repository';
import { DEMO_SETTING, type DemoInfo } from '../../users/service';
import { DEMO_DISPLAY_NAMES } from './data';
import { planDealership } from './generate';
import { HISTORY_STAFF, seedHistory, WORKSHOP_CREW, type HistoryCounts } from './history';
import { insertDealership, type InsertedCounts } from './insert';
import { seedParts } from './parts';

export interface SeedOptions {
  customers: number;
  vehicles: number;
  /** The random seed: the same seed (and clock) builds the same dealership. */
  seed?: number;
  /**
   * Thirteen months of service history up to today (ROs, surveys, complaints, cars in the workshop; see history.ts),
   * with a few more advisors and technicians. Off by default: the end-to-end tests expect a dealership without ROs.
   */
  history?: boolean;
}

/** The demo dealership `npm start` opens with: small enough to seed in a blink, big enough to look lived in. */
export const DEMO_SMALL: Readonly<Required<Omit<SeedOptions, 'history'>>> = { customers: 300, vehicles: 400, seed: 42 };
/** The scale docs/domain.md designs for ("Scale to design for": a busy dealership); the bench runs at this size. */
export const DEMO_LARGE: Readonly<Required<Omit<SeedOptions, 'history'>>> = { customers: 150_000, vehicles: 200_000, seed: 42 };

export const DEMO_PASSWORD = 'demo1234';
const DEFAULT_SEED = 42;
const MAX_ROWS = 5_000_000;

export interface SeedReport extends InsertedCounts {
  seed: number;
  users: DemoUser[];
  password: string;
  /** What the history wrote; null when it was not asked for. */
  history: HistoryCounts | null;
  /** Milliseconds: planning the timeline (cars, sales, owners), making and writing the rows, the history, and the whole call. */
  ms: { plan: number; insert: number; history: number; total: number };
}

export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefusedError';
  }
}

/**
 * Writes the demo staff with their password hashes (in the same order) and lists `demo` on the login screen; returns
 * the users' ids in order. The generated dealership (seed/scale) signs its staff in the same way.
 */
export async function insertDemoUsers(
  trx: Db,
  users: readonly DemoUser[],
  hashes: readonly string[],
  demo: DemoInfo,
  now: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, user] of users.entries()) {
    ids.push(
      await insertUser(trx, {
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        password_hash: hashes[i]!,
        now,
      }),
    );
  }
  await writeSetting(trx, DEMO_SETTING, JSON.stringify(demo));
  return ids;
}

/** Whether the file already holds customer files or cars (demo data must never mix into real data). */
async function holdsData(deps: CoreDeps): Promise<boolean> {
  const customer = await deps.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  const vehicle = await deps.db.selectFrom('vehicles').select('id').limit(1).executeTakeFirst();
  return customer !== undefined || vehicle !== undefined;
}

/**
 * Fills a new database with a believable demo dealership (customers, phones, cars, owners, mileage) and one demo
 * user per role (username = role, password DEMO_PASSWORD), listed on the login screen through the 'demo' setting.
 * Everything is written in one transaction: a failure leaves the database as it was. Refuses a database that
 * already has users or customer files, so it can never mix demo data into real data.
 */
export async function seedDemo(core: { deps: CoreDeps }, options: SeedOptions): Promise<SeedReport> {
  const { deps } = core;
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  for (const [what, n] of [
    ['customers', options.customers],
    ['vehicles', options.vehicles],
  ] as const) {
    if (!Number.isInteger(n) || n < 0 || n > MAX_ROWS)
      throw new RangeError(`seed: ${what} must be a whole number from 0 to ${MAX_ROWS}, got ${n}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed: the random seed must be a whole number, got ${seed}`);

  const refuse = () =>
    new SeedRefusedError(
      'This database already has users or customer files: demo data is only seeded into a new, empty database. ' +
        'Choose another file (or delete this one if it only ever held demo data).',
    );
  if (Number((await countUsers(deps.db)).n) > 0 || (await holdsData(deps))) throw refuse();

  // scrypt is slow on purpose (tens of ms a hash): hash every demo password at once on libuv's pool, before any transaction
  // and while the dealership is being planned on this thread.
  const users: DemoUser[] = [
    ...ROLES.map((role) => ({ username: role, displayName: DEMO_DISPLAY_NAMES[role], role })),
    ...(options.history ? [...HISTORY_STAFF, ...WORKSHOP_CREW] : []),
  ];
  const hashes = Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));
  hashes.catch(() => undefined);

  const planStarted = performance.now();
  const plan = planDealership({ customers: options.customers, vehicles: options.vehicles, seed, now: deps.clock.now() });
  const planMs = performance.now() - planStarted;
  const passwordHashes = await hashes;

  // The login screen lists one of each role and the history's advisors and technicians, not the whole crew.
  const demo: DemoInfo = { users: users.filter((user) => !WORKSHOP_CREW.includes(user)), password: DEMO_PASSWORD };
  const now = isoNow(deps.clock);
  let insertMs = 0;
  let historyMs = 0;
  let history: HistoryCounts | null = null;
  const counts = await deps.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: another desk may have run first-time set-up meanwhile.
    if (Number((await countUsers(trx)).n) > 0) throw refuse();
    const userIds = await insertDemoUsers(trx, users, passwordHashes, demo, now);
    const partsClerkId = userIds[users.findIndex((user) => user.role === 'parts_clerk')]!;
    // The parts room (about 300 parts, stocked through the ledger): the same at every scale, so it stays small.
    await seedParts(trx, { seed, userId: partsClerkId, now: deps.clock.now() });
    // The bulk rows go straight through better-sqlite3 (see insert.ts for why). kysely's transaction holds the one
    // connection, so these synchronous statements belong to the same transaction: users and data commit together.
    const insertStarted = performance.now();
    const inserted = insertDealership(deps.sqlite, plan);
    insertMs = performance.now() - insertStarted;
    if (options.history) {
      // Through the API as the staff would work, in this same transaction (see history.ts).
      const historyStarted = performance.now();
      history = await seedHistory(trx, deps, { seed });
      historyMs = performance.now() - historyStarted;
    }
    return inserted;
  });

  return {
    ...counts,
    seed,
    users,
    password: DEMO_PASSWORD,
    history,
    ms: { plan: planMs, insert: insertMs, history: historyMs, total: performance.now() - started },
  };
}
