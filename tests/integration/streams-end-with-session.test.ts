import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Router } from '../../electron/core/api';
import { ManualClock } from '../../electron/core/clock';
import { openCore, type Core } from '../../electron/core/core';
import { DEFAULT_IDLE_MINUTES } from '../../electron/core/users/sessions/service';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import type { LiveChange } from '../../shared/domain/live-areas';
import { FIXED_NOW, makeTempDir, removeDir } from '../fixtures/core';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { adminSession, PASSWORD, signIn } from '../fixtures/users';

/**
 * Issue 14 item 9: a live-update stream lives only as long as the session that opened it. Signed out, its password
 * changed or reset, idle or past its 12 hours, the stream ends (or fails with UNAUTHENTICATED) and tells nothing more.
 */
const MINUTE = 60_000;
const NEW_PASSWORD = 'violet tractor harbour 91';
const OTHER_DESK = 'other-desk';

let core: Core;
let clock: ManualClock;
let dir: string;
let server: RunningServer;
let vehicleId: number;

function httpClient(token?: string): RouterClient<Router> {
  const link = new RPCLink({ url: `${server.url}/rpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) });
  return createORPCClient(link);
}

type Outcome = { kind: 'change'; change: LiveChange } | { kind: 'ended' } | { kind: 'failed'; code: unknown };

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
    return { kind: 'failed', code: (error as { code?: unknown }).code };
  }
}

/** Ended, or failed as unauthenticated: either way the desk told nothing and goes back to the login screen. */
function expectEnded(outcome: Outcome): void {
  if (outcome.kind === 'failed') expect(outcome.code).toBe('UNAUTHENTICATED');
  else expect(outcome).toEqual({ kind: 'ended' });
}

/** Opens a stream for `token` over HTTP and waits until the core listens for it. */
async function openStream(token: string): Promise<AsyncIterator<LiveChange>> {
  const before = core.deps.events.listenerCount;
  const stream = await httpClient(token).events.changes({});
  await vi.waitFor(() => expect(core.deps.events.listenerCount).toBe(before + 1));
  return stream;
}

/** A change made at another desk (an advisor signed in just now, over HTTP): a new RO. */
async function changeAtAnotherDesk(): Promise<number> {
  // Signed in just now: its session is fresh whatever the clock did to the others.
  const desk = (await core.client().users.login({ username: OTHER_DESK, password: PASSWORD })).token;
  return (await httpClient(desk).repairOrders.create({ vehicleId, concerns: ['刹车异响'] })).id;
}

beforeAll(async () => {
  dir = makeTempDir();
  clock = new ManualClock(FIXED_NOW);
  // As both shells open it: with the idle limit.
  core = await openCore({ file: join(dir, 'data', 'baydesk.sqlite'), clock, sessionIdleMinutes: DEFAULT_IDLE_MINUTES });
  server = await startHttpServer({ core, port: 0, staticDir: null });
  const setUp = await signIn(core, 'advisor', OTHER_DESK);
  const owner = await makeCustomer(setUp.client);
  vehicleId = (await makeVehicle(setUp.client, owner.id)).id;
});
afterAll(async () => {
  await server?.close();
  await core?.close();
  if (dir) removeDir(dir);
});

describe('a live stream ends with its session (over HTTP)', () => {
  beforeEach(() => {
    clock.set(FIXED_NOW);
  });

  it('still tells a change while the session lives (the control)', async () => {
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    const roId = await changeAtAnotherDesk();
    expect(await nextOutcome(stream)).toEqual({ kind: 'change', change: { area: 'repairOrders', id: roId } });
    await stream.return?.();
  });

  it('signed out: the stream ends and tells nothing made after', async () => {
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    await httpClient(me.token).users.logout({});
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
  });

  it('signed out: the stream ends at once, even with nothing to tell, failing as UNAUTHENTICATED', async () => {
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    const listening = core.deps.events.listenerCount;
    await httpClient(me.token).users.logout({});
    expect(await nextOutcome(stream)).toEqual({ kind: 'failed', code: 'UNAUTHENTICATED' });
    await vi.waitFor(() => expect(core.deps.events.listenerCount).toBe(listening - 1));
  });

  it('password changed at another desk: the stream of the session it ended ends', async () => {
    const name = `pw-changer-${Date.now()}`;
    const first = await signIn(core, 'advisor', name);
    const second = await core.client().users.login({ username: name, password: PASSWORD });
    const stream = await openStream(first.token);
    await httpClient(second.token).users.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
  });

  it('password reset by the administrator: the stream ends', async () => {
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    const admin = await adminSession(core);
    await httpClient(admin.token).users.resetPassword({ userId: me.session.user.id, newPassword: NEW_PASSWORD });
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
  });

  it('idle past the limit: the stream tells nothing more', async () => {
    clock.set(FIXED_NOW);
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    clock.advance(DEFAULT_IDLE_MINUTES * MINUTE + MINUTE);
    // Another desk signs in after the idle time (its own session is fresh) and makes a change.
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
    clock.set(FIXED_NOW);
  });

  it('past the 12 hours of a session: the stream tells nothing more', async () => {
    clock.set(FIXED_NOW);
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    // Busy all day (each call keeps it from going idle), then past the end of the shift.
    for (let hour = 1; hour <= 12; hour += 1) {
      clock.set(new Date(Date.parse(FIXED_NOW) + hour * 60 * MINUTE - MINUTE).toISOString());
      await httpClient(me.token).users.me({});
    }
    clock.set(new Date(Date.parse(FIXED_NOW) + 12 * 60 * MINUTE + MINUTE).toISOString());
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
    clock.set(FIXED_NOW);
  });

  it('a stream that keeps telling changes does not keep an idle session alive', async () => {
    clock.set(FIXED_NOW);
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    clock.advance(DEFAULT_IDLE_MINUTES * MINUTE - MINUTE);
    const roId = await changeAtAnotherDesk();
    expect(await nextOutcome(stream)).toEqual({ kind: 'change', change: { area: 'repairOrders', id: roId } });
    clock.advance(2 * MINUTE);
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
    clock.set(FIXED_NOW);
  });

  it('an account switched off: its stream tells nothing more', async () => {
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    // No procedure switches a user off yet; the column is what one would set.
    core.deps.sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?').run(me.session.user.id);
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
  });

  it('the database restored from a backup: every stream of the sessions it ended ends', async () => {
    const manager = await signIn(core, 'manager');
    const backup = await httpClient(manager.token).backups.backupNow({});
    const me = await signIn(core, 'advisor');
    const stream = await openStream(me.token);
    await httpClient(manager.token).backups.restore({ name: backup.name, confirm: true });
    await changeAtAnotherDesk();
    expectEnded(await nextOutcome(stream));
  });
});
