import { createHash } from 'node:crypto';

/** The sessions table keeps only this hash: a copied database file opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
