import type BetterSqlite3 from 'better-sqlite3';
import type { Role } from '../../shared/domain/roles';
import type { Clock } from './clock';
import type { Db } from './db/connection';
import type { ChangeBus } from './events';
import type { CoreWorkers } from './workers/core-workers';

/** The person a procedure runs for. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** A live session in memory. `lastSeenAt`/`storedSeenAt` are set for sessions read from the sessions table. */
export interface SessionEntry {
  actor: Actor;
  expiresAt: string;
  /** The latest call seen (never moved back by a clock set back). */
  lastSeenAt?: string;
  /** What sessions.last_seen_at holds: written again only once it is a minute behind. */
  storedSeenAt?: string;
}

/** What every service gets: the database, the clock, the in-memory session cache (by bearer token), the files folder. */
export interface CoreDeps {
  db: Db;
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  sessions: Map<string, SessionEntry>;
  /** Idle limit of a session (no call for this long ends it); null or absent: none (scripts, most tests). */
  sessionIdleMs?: number | null;
  /** Files kept next to the database and referenced from it (check-in photos): `<database folder>/files`. */
  filesDir: string;
  /** Changes told to the other desks (publish after a write commits). */
  events: ChangeBus;
  /** The database file and the better-sqlite3 build it was opened with: backups check copies and restore reopens. */
  database: { file: string; nativeBinding?: string };
  /** Where long work runs off the thread that answers calls: long reads and backups (electron/core/workers). */
  workers: CoreWorkers;
}
