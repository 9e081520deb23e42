import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setSession } from '../api/session';
import { toApiError } from '../api/errors';
import { endRefusedSession } from '../api/session-end';
import { ErrorBoundary } from './ErrorBoundary';
import { SessionProvider } from './session-context';
import { StartupGate } from './StartupGate';
import { Screens } from './Screens';

/** A session that ended on the core (expired, signed out elsewhere) sends the desk back to the login screen. */
function signOutWhenRefused(error: unknown): void {
  endRefusedSession(error);
  if (toApiError(error).code === 'UNAUTHENTICATED') setSession(null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutWhenRefused }),
  mutationCache: new MutationCache({ onError: signOutWhenRefused }),
  defaultOptions: {
    queries: { staleTime: 10_000, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

export function App() {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <StartupGate>
          <SessionProvider>
            <Screens />
          </SessionProvider>
        </StartupGate>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
