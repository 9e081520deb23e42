import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readDeskConfig, type SecretBox } from '../../electron/desk-link/desk-config';
import { joinServer, keepDatabaseHere } from '../../electron/desk-link/join';
import { loadServerCertificate } from '../../electron/server/certificate';
import type { DeskInfo } from '../../shared/contract/desks';
import { DESK_CREDENTIAL_HEADER } from '../../shared/contract/desks';
import { expect, signInAs, test } from './fixtures';
import { pinnedChromium, serveLan } from './lan';

/**
 * Issue 16 item 4: a desktop desk's first run, "This PC keeps the database" or "Connect to the service department's
 * server". The page is the real renderer in Chromium; the preload's bridge is stood in by functions of this test
 * that run what the Electron main process runs for it (electron/desk-link/join.ts: pairing over real HTTPS, the
 * certificate pinned, desk.json written). What Electron itself adds (the window, the session's pinning and header)
 * is in electron/main and is covered by the Electron smoke test where the binary exists.
 */

const box: SecretBox = {
  seal: (secret) => ({ encrypted: true, value: Buffer.from(secret).toString('base64') }),
  open: (sealed) => Buffer.from(sealed.value, 'base64').toString(),
};

/** The preload's bridge as the page sees it, its calls answered by this test's functions (see above). */
async function standInBridge(page: Page, desk: DeskInfo): Promise<void> {
  await page.addInitScript((info) => {
    const page = globalThis as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    const call = (name: string, input?: unknown) => page[name]!(input);
    Object.defineProperty(globalThis, 'baydesk', {
      value: {
        shell: 'electron',
        desk: info,
        keepDatabaseHere: () => call('standInKeepDatabaseHere'),
        connectToServer: (input: unknown) => call('standInConnectToServer', input),
        printToPdf: () => Promise.resolve({ saved: false }),
        importUpload: () => Promise.reject(new Error('not on this desk')),
      },
    });
  }, desk);
}

test('first run: connecting to the server names what to correct, then pairs and keeps the pinned server', async ({
  page,
  desk,
  playwright,
  launchOptions,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-desk-'));
  const tlsDir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-tls-'));
  const cert = await loadServerCertificate(tlsDir, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const lan = await serveLan(desk.core, cert);
  const address = `127.0.0.1:${new URL(lan.url).port}`;
  try {
    await page.exposeFunction('standInConnectToServer', async (input: unknown) => (await joinServer(input, dataDir, box)).answer);
    await page.exposeFunction('standInKeepDatabaseHere', () => true);
    await standInBridge(page, { mode: 'first-run' });
    await page.goto(`${desk.url}/`);
    await expect(page.getByRole('heading', { name: 'Set up BayDesk on this PC' })).toBeVisible();
    await expect(page.getByLabel('This PC keeps the database')).toBeChecked();
    await page.getByLabel("Connect to the service department's server").check();

    await test.step('the form checks what it can before anything is sent', async () => {
      await page.getByRole('button', { name: 'Pair and connect' }).click();
      await expect(page.locator('[data-field="serverAddress"]')).toContainText('is required');
      await expect(page.locator('[data-field="code"]')).toContainText('must be 6 digits');
    });

    await test.step('a wrong code and an address where nothing answers are named on their fields', async () => {
      const manager = await desk.core.client(
        (await desk.core.client().users.login({ username: 'manager', password: 'demo1234' })).token,
      );
      const { code } = await manager.desks.createPairingCode({});
      await page.getByLabel('Server address').fill('127.0.0.1:1');
      await page.getByLabel('Pairing code (6 digits)').fill(code);
      await page.getByLabel('Name of this desk').fill('Reception 2');
      await page.getByRole('button', { name: 'Pair and connect' }).click();
      await expect(page.locator('[data-field="serverAddress"]')).toContainText('answers nothing');
      await page.getByLabel('Server address').fill(address);
      await page.getByLabel('Pairing code (6 digits)').fill(code === '000000' ? '000001' : '000000');
      await page.getByRole('button', { name: 'Pair and connect' }).click();
      await expect(page.locator('[data-field="code"]')).toContainText('is wrong, already used or expired');
      expect(readDeskConfig(dataDir)).toBeNull();

      const fresh = await manager.desks.createPairingCode({});
      await page.getByLabel('Pairing code (6 digits)').fill(fresh.code);
      await page.getByRole('button', { name: 'Pair and connect' }).click();
      await expect(page.getByRole('button', { name: 'Connecting…' })).toBeVisible();
      await expect.poll(() => readDeskConfig(dataDir)?.mode).toBe('server');
    });

    const kept = readDeskConfig(dataDir);
    if (kept?.mode !== 'server') throw new Error('not joined');
    expect(kept.certificate.fingerprint).toBe(cert.fingerprint);

    await test.step('the joined desk shows the server’s pages, names the server, and its user signs in', async () => {
      // What the main process does next: a session that trusts only the pinned key and sends the desk's credential.
      const pinned = await pinnedChromium(playwright.chromium, launchOptions, kept.certificate.cert);
      try {
        const context = await pinned.newContext({ extraHTTPHeaders: { [DESK_CREDENTIAL_HEADER]: box.open(kept.credential) } });
        const joined = await context.newPage();
        await standInBridge(joined, {
          mode: 'server',
          serverName: kept.serverName,
          origin: kept.origin,
          fingerprint: kept.certificate.fingerprint,
          reachable: true,
        });
        await joined.goto(`${kept.origin}/`);
        // Paired already: the sign-in form, not the browser desk's pairing form.
        await joined.getByLabel('Username').fill('advisor');
        await joined.getByLabel('Password').fill('demo1234');
        await joined.getByRole('button', { name: 'Sign in' }).click();
        await expect(joined.getByTestId('joined-server')).toHaveText('Server: Service PC');
        await expect(joined.getByRole('img', { name: 'Updates from other desks: live' })).toBeVisible();
      } finally {
        await pinned.close();
      }
    });

    await test.step('the manager sees the new desk on Settings → Desks', async () => {
      const manager = await page.context().newPage();
      await signInAs(manager, desk, 'manager');
      await manager.goto(`${desk.url}/#/settings/desks`);
      await expect(manager.getByRole('row').filter({ hasText: 'Reception 2' })).toContainText('127.0.0.1');
      await manager.close();
    });
  } finally {
    await lan.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tlsDir, { recursive: true, force: true });
  }
});

test('first run: "This PC keeps the database" is kept, and a joined desk whose server is away says so in one line', async ({
  page,
  desk,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-desk-'));
  try {
    await page.exposeFunction('standInKeepDatabaseHere', () => (keepDatabaseHere(dataDir), true));
    await page.exposeFunction('standInConnectToServer', () => ({ ok: false, error: { code: 'INTERNAL', issues: [] } }));
    await standInBridge(page, { mode: 'first-run' });
    await page.goto(`${desk.url}/`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => readDeskConfig(dataDir)).toEqual({ mode: 'standalone' });

    const away = await page.context().newPage();
    await standInBridge(away, {
      mode: 'server',
      serverName: 'Service PC',
      origin: 'https://192.168.1.20:5178',
      fingerprint: 'AB:CD',
      reachable: false,
    });
    await away.goto(`${desk.url}/`);
    await expect(away.getByRole('heading', { name: 'The server is not reachable' })).toBeVisible();
    await expect(away.getByRole('status')).toHaveText(
      'BayDesk cannot reach Service PC (https://192.168.1.20:5178). It tries again every few seconds and opens by itself once the server answers.',
    );
    await away.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
