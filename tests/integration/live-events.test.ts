import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import type { LiveChange } from '../../shared/domain/live-areas';
import { openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { makeCustomer, makeVehicle } from '../fixtures/factories';
import { signIn, type SignedIn } from '../fixtures/users';

let t: TestCore;
let server: RunningServer;
let advisor: SignedIn;
let foreman: SignedIn;
let technician: SignedIn;
let vehicleId: number;

/** A client over real HTTP, the way the browser renderer talks to the core (the stream arrives as server-sent events). */
function httpClient(token?: string): RouterClient<Router> {
  const link = new RPCLink({
    url: `${server.url}/rpc`,
    headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
  });
  return createORPCClient(link);
}

/** The next change on a stream, or a failure when none comes within 5 s (generous: CI runs test files side by side). */
async function nextChange(stream: AsyncIterator<LiveChange>): Promise<LiveChange> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no change arrived')), 5000));
  const result = await Promise.race([stream.next(), timeout]);
  if (result.done) throw new Error('the stream ended');
  return result.value;
}

/** Whether the stream stays silent for a while (nothing was told). */
async function silent(
  stream: AsyncIterator<LiveChange>,
  ms = 150,
): Promise<{ quiet: boolean; pending: Promise<IteratorResult<LiveChange>> }> {
  const pending = stream.next();
  const quiet = await Promise.race([
    pending.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), ms)),
  ]);
  return { quiet, pending };
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
  advisor = await signIn(t.core, 'advisor');
  foreman = await signIn(t.core, 'foreman');
  technician = await signIn(t.core, 'technician');
  const owner = await makeCustomer(advisor.client);
  vehicleId = (await makeVehicle(advisor.client, owner.id)).id;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('events.changes: another desk learns what changed, over HTTP', () => {
  it('a foreman desk is told the RO an advisor opened, then the job added to it, with area and RO number', async () => {
    const controller = new AbortController();
    const stream = await httpClient(foreman.token).events.changes({}, { signal: controller.signal });
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(1));

    const advisorDesk = httpClient(advisor.token);
    const ro = await advisorDesk.repairOrders.create({ vehicleId, concerns: ['刹车异响'] });
    expect(await nextChange(stream)).toEqual({ area: 'repairOrders', id: ro.id });

    const withJob = await advisorDesk.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '空调不凉' });
    expect(await nextChange(stream)).toEqual({ area: 'repairOrders', id: ro.id });

    await advisorDesk.repairOrders.transition({ id: ro.id, version: withJob.version, to: 'cancelled', note: '客户取消' });
    expect(await nextChange(stream)).toEqual({ area: 'repairOrders', id: ro.id });

    controller.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });

  it('a refused write tells nobody: only the write that committed is told', async () => {
    const ro = await advisor.client.repairOrders.create({ vehicleId, concerns: ['保养'] });
    const controller = new AbortController();
    const stream = await httpClient(technician.token).events.changes({}, { signal: controller.signal });
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(1));

    await expectApiError(advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version + 5, concern: '异响' }), 'CONFLICT');
    const { quiet, pending } = await silent(stream);
    expect(quiet).toBe(true);

    await advisor.client.repairOrders.addJob({ id: ro.id, version: ro.version, concern: '异响' });
    const told = await pending;
    expect(told).toEqual({ done: false, value: { area: 'repairOrders', id: ro.id } });

    controller.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });

  it('every desk listening is told the same change', async () => {
    const a = new AbortController();
    const b = new AbortController();
    const first = await httpClient(foreman.token).events.changes({}, { signal: a.signal });
    const second = await httpClient(technician.token).events.changes({}, { signal: b.signal });
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(2));

    t.core.deps.events.publish({ area: 'workshop', id: 42 });
    expect(await nextChange(first)).toEqual({ area: 'workshop', id: 42 });
    expect(await nextChange(second)).toEqual({ area: 'workshop', id: 42 });

    a.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(1));
    b.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });

  it('changes published while the desk is still reading arrive all, in order', async () => {
    const controller = new AbortController();
    const stream = await httpClient(foreman.token).events.changes({}, { signal: controller.signal });
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(1));
    t.core.deps.events.publish({ area: 'appointments', id: 1 });
    t.core.deps.events.publish({ area: 'workshop', id: 2 });
    t.core.deps.events.publish({ area: 'repairOrders' });
    expect([await nextChange(stream), await nextChange(stream), await nextChange(stream)]).toEqual([
      { area: 'appointments', id: 1 },
      { area: 'workshop', id: 2 },
      { area: 'repairOrders' },
    ]);
    controller.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });

  it('closing the stream from the client (return) removes the listener too', async () => {
    const stream = await httpClient(advisor.token).events.changes({});
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(1));
    await stream.return?.();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });

  it('an unauthenticated or signed-out desk is refused and nothing listens', async () => {
    await expectApiError(httpClient().events.changes({}), 'UNAUTHENTICATED', { reason: 'session.required' });
    await expectApiError(httpClient('not-a-token').events.changes({}), 'UNAUTHENTICATED');
    const leaving = await signIn(t.core, 'advisor');
    await leaving.client.users.logout({});
    await expectApiError(httpClient(leaving.token).events.changes({}), 'UNAUTHENTICATED');
    expect(t.core.deps.events.listenerCount).toBe(0);
  });

  it('in process (the desktop transport serves the same router): told, and the listener goes with the abort', async () => {
    const controller = new AbortController();
    const stream = await t.core.client(foreman.token).events.changes({}, { signal: controller.signal });
    const ro = await advisor.client.repairOrders.create({ vehicleId, concerns: ['四轮定位'] });
    expect(await nextChange(stream)).toEqual({ area: 'repairOrders', id: ro.id });
    controller.abort();
    await vi.waitFor(() => expect(t.core.deps.events.listenerCount).toBe(0));
  });
});
