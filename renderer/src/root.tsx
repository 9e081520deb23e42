import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { FirstRunScreen } from './desks/first-run/FirstRunScreen';
import { ServerUnreachableScreen } from './desks/first-run/ServerUnreachableScreen';

/** A desktop desk at its first run, or joined to a server that is away, shows its own page instead of the app. */
function Root() {
  const desk = window.baydesk?.desk;
  if (desk?.mode === 'first-run') return <FirstRunScreen />;
  if (desk?.mode === 'server' && !desk.reachable) return <ServerUnreachableScreen desk={desk} />;
  return <App />;
}

export function mountApp(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
