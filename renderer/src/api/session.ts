import type { SessionDto } from '../../../shared/contract/users';

/**
 * The signed-in session of this window. Kept in sessionStorage so a reload keeps you signed in, while closing the
 * window signs you out (a shared reception desk).
 */
const KEY = 'baydesk.session';
type Listener = (session: SessionDto | null) => void;
const listeners = new Set<Listener>();

function read(): SessionDto | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as SessionDto) : null;
  } catch {
    return null;
  }
}

let current: SessionDto | null = read();

export function getSession(): SessionDto | null {
  return current;
}

export function setSession(session: SessionDto | null): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
