import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionDto, UserDto } from '../../../shared/contract/users';
import { getSession, onSessionChange } from '../api/session';

const SessionContext = createContext<SessionDto | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState(getSession);
  useEffect(() => onSessionChange(setSessionState), []);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionDto | null {
  return useContext(SessionContext);
}

/** The signed-in user; screens under the shell are only shown to a signed-in user. */
export function useUser(): UserDto {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useUser outside a signed-in screen');
  return session.user;
}
