import type { Generated } from 'kysely';
import type { Role } from '../../../../shared/domain/roles';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  /** Last call (at most a minute stale); null for sessions from before migration 0021. */
  last_seen_at: string | null;
}

/** Consecutive failed sign-ins per typed username (known or not); see migration 0021. */
export interface LoginFailuresTable {
  username: string;
  failed_count: number;
  last_failed_at: string;
  locked_until: string | null;
}
