import type { Generated } from 'kysely';

/** A desk paired with the server (migration 0030): only the credential's SHA-256 is kept. */
export interface DesksTable {
  id: Generated<number>;
  name: string;
  credential_hash: string;
  paired_at: string;
  paired_by: number | null;
  last_seen_at: string | null;
  last_address: string | null;
  /** The BayDesk version the desk last said it runs (desktop desks; null for browser desks). */
  app_version: string | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface DeskPairingCodesTable {
  id: Generated<number>;
  code_hash: string;
  created_at: string;
  created_by: number;
  expires_at: string;
  used_at: string | null;
  desk_id: number | null;
}

/** The one row counting wrong pairing codes (id = 1). */
export interface DeskPairingLockTable {
  id: number;
  failed_count: number;
  last_failed_at: string;
  locked_until: string | null;
}
