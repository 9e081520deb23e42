import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LIVE_AREAS, type LiveArea, type LiveChange } from '../../../shared/domain/live-areas';
import { api, orpc } from './client';
import { toApiError } from './errors';
import { endRefusedSession } from './session-end';
import { setSession } from './session';

/** What the desk's top bar shows about the stream of other desks' changes. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * The query areas that read again after a change in an area: the workshop board shows ROs and an RO shows its
 * dispatch, so a change to either refreshes both; appointments stand alone (an appointment turned into an RO is told
 * as an RO change too). Parts and ROs read each other: an RO's part lines show their supply, and a part line
 * reserves stock.
 */
const READ_AGAIN: Record<LiveArea, readonly LiveArea[]> = {
  repairOrders: ['repairOrders', 'workshop', 'parts'],
  workshop: ['workshop', 'repairOrders'],
  appointments: ['appointments'],
  parts: ['parts', 'repairOrders'],
  followup: ['followup', 'complaints'],
  complaints: ['complaints', 'followup'],
  // A loan shows on its RO page, which reads it under the loaners key.
  loaners: ['loaners'],
};

/** First wait before connecting again, and the longest: 1 s, 2 s, 4 s … 30 s (a core restarting, a laptop waking). */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export function retryDelay(attempt: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
  // A little spread, so desks that lost the core together do not all knock at the same instant.
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

// Screens whose data is not a TanStack query (the AG Grid lists page through the core themselves) listen here.
type AreaListener = (area: LiveArea) => void;
const areaListeners = new Set<AreaListener>();

/** Everything the desk shows of these areas reads again: active queries refetch, grids refresh their pages. */
function readAgain(queryClient: QueryClient, areas: readonly LiveArea[]): void {
  for (const area of areas) {
    void queryClient.invalidateQueries({ queryKey: orpc[area].key() });
    areaListeners.forEach((listener) => listener(area));
  }
}

export function applyChange(queryClient: QueryClient, change: LiveChange): void {
  readAgain(queryClient, READ_AGAIN[change.area]);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Listens to the core's changes until `signal` aborts, connecting again with a growing wait whenever the stream ends
 * or fails. After a reconnection everything reads again once: changes made while the desk was away were not told.
 * A refused session (expired, signed out elsewhere) sends the desk back to the login screen instead.
 */
async function listen(queryClient: QueryClient, signal: AbortSignal, setStatus: (status: LiveStatus) => void): Promise<void> {
  let attempt = 0;
  let missed = false;
  while (!signal.aborted) {
    try {
      const stream = await api.events.changes({}, { signal });
      setStatus('live');
      attempt = 0;
      if (missed) readAgain(queryClient, LIVE_AREAS);
      for await (const change of stream) applyChange(queryClient, change);
    } catch (error) {
      if (signal.aborted) return;
      const refused = toApiError(error);
      // A revoked desk (issue 16) goes back to the login page too, where it can pair again.
      if (refused.code === 'UNAUTHENTICATED' || refused.issues[0]?.reason === 'desk.revoked') {
        endRefusedSession(error);
        setSession(null);
        return;
      }
    }
    if (signal.aborted) return;
    missed = true;
    setStatus('reconnecting');
    await sleep(retryDelay(attempt), signal);
    attempt += 1;
  }
}

/**
 * Mounted once per signed-in window (in the Shell): one stream per window, as browsers allow only a few open
 * connections to one host. Each change another desk (or this one) makes refreshes what this desk shows of its area,
 * without a reload; the desk's own writes come back too and cost one extra read, nothing more (reading never writes).
 * Signing out unmounts the Shell, which ends the stream.
 */
export function useLiveChanges(): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    const controller = new AbortController();
    void listen(queryClient, controller.signal, setStatus);
    return () => controller.abort();
  }, [queryClient]);
  return status;
}

/** Calls `onChange` whenever `area` must read again (a screen that pages through the core itself, such as a grid). */
export function useLiveArea(area: LiveArea | undefined, onChange: () => void): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (!area) return;
    const listener: AreaListener = (changed) => {
      if (changed === area) latest.current();
    };
    areaListeners.add(listener);
    return () => {
      areaListeners.delete(listener);
    };
  }, [area]);
}
