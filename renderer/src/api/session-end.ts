import { toApiError } from './errors';
import { getSession, setSession } from './session';

/** Why the last session ended on the core (e.g. `session.expired`), for the login screen to say; null once read. */
let endedBecause: string | null = null;

/**
 * A call refused as UNAUTHENTICATED while signed in: the session ended on the core (idle, 12 h, password changed,
 * signed out elsewhere). Back to the login screen; the screen's address (and the look-up typed in it) stays.
 */
export function endRefusedSession(error: unknown): void {
  const apiError = toApiError(error);
  // A desk revoked by a manager (issue 16) is refused with FORBIDDEN: it too goes back to the login page, to pair again.
  const revoked = apiError.code === 'FORBIDDEN' && apiError.issues[0]?.reason === 'desk.revoked';
  if ((apiError.code !== 'UNAUTHENTICATED' && !revoked) || !getSession()) return;
  endedBecause = apiError.issues[0]?.reason ?? 'session.expired';
  setSession(null);
}

export function sessionEndReason(): string | null {
  return endedBecause;
}

export function clearSessionEndReason(): void {
  endedBecause = null;
}
