import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startCore } from '../../electron/core/startup';
import { loadServerCertificate } from '../../electron/server/certificate';
import { startHttpServer } from '../../electron/server/http-server';
import { electronBinary } from '../../scripts/electron-binary';
import { ensureElectronNative } from '../../scripts/electron-native';

const binary = electronBinary();

if (!binary) {
  console.log('SKIPPED: the Electron desktop smoke test needs the Electron binary, which is not installed on this machine.');
}

/** The desktop app starts, shows the login with the demo users, signs in and finds a car, over IPC. */
test('the desktop app starts, signs in and looks up a car', async () => {
  test.skip(!binary, 'Electron binary not available on this machine: desktop smoke test skipped');
  await ensureElectronNative();
  const dataDir = mkdtempSync(join(tmpdir(), 'baydesk-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', '--demo'],
    env: { ...process.env, BAYDESK_DEMO: '1', BAYDESK_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    // contextIsolation + sandbox + no nodeIntegration: the page sees no Node, only the one bridge object.
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: JSON.stringify((globalThis as { baydesk?: unknown }).baydesk),
    }));
    expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: '{"shell":"electron","desk":{"mode":"standalone"}}',
    });
    await window
      .getByRole('button', { name: /advisor/ })
      .first()
      .click();
    await expect(window.getByTestId('signed-in-user')).toBeVisible();
    await window.locator('.lookup-input').fill('京');
    await expect(window.getByRole('option').first()).toBeVisible();
    // The core answered from its own utility process, not from the main process (issue 16, item 1).
    const utilities = await app.evaluate(({ app: desk }) =>
      desk
        .getAppMetrics()
        .filter((metric) => metric.type === 'Utility')
        .flatMap((metric) => [metric.name, metric.serviceName]),
    );
    expect(utilities).toContain('BayDesk core');
  } finally {
    await app.close();
  }
  try {
    // Quitting waited for the core to close its database; each process kept its log in the data folder.
    expect(existsSync(join(dataDir, 'baydesk-demo.sqlite-wal'))).toBe(false);
    expect(readFileSync(join(dataDir, 'logs', 'core.log'), 'utf8')).toMatch(/database closed/);
    expect(existsSync(join(dataDir, 'logs', 'main.log'))).toBe(true);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Issue 16 item 4 in a real Electron: the first run joins a server over HTTPS (the desk pins the server's certificate,
 * which no authority signed), and the window then shows the server's pages, where the user signs in.
 */
test('the desktop app joins the service department’s server at its first run', async () => {
  test.skip(!binary, 'Electron binary not available on this machine: desktop smoke test skipped');
  await ensureElectronNative();
  const dataDir = mkdtempSync(join(tmpdir(), 'baydesk-electron-'));
  const serverDir = mkdtempSync(join(tmpdir(), 'baydesk-electron-server-'));
  const core = await startCore({ file: join(serverDir, 'demo.sqlite'), demo: true });
  const cert = await loadServerCertificate(serverDir, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const server = await startHttpServer({
    core,
    host: '0.0.0.0',
    port: 0,
    tls: cert,
    serverName: 'Service PC',
    trustThisMachine: false,
    staticDir: join(__dirname, '..', '..', 'out', 'renderer'),
  });
  const session = await core.client().users.login({ username: 'manager', password: 'demo1234' });
  const { code } = await core.client(session.token).desks.createPairingCode({});
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.'],
    env: { ...process.env, BAYDESK_DATA_DIR: dataDir, BAYDESK_DEMO: '' },
  });
  try {
    const window = await app.firstWindow();
    await window.locator('input[value="server"]').check();
    await window.locator('input[name="serverAddress"]').fill(`127.0.0.1:${new URL(server.url).port}`);
    await window.locator('input[name="code"]').fill(code);
    await window.locator('input[name="name"]').fill('Reception 2');
    await window.locator('button[type="submit"]').click();
    await expect(window).toHaveURL(new RegExp(`^https://127\\.0\\.0\\.1:${new URL(server.url).port}/`), { timeout: 30_000 });
    await window.locator('input[name="username"]').fill('advisor');
    await window.locator('input[name="password"]').fill('demo1234');
    await window.locator('button[type="submit"]').click();
    await expect(window.getByTestId('joined-server')).toContainText('Service PC');
    const desks = await core.client(session.token).desks.list({});
    expect(desks.find((desk) => desk.name === 'Reception 2')?.appVersion).toBeTruthy();
  } finally {
    await app.close();
    await server.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
});
