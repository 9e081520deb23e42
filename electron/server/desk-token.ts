import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the desk token lives: next to the database, readable by the desk's own account only. */
export const DESK_TOKEN_FILE = 'desk-token';
export { DESK_TOKEN_COOKIE, DESK_TOKEN_HEADER } from '../../shared/desk-token';

/**
 * The shared token every request must carry when browser mode serves other machines. Made at the first such start
 * and kept, so the address printed once (and bookmarked on the other desks) keeps working after a restart.
 */
export function loadDeskToken(dataDir: string): string {
  const file = join(dataDir, DESK_TOKEN_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Constant-time comparison (of digests, so unequal lengths take the same path). */
export function deskTokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
