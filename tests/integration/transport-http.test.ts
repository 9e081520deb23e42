import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { countAll, openTestCore, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';
import { customerData } from '../fixtures/factories';
import { ADMIN } from '../fixtures/users';

let t: TestCore;
let server: RunningServer;

/** A client over real HTTP, the way the browser renderer talks to the core. */
function httpClient(token?: string): RouterClient<Router> {
  const link = new RPCLink({
    url: `${server.url}/rpc`,
    headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
  });
  return createORPCClient(link);
}

beforeAll(async () => {
  t = await openTestCore();
  server = await startHttpServer({ core: t.core, port: 0, staticDir: null });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('the HTTP shell serves the same core, with the same gate', () => {
  it('listens on the loopback address only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('first-run set-up, a signed-in write and a read, over HTTP', async () => {
    expect(await httpClient().users.status()).toEqual({ needsSetup: true, demo: null });
    const session = await httpClient().users.setupAdmin({ ...ADMIN });
    expect(session.user.role).toBe('admin');

    const admin = httpClient(session.token);
    await admin.users.create({ username: 'desk1', displayName: 'Desk One', password: 'desk-password-1', role: 'advisor' });
    const advisorSession = await httpClient().users.login({ username: 'desk1', password: 'desk-password-1' });
    const advisor = httpClient(advisorSession.token);

    const created = await advisor.customers.create(customerData(1, { phones: [{ number: '138-0013-8000' }] }));
    expect(created.phones).toEqual([{ number: '13800138000', label: 'mobile' }]);
    // What was written over HTTP is in the file and visible in-process.
    expect(await t.core.client(advisorSession.token).customers.get({ id: created.id })).toEqual(created);
    expect((await advisor.customers.lookup({ q: '8000' })).rows.map((r) => r.customerId)).toEqual([created.id]);
  });

  it('typed errors cross HTTP with their code and the field at fault', async () => {
    await expectApiError(httpClient().customers.lookup({ q: '京A' }), 'UNAUTHENTICATED', { reason: 'session.required' });
    const session = await httpClient().users.login({ username: 'desk1', password: 'desk-password-1' });
    const before = countAll(t.core);
    await expectApiError(httpClient(session.token).customers.create(customerData(2, { name: '' })), 'INVALID_INPUT', {
      field: 'name',
      reason: 'required',
    });
    await expectApiError(
      httpClient(session.token).users.create({ username: 'x', displayName: 'x', password: 'password-1', role: 'admin' }),
      'FORBIDDEN',
    );
    expect(countAll(t.core)).toEqual(before);
  });

  it('an unauthenticated call is answered 401 on the wire', async () => {
    const response = await fetch(`${server.url}/rpc/customers/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { q: '京A' } }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('anything outside /rpc is 404 when no renderer is served', async () => {
    const response = await fetch(`${server.url}/index.html`);
    expect(response.status).toBe(404);
  });
});

describe('DNS rebinding', () => {
  it('refuses a request that names a host other than the loopback one it listens on', async () => {
    const { request } = await import('node:http');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${server.url}/rpc/users/status`,
          { method: 'POST', headers: { host, 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{"json":{}}');
      });
    expect(await status('evil.example:80')).toBe(421);
    expect(await status(new URL(server.url).host)).toBe(200);
    expect(await status(`localhost:${new URL(server.url).port}`)).toBe(200);
  });
});
