import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setSession } from '../api/session';
import { toApiError } from '../api/errors';
import { endRefusedSession } from '../api/session-end';
import { ErrorBoundary } from './ErrorBoundary';
import { lazy, Suspense, useEffect } from 'react';
import { LoginScreen } from './LoginScreen';
import { ScreenLoading } from './ScreenLoading';
import { SessionProvider, useSession } from './session-context';
import { StartupGate } from './StartupGate';

/**
 * The signed-in app (route table, shell, the contract's schemas its guards read) is its own chunk (issue 17 item 14):
 * the login paints without it, and it downloads while the user types the password.
 */
const loadScreens = () => import('./Screens');
const Screens = lazy(() => loadScreens().then((m) => ({ default: m.Screens })));

function SignedInOrLogin() {
  const session = useSession();
  useEffect(() => {
    void loadScreens();
  }, []);
  if (!session) return <LoginScreen />;
  return (
    <Suspense fallback={<ScreenLoading />}>
      <Screens />
    </Suspense>
  );
}

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
            <SignedInOrLogin />
          </SessionProvider>
        </StartupGate>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
