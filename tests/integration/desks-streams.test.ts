import { join } from 'node:path';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Router } from '../../electron/core/api';
import { ManualClock } from '../../electron/core/clock';
import { openCore, type Core } from '../../electron/core/core';
import type { ServerCertificate } from '../../electron/server/certificate';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import type { LiveChange } from '../../shared/domain/live-areas';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { deskClient, pinnedFetch, testCertificate, type PinnedFetch } from '../fixtures/desks';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { PASSWORD, signIn, type SignedIn } from '../fixtures/users';

/**
 * Issue 16 items 3 and 7 over real HTTPS: two paired desks both sign in and a change on one reaches the other's live
 * stream; a revoked desk is refused at once and its open stream ends (as a stream ends with its session:
 * streams-end-with-session.test.ts). 127.0.0.1 stands in for the PCs of the LAN (trustThisMachine: false).
 */
let core: Core;
let dir: string;
let cert: ServerCertificate;
let server: RunningServer;
let pinned: { fetch: PinnedFetch; close(): Promise<void> };
let base: string;
let manager: SignedIn;
let vehicleId: number;

type Outcome = { kind: 'change'; change: LiveChange } | { kind: 'ended' } | { kind: 'failed'; error: unknown };

/** What the stream does next: tells a change, ends, or fails (waits at most 5 s, then the test fails). */
async function nextOutcome(stream: AsyncIterator<LiveChange>): Promise<Outcome> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('the stream neither told nor ended')), 5000),
  );
  try {
    const result = await Promise.race([stream.next(), timeout]);
    return result.done ? { kind: 'ended' } : { kind: 'change', change: result.value };
  } catch (error) {
    if (error instanceof Error && error.message === 'the stream neither told nor ended') throw error;
    return { kind: 'failed', error };
  }
}

interface Desk {
  credential: string;
  client: RouterClient<Router>;
}

/** A desk pairs with a code the manager made, then a user signs in on it. */
async function pairedDeskSignedIn(name: string, role: 'advisor' | 'foreman'): Promise<Desk> {
  const { code } = await manager.client.desks.createPairingCode({});
  const paired = await deskClient(base, pinned.fetch).desks.pair({ code, name });
  const user = await signIn(core, role);
  const session = await deskClient(base, pinned.fetch, { credential: paired.credential }).users.login({
    username: user.session.user.username,
    password: PASSWORD,
  });
  return {
    credential: paired.credential,
    client: deskClient(base, pinned.fetch, { credential: paired.credential, token: session.token }),
  };
}

async function openStream(desk: Desk): Promise<AsyncIterator<LiveChange>> {
  const before = core.deps.events.listenerCount;
  const stream = await desk.client.events.changes({});
  await vi.waitFor(() => expect(core.deps.events.listenerCount).toBe(before + 1));
  return stream;
}

beforeAll(async () => {
  dir = makeTempDir();
  core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite'), clock: new ManualClock(FIXED_NOW) });
  cert = await testCertificate(dir);
  server = await startHttpServer({ core, host: '0.0.0.0', port: 0, staticDir: null, tls: cert, trustThisMachine: false });
  base = `https://127.0.0.1:${new URL(server.url).port}`;
  pinned = pinnedFetch(cert);
  manager = await signIn(core, 'manager');
  const owner = await makeCustomer(manager.client);
  vehicleId = (await makeVehicle(manager.client, owner.id)).id;
});
afterAll(async () => {
  await server?.close();
  await pinned?.close();
  await core?.close();
  if (dir) removeDir(dir);
});

describe('paired desks over HTTPS', () => {
  it('two paired desks both sign in, and a change on one reaches the other live', async () => {
    const reception = await pairedDeskSignedIn('Reception 1', 'advisor');
    const board = await pairedDeskSignedIn('Foreman board', 'foreman');
    const stream = await openStream(board);
    const ro = await reception.client.repairOrders.create({ vehicleId, concerns: ['刹车异响'] });
    expect(await nextOutcome(stream)).toEqual({ kind: 'change', change: { area: 'repairOrders', id: ro.id } });
    await stream.return?.();
  });

  it('a revoked desk is refused at once and its open stream ends; the other desk goes on', async () => {
    const lost = await pairedDeskSignedIn('Lost laptop', 'advisor');
    const other = await pairedDeskSignedIn('Reception 2', 'advisor');
    const stream = await openStream(lost);
    const listening = core.deps.events.listenerCount;
    const deskId = (await manager.client.desks.list({})).find((d) => d.name === 'Lost laptop')!.id;

    const revoked = await manager.client.desks.revoke({ deskId });
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.revokedBy?.id).toBe(manager.session.user.id);

    // The open stream ends without telling anything (nothing was changed yet, so anything it told would be wrong).
    const outcome = await nextOutcome(stream);
    expect(outcome.kind).not.toBe('change');
    await vi.waitFor(() => expect(core.deps.events.listenerCount).toBe(listening - 1));
    // Its next call is refused, its session notwithstanding; so is a new pairing attempt with its old credential.
    await expectApiError(lost.client.users.me(), 'FORBIDDEN', { reason: 'desk.revoked' });
    await expectApiError(lost.client.repairOrders.create({ vehicleId, concerns: ['x'] }), 'FORBIDDEN', {
      reason: 'desk.revoked',
    });
    // The other desk is untouched.
    expect((await other.client.users.me()).role).toBe('advisor');
    // The revocation is in the audit trail, and the list shows it.
    const trail = await manager.client.audit.list({ entity: 'desk', entityId: deskId });
    expect(trail.rows.map((e) => e.action)).toEqual(['desk.revoked', 'desk.paired']);
  });
});
