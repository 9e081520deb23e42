import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { DESK_TOKEN_COOKIE, DESK_TOKEN_FILE, DESK_TOKEN_HEADER, loadDeskToken } from '../../electron/server/desk-token';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';
import { expectApiError } from '../fixtures/errors';

const DESK_TOKEN = 'a-desk-token-of-at-least-32-characters-long';

let t: TestCore;
let staticDir: string;
let open: RunningServer;
let loopback: RunningServer;

/** Served to the whole network (0.0.0.0) but reached here through 127.0.0.1, like another desk would through the LAN. */
function viaLan(path: string): string {
  return `http://127.0.0.1:${new URL(open.url).port}${path}`;
}

function rpcClient(base: string, headers: Record<string, string>): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${base}/rpc`, headers: () => headers }));
}

beforeAll(async () => {
  t = await openTestCore();
  // A stand-in for the built renderer: the test needs the gate, not the app.
  staticDir = makeTempDir('baydesk-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>BayDesk</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  open = await startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, staticDir, deskToken: DESK_TOKEN });
  loopback = await startHttpServer({ core: t.core, port: 0, staticDir });
});
afterAll(async () => {
  await open?.close();
  await loopback?.close();
  await t?.close();
  if (staticDir) removeDir(staticDir);
});

describe('browser mode served to other desks needs the desk token on every request', () => {
  it('refuses to start on a non-loopback host without a token', async () => {
    await expect(startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, staticDir })).rejects.toThrow(/desk token/);
  });

  it('without the token: 401 for the page, its assets and the API', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/?token=wrong-token']) {
      const response = await fetch(viaLan(path));
      expect(response.status, path).toBe(401);
      expect(await response.text()).not.toContain('<title>BayDesk');
    }
    const wrongCookie = await fetch(viaLan('/assets/app.js'), { headers: { cookie: `${DESK_TOKEN_COOKIE}=nope` } });
    expect(wrongCookie.status).toBe(401);

    await expectApiError(rpcClient(viaLan(''), {}).users.status(), 'UNAUTHENTICATED', { reason: 'desk.token' });
    await expectApiError(rpcClient(viaLan(''), { [DESK_TOKEN_HEADER]: 'wrong' }).users.status(), 'UNAUTHENTICATED', {
      reason: 'desk.token',
    });
    // A cookie alone does not open the API (another site's page could make the browser send it).
    const cookieOnly = await fetch(viaLan('/rpc/users/status'), {
      method: 'POST',
      headers: { cookie: `${DESK_TOKEN_COOKIE}=${DESK_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cookieOnly.status).toBe(401);
    // Nothing was set up through the refused calls.
    expect((await t.core.client().users.status()).needsSetup).toBe(true);
  });

  it('the printed address opens the page and leaves a cookie that lets the browser load the assets', async () => {
    const first = await fetch(viaLan(`/?token=${DESK_TOKEN}`));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<title>BayDesk');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${DESK_TOKEN_COOKIE}=${DESK_TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const asset = await fetch(viaLan('/assets/app.js'), { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('with the token in the header the API answers as usual', async () => {
    expect(await rpcClient(viaLan(''), { [DESK_TOKEN_HEADER]: DESK_TOKEN }).users.status()).toEqual({
      needsSetup: true,
      demo: null,
    });
    // The desk token is not a session: a signed-in procedure still asks who is calling.
    await expectApiError(rpcClient(viaLan(''), { [DESK_TOKEN_HEADER]: DESK_TOKEN }).users.me(), 'UNAUTHENTICATED', {
      reason: 'session.required',
    });
  });
});

describe('browser mode on loopback stays as it was', () => {
  it('listens on 127.0.0.1 and needs no desk token', async () => {
    expect(loopback.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${loopback.url}/`)).status).toBe(200);
    expect(await rpcClient(loopback.url, {}).users.status()).toEqual({ needsSetup: true, demo: null });
  });

  it('still refuses a request that names another host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${loopback.url}/`, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('the desk token file', () => {
  it('is made once in the data folder, private to the desk\'s account, and kept across restarts', () => {
    const dir = makeTempDir('baydesk-token-');
    try {
      const first = loadDeskToken(dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, DESK_TOKEN_FILE), 'utf8').trim()).toBe(first);
      if (process.platform !== 'win32') expect(statSync(join(dir, DESK_TOKEN_FILE)).mode & 0o077).toBe(0);
      expect(loadDeskToken(dir)).toBe(first);
      const other = makeTempDir('baydesk-token-other-');
      try {
        expect(loadDeskToken(other)).not.toBe(first);
      } finally {
        removeDir(other);
      }
    } finally {
      removeDir(dir);
    }
  });
});
