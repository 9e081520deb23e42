import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

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
 * Opens the database file the way BayDesk always does:
 * - WAL, so the look-up keeps reading while a desk writes;
 * - synchronous=NORMAL, which in WAL mode cannot corrupt the file and only risks the last commits on power loss
 *   (FULL is chosen in issue "Trust" if a test shows it is needed);
 * - foreign keys on (SQLite leaves them off by default);
 * - a busy timeout, for the day several processes open the same file.
 */
export function openSqlite(file: string, options: OpenOptions = {}): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function kyselyOver(sqlite: BetterSqlite3.Database): Db {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}
