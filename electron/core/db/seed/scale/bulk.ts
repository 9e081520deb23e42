import type BetterSqlite3 from 'better-sqlite3';

/**
 * Bulk-load settings. Secondary indexes are dropped before the load and rebuilt from their own CREATE statements
 * afterwards: SQLite builds an index from sorted rows many times faster than it keeps it up to date row by row, and
 * the rebuilt index is the same object (same name, same SQL text in sqlite_master; the integration test compares
 * the schema with a freshly migrated one). Indexes behind UNIQUE and PRIMARY KEY constraints cannot be dropped and
 * stay. The file's journal is in memory and nothing is synced meanwhile: a failed run leaves a file to delete, and the caller
 * writes to a temporary name.
 */
export function beginBulk(sqlite: BetterSqlite3.Database): { indexes: { name: string; sql: string }[] } {
  const indexes = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
    .all() as { name: string; sql: string }[];
  // MEMORY, not OFF: better-sqlite3 runs SQLite in defensive mode, which refuses OFF; the rollback journal of a
  // bulk load is small anyway (new pages are appended, few existing ones change).
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -1000000');
  // CREATE INDEX sorts with helper threads when it may (a second core, when the machine has one free).
  sqlite.pragma('threads = 2');
  // Checked once the rows are in (the test runs foreign_key_check): some parents are written after their children.
  sqlite.pragma('foreign_keys = OFF');
  // Measured at 1y: 21 s of CPU with every index dropped, 27 s keeping those whose keys come in random order, 30 s
  // keeping all (though most keys come in time order and only append).
  for (const { name } of indexes) sqlite.prepare(`DROP INDEX "${name}"`).run();
  return { indexes };
}

/** Rebuilds the dropped indexes, analyses nothing (the core's own start-up decides that), and goes back to WAL. */
export function endBulk(sqlite: BetterSqlite3.Database, state: { indexes: { name: string; sql: string }[] }): void {
  for (const { sql } of state.indexes) sqlite.prepare(sql).run();
  sqlite.pragma('locking_mode = NORMAL');
  sqlite.pragma('journal_mode = WAL');
}
