import type BetterSqlite3 from 'better-sqlite3';
import type { Role } from '../../shared/domain/roles';
import type { Clock } from './clock';
import type { Db } from './db/connection';
import type { ChangeBus } from './events';

/** The person a procedure runs for. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** What every service gets: the database, the clock, the in-memory session cache (by bearer token), the files folder. */
export interface CoreDeps {
  db: Db;
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  sessions: Map<string, { actor: Actor; expiresAt: string }>;
  /** Files kept next to the database and referenced from it (check-in photos): `<database folder>/files`. */
  filesDir: string;
  /** Changes told to the other desks (publish after a write commits). */
  events: ChangeBus;
}
