import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { loadServerCertificate } from '../../electron/server/certificate';
import { expect, field, signInAs, test } from './fixtures';
import { pinnedChromium, serveLan } from './lan';

/**
 * Issue 16 item 7 (the browser part): the server serves the LAN over HTTPS; two browser desks, each a Chromium that
 * trusts only the server's certificate (pinned by its public key's SHA-256, nothing else accepted), pair with codes the
 * manager makes on Settings → Desks, both sign in, and a change on one appears live on the other; the manager revokes
 * one and it is sent back to the pairing form; a wrong code and plain HTTP are refused. 127.0.0.1 stands in for the
 * LAN (trustThisMachine: false); the manager works at the server PC (the fixture's loopback desk).
 */

async function deskPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Refusals (401 while unpaired, 403 once revoked) are the point of this test; Chromium logs each as an error.
    if (
      message.type() === 'error' &&
      !message.text().includes('the server responded with a status of') &&
      !message.text().includes('net::ERR')
    )
      errors.push(message.text());
  });
  return page;
}

async function pairAndSignIn(page: Page, base: string, code: string, name: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { name: 'Pair this desk' })).toBeVisible();
  // A desk not paired yet is not in error: the form explains itself, no red banner above it.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Pairing code (6 digits)').fill(code);
  await page.getByLabel('Name of this desk').fill(name);
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

test('two desks pair over HTTPS trusting only the pinned certificate, see each other live, and a revoked one is sent back', async ({
  playwright,
  launchOptions,
  page,
  desk,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-e2e-tls-'));
  const cert = await loadServerCertificate(dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const lan = await serveLan(desk.core, cert);
  const port = Number(new URL(lan.url).port);
  const base = `https://127.0.0.1:${port}`;
  // No certificate authority knows the server's certificate: this browser accepts exactly that key and nothing else.
  const pinned = await pinnedChromium(playwright.chromium, launchOptions, cert.cert);
  const errors: string[] = [];
  try {
    await test.step('plain HTTP to the server is refused', async () => {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
          res.resume();
          resolve(`answered ${res.statusCode}`);
        });
        req.on('error', () => resolve('refused'));
        req.end();
      });
      expect(outcome).not.toMatch(/^answered 2/);
    });

    await signInAs(page, desk, 'manager');
    await page.goto(`${desk.url}/#/settings/desks`);
    let lastCode = '';
    const newCode = async (): Promise<string> => {
      await page.getByRole('button', { name: 'Pair a desk' }).click();
      const shown = page.getByTestId('pairing-code');
      await expect(shown).toHaveText(/^\d{6}$/);
      if (lastCode) await expect(shown).not.toHaveText(lastCode);
      lastCode = (await shown.textContent()) ?? '';
      return lastCode;
    };

    const deskA = await deskPage(pinned, errors);
    const deskB = await deskPage(pinned, errors);
    await test.step('a wrong code is refused; the right one pairs desk A, and its user signs in', async () => {
      const code = await newCode();
      await deskA.goto(`${base}/`);
      await deskA.getByLabel('Pairing code (6 digits)').fill(code === '000000' ? '000001' : '000000');
      await deskA.getByLabel('Name of this desk').fill('Reception 1');
      await deskA.getByRole('button', { name: 'Pair' }).click();
      await expect(deskA.getByRole('alert').filter({ hasText: 'is wrong, already used or expired' })).toBeVisible();
      await pairAndSignIn(deskA, base, code, 'Reception 1', 'advisor');
    });
    await test.step('desk B pairs with its own code and signs in', async () => {
      await pairAndSignIn(deskB, base, await newCode(), 'Foreman board', 'foreman');
    });

    await test.step('a change on desk A appears on desk B without a reload', async () => {
      const car = desk.core.deps.sqlite
        .prepare('select vehicle_id as id from vehicle_ownerships where to_at is null order by vehicle_id limit 1')
        .get() as { id: number };
      const session = await desk.core.client().users.login({ username: 'advisor', password: 'demo1234' });
      const ro = await desk.core.client(session.token).repairOrders.create({ vehicleId: car.id, concerns: ['保养'] });
      for (const p of [deskA, deskB]) {
        await p.goto(`${base}/#/repair-orders/${ro.id}`);
        await expect(p.getByRole('region', { name: 'Job 1' })).toContainText('保养');
        await expect(p.getByRole('img', { name: 'Updates from other desks: live' })).toBeVisible();
      }
      await deskA.getByRole('button', { name: 'Add job' }).click();
      await field(deskA, 'concern').input.fill('右后车窗升降异响');
      await deskA.getByRole('form', { name: 'Add job' }).getByRole('button', { name: 'Add job' }).click();
      await expect(deskB.getByRole('region', { name: 'Job 2' })).toContainText('右后车窗升降异响');
    });

    await test.step('the desk list shows both; the manager revokes desk A and it is sent back to pairing', async () => {
      await page.reload();
      const rowA = page.getByRole('row').filter({ hasText: 'Reception 1' });
      await expect(rowA).toContainText('127.0.0.1');
      await expect(page.getByRole('row').filter({ hasText: 'Foreman board' })).toBeVisible();
      await rowA.getByRole('button', { name: 'Revoke the desk Reception 1' }).click();
      const revokedAt = Date.now();
      await page.getByRole('button', { name: 'Yes, revoke' }).click();
      await expect(rowA).toContainText('Revoked');
      await expect(deskA.getByText("A manager revoked this PC's pairing")).toBeVisible({ timeout: 5000 });
      test.info().annotations.push({ type: 'revoked desk sent back after', description: `${Date.now() - revokedAt} ms` });
      await expect(deskA.getByRole('heading', { name: 'Pair this desk' })).toBeVisible();
      // Desk B goes on.
      await deskB.reload();
      await expect(deskB.getByTestId('signed-in-user')).toBeVisible();
    });
    expect(errors, "errors in the desks' browser consoles").toEqual([]);
  } finally {
    await pinned.close();
    await lan.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
