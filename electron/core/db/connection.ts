import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database } from './schema';
import { writeTurnsOf, type WriteTurns } from './write-turns';

export type Db = Kysely<Database>;

export interface OpenOptions {
  /** Path of a better-sqlite3 build for another runtime (Electron's ABI); tests and browser mode use Node's. */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Kysely prepares every query it runs; this keeps the prepared statements of the hot queries (the look-up runs on
 * every key press) so each is compiled by SQLite once. The key is the SQL text, so values never leak into it.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 256): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = target.prepare(source);
          if (cache.size >= size) cache.delete(cache.keys().next().value as string);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

/**
 * Opens the database file the way BayDesk always does. The file is a dealership's legal record (repair records kept
 * six years under the 三包 rules, payments, signed ROs whose numbers are on paper), so a write the API acknowledged
 * must still be there after a process kill or a power cut. tests/integration/durability.test.ts kills the core with
 * SIGKILL mid-burst and finds every acknowledged write and an intact file.
 */
export function openSqlite(file: string, options: OpenOptions = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  // WAL: the look-up and the reports keep reading while a desk writes, and a commit is one append to the -wal file;
  // a killed process leaves committed frames there, and the next open replays them.
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: with NORMAL a commit reaches the OS but is synced only at the next checkpoint, which survives a
  // crash of BayDesk but not a power cut or an OS crash: the last seconds of work (an RO the customer signed, a
  // payment, a number already printed) would silently roll back and their numbers be handed out again. FULL syncs
  // the WAL on every commit. Measured here (virtual disk, loaded machine): a one-row commit 0.1-0.15 ms with NORMAL,
  // 4.5-5.3 ms with FULL; customers.create through the API 3-6 ms vs 9-17 ms. Desks write at human pace, and the
  // bulk writes (demo seed, price import) are one transaction each, so nobody waits on it.
  sqlite.pragma('synchronous = FULL');
  // macOS's fsync leaves the data in the drive's cache; F_FULLFSYNC (for commits and checkpoints alike) is what
  // reaches the flash there. Ignored on Windows and Linux, where FlushFileBuffers/fsync already flush the drive.
  sqlite.pragma('fullfsync = ON');
  // SQLite's default, said out loud: fold the WAL into the file every ~1000 pages (4 MiB), so it stays small and a
  // restart replays little. The committing desk pays the checkpoint (a few ms, now and then).
  sqlite.pragma('wal_autocheckpoint = 1000');
  // A long read (a yearly report, a backup) holds checkpoints back and lets the WAL grow; once it is reset, shrink
  // it back to 64 MiB instead of keeping the high-water mark on disk forever.
  sqlite.pragma('journal_size_limit = 67108864');
  // Foreign keys on (SQLite leaves them off by default).
  sqlite.pragma('foreign_keys = ON');
  // The core owns the file, but a backup tool, the sqlite3 CLI or a second copy started by mistake may hold a lock
  // for a moment: wait up to 5 s rather than fail a desk's save at once. (better-sqlite3 waits synchronously, so
  // never longer: the whole core stands still meanwhile.)
  sqlite.pragma('busy_timeout = 5000');
  // No explicit checkpoint on close: when the last connection closes (core.close() -> db.destroy()) SQLite folds
  // the WAL into the file and deletes it by itself, and the e2e fixtures rely on that to copy one file.
  return sqlite;
}

/** Told every statement kysely runs, with its parameters (plan tests read the real SQL of a procedure this way). */
export type StatementListener = (sql: string, parameters: readonly unknown[]) => void;
const statementListeners = new Set<StatementListener>();

/** Listens to every statement any core's kysely runs until the returned function is called. */
export function observeStatements(listener: StatementListener): () => void {
  statementListeners.add(listener);
  return () => statementListeners.delete(listener);
}

/**
 * A statement outside a transaction that writes (a session's last-seen time) takes the writers' turn around it; the
 * others run as they are. `readonly` is SQLite's own verdict on the prepared statement (a transaction's turn is taken
 * by the driver, and its BEGIN IMMEDIATE, which SQLite counts as a write, bypasses this).
 */
class TurnTakingConnection implements DatabaseConnection {
  constructor(
    /** The driver's own connection: BEGIN IMMEDIATE goes there directly (SQLite counts it as a write). */
    readonly inner: DatabaseConnection,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly turns: WriteTurns,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.sqlite.inTransaction || this.sqlite.prepare(query.sql).readonly) return this.inner.executeQuery<R>(query);
    const end = await this.turns.acquire();
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      end();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * A writing connection's transactions: the writers' turn first (write-turns.ts), then BEGIN IMMEDIATE (the write
 * lock at once, so a transaction that reads before it writes never meets a stale snapshot), the turn ended with the
 * COMMIT or ROLLBACK. The core's connection is not the file's only writer: a price import writes from a worker.
 */
class TurnTakingDriver extends SqliteDriver {
  private wrapped: TurnTakingConnection | null = null;
  private endTurn: (() => void) | null = null;

  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly turns: WriteTurns,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return (this.wrapped ??= new TurnTakingConnection(connection, this.sqlite, this.turns));
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.endTurn = await this.turns.acquire();
    try {
      const direct = connection instanceof TurnTakingConnection ? connection.inner : connection;
      await direct.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      this.finishTurn();
      throw error;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT leaves the transaction open: kysely rolls it back next, and that ends the turn.
    await super.commitTransaction(connection);
    this.finishTurn();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.finishTurn();
    }
  }

  private finishTurn(): void {
    const end = this.endTurn;
    this.endTurn = null;
    end?.();
  }
}

class WriterSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writerConfig: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly turns: WriteTurns,
  ) {
    super(writerConfig);
  }

  override createDriver(): Driver {
    return new TurnTakingDriver(this.writerConfig, this.sqlite, this.turns);
  }
}

/**
 * Kysely over a better-sqlite3 connection. A writing connection takes the file's writers' turns: the core's own
 * (by file) unless `turns` says otherwise (a worker's, asked of the core's thread).
 */
export function kyselyOver(sqlite: BetterSqlite3.Database, turns?: WriteTurns): Db {
  const cached = withStatementCache(sqlite);
  const config: SqliteDialectConfig = { database: cached };
  return new Kysely<Database>({
    dialect: sqlite.readonly
      ? new SqliteDialect(config)
      : new WriterSqliteDialect(config, cached, turns ?? writeTurnsOf(sqlite.name)),
    log(event) {
      if (statementListeners.size === 0) return;
      for (const listener of statementListeners) listener(event.query.sql, event.query.parameters);
    },
  });
}
