import type BetterSqlite3 from 'better-sqlite3';
import type { Role } from '../../shared/domain/roles';
import type { Clock } from './clock';
import type { Db } from './db/connection';

/** The person a procedure runs for. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** What every service gets: the database, the clock, and the in-memory session cache (by bearer token). */
export interface CoreDeps {
  db: Db;
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  sessions: Map<string, { actor: Actor; expiresAt: string }>;
}
