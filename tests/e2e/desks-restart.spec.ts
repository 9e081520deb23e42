import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerCertificate } from '../../electron/server/certificate';
import type { RunningServer } from '../../electron/server/http-server';
import { expect, field, signInAs, test, type Desk } from './fixtures';
import { pinnedChromium, serveLan } from './lan';

/**
 * Issue 16 item 7: the server restarts while a paired desk is in the middle of typing. The desk says in one line that
 * it lost the server, keeps what was typed, comes back by itself when the server is up again on the same address,
 * re-reads what changed meanwhile, and saves the typed form. 127.0.0.1 stands in for the LAN (trustThisMachine:
 * false); the manager makes the pairing code at the server PC (the fixture's loopback desk).
 */

test('a paired desk rides out a server restart: it says so, keeps the typed form, catches up and saves', async ({
  playwright,
  launchOptions,
  page,
  desk,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-restart-'));
  const cert = await loadServerCertificate(dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const serve = (port: number): Promise<RunningServer> => serveLan(desk.core, cert, port);
  let lan = await serve(0);
  const port = Number(new URL(lan.url).port);
  const base = `https://127.0.0.1:${port}`;
  const pinned = await pinnedChromium(playwright.chromium, launchOptions, cert.cert);
  try {
    const ro = await openRo(desk);
    await signInAs(page, desk, 'manager');
    await page.goto(`${desk.url}/#/settings/desks`);
    await page.getByRole('button', { name: 'Pair a desk' }).click();
    await expect(page.getByTestId('pairing-code')).toHaveText(/^\d{6}$/);
    const code = (await page.getByTestId('pairing-code').textContent()) ?? '';

    const deskA = await (await pinned.newContext()).newPage();
    await deskA.goto(`${base}/`);
    await deskA.getByLabel('Pairing code (6 digits)').fill(code);
    await deskA.getByLabel('Name of this desk').fill('Reception 1');
    await deskA.getByRole('button', { name: 'Pair' }).click();
    await deskA.getByLabel('Username').fill('advisor');
    await deskA.getByLabel('Password').fill('demo1234');
    await deskA.getByRole('button', { name: 'Sign in' }).click();
    await expect(deskA.getByTestId('signed-in-user')).toBeVisible();

    await deskA.goto(`${base}/#/repair-orders/${ro.id}`);
    await expect(deskA.getByRole('img', { name: 'Updates from other desks: live' })).toBeVisible();
    await deskA.getByRole('button', { name: 'Add job' }).click();
    const concern = field(deskA, 'concern').input;
    await concern.fill('左前轮异响，过减速带明显');

    await test.step('the server goes down: the desk says so in one line and keeps the typed text', async () => {
      await lan.close();
      await expect(deskA.getByRole('img', { name: 'Updates from other desks: reconnecting' })).toBeVisible();
      await expect(concern).toHaveValue('左前轮异响，过减速带明显');
    });

    // Meanwhile the customer's name is corrected at the server PC: the desk shows it once it is back.
    const owner = await desk.core.client(ro.token).customers.get({ id: ro.customerId });
    const { id, version, kind, contactPerson, email, address, preferredContact, consentToContact } = owner;
    await desk.core.client(ro.token).customers.update({
      id,
      version,
      kind,
      name: `${owner.name}（已更正）`,
      contactPerson,
      phones: owner.phones.map((p) => ({ number: p.number, label: p.label })),
      email,
      address,
      preferredContact,
      consentToContact,
    });

    await test.step('the server is back on the same address: the desk reconnects by itself and catches up', async () => {
      lan = await serve(port);
      await expect(deskA.getByRole('img', { name: 'Updates from other desks: live' })).toBeVisible({ timeout: 15_000 });
      await expect(deskA.getByTestId('ro-header-customer').getByRole('link', { name: `${owner.name}（已更正）` })).toBeVisible();
      await expect(concern).toHaveValue('左前轮异响，过减速带明显');
    });

    await test.step('the typed form saves', async () => {
      await deskA.getByRole('form', { name: 'Add job' }).getByRole('button', { name: 'Add job' }).click();
      await expect(deskA.getByRole('region', { name: 'Job 2' })).toContainText('左前轮异响，过减速带明显');
      const saved = desk.core.deps.sqlite
        .prepare('select count(*) as n from repair_order_jobs where repair_order_id = ? and concern = ?')
        .get(ro.id, '左前轮异响，过减速带明显') as { n: number };
      expect(saved.n).toBe(1);
    });
  } finally {
    await pinned.close();
    await lan.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** An RO with one job on a demo car, opened by the advisor; with the advisor's session for the server-side edits. */
async function openRo(desk: Desk): Promise<{ id: number; customerId: number; token: string }> {
  const car = desk.core.deps.sqlite
    .prepare('select vehicle_id as id from vehicle_ownerships where to_at is null order by vehicle_id limit 1')
    .get() as { id: number };
  const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
  const ro = await desk.core.client(session.token).repairOrders.create({ vehicleId: car.id, concerns: ['保养'] });
  return { id: ro.id, customerId: ro.customer.id, token: session.token };
}
