import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { RouterClient } from '@orpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../electron/core/api';
import { startHttpServer, type RunningServer } from '../../electron/server/http-server';
import { makeTempDir, openTestCore, removeDir, type TestCore } from '../fixtures/core';

/**
 * Browser mode on loopback stays as it was. Served to other machines, the shared desk token of issue 7 is gone
 * (issue 16): the server speaks HTTPS only and lets in paired desks only (tests/integration/desks-*.test.ts).
 */
let t: TestCore;
let staticDir: string;
let loopback: RunningServer;

function rpcClient(base: string): RouterClient<Router> {
  return createORPCClient(new RPCLink({ url: `${base}/rpc` }));
}

beforeAll(async () => {
  t = await openTestCore();
  staticDir = makeTempDir('baydesk-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>BayDesk</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  loopback = await startHttpServer({ core: t.core, port: 0, staticDir });
});
afterAll(async () => {
  await loopback?.close();
  await t?.close();
  if (staticDir) removeDir(staticDir);
});

describe('browser mode served to other desks', () => {
  it('refuses to start on a non-loopback host without HTTPS (no shared token in clear any more)', async () => {
    await expect(startHttpServer({ core: t.core, host: '0.0.0.0', port: 0, staticDir })).rejects.toThrow(/HTTPS/);
  });
});

describe('browser mode on loopback stays as it was', () => {
  it('listens on 127.0.0.1 and needs no desk credential', async () => {
    expect(loopback.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${loopback.url}/`)).status).toBe(200);
    expect(await rpcClient(loopback.url).users.status()).toEqual({ needsSetup: true, demo: null });
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
