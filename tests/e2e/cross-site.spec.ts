import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, signInAs, test } from './fixtures';

/**
 * Another web page open in the desk's browser (issue 14 item 1): served from another loopback origin, it tries the
 * API with the requests a browser sends without asking anyone (a "simple" form-data or text POST, a submitted form).
 * Before the fix such a page set up the first administrator of a new database and locked a user out.
 */

/** Serves one page, from 127.0.0.1 on a port of its own: another origin than the desk's. */
async function servePage(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * The attacker's page: calls `path` with `input` `times` times each way, one after the other, then titles itself
 * "done" (what the attacker waits for). Each form posts into a hidden frame of its own, so the page stays to send the next one.
 */
function attackPage(target: string, path: string, inputs: unknown[]): string {
  return `<!doctype html><html><head><link rel="icon" href="data:,"><title>Win a car</title></head><body>
<script>
const url = ${JSON.stringify(`${target}/rpc/${path}`)};
const inputs = ${JSON.stringify(inputs)};
function envelope(input) { return JSON.stringify({ json: input, meta: [], maps: [] }); }
let sent = 0;
function submitForm(input) {
  return new Promise((resolve) => {
    const name = 'sink' + ++sent;
    const frame = document.createElement('iframe');
    frame.name = name;
    frame.style.display = 'none';
    frame.addEventListener('load', () => resolve(), { once: true });
    document.body.appendChild(frame);
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = url;
    form.target = name;
    const field = document.createElement('input');
    field.name = 'data';
    field.value = envelope(input);
    form.appendChild(field);
    document.body.appendChild(form);
    form.submit();
  });
}
(async () => {
  for (const input of inputs) {
    const form = new FormData();
    form.append('data', envelope(input));
    await fetch(url, { method: 'POST', mode: 'no-cors', body: form }).catch(() => undefined);
  }
  for (const input of inputs) {
    await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: envelope(input) }).catch(() => undefined);
  }
  for (const input of inputs) await submitForm(input);
  document.title = 'done';
})();
</script></body></html>`;
}

test.describe("another site's page cannot use the API", () => {
  test.describe('on a brand-new database', () => {
    test.use({ demo: false });

    test('cannot set up the first administrator', async ({ page, desk }) => {
      const admin = { username: 'intruder', displayName: 'Intruder', password: 'Intruder-Owns-This-Desk-2026' };
      const evil = await servePage(attackPage(desk.url, 'users/setupAdmin', [admin]));
      try {
        await page.goto(evil.url);
        await expect(page).toHaveTitle('done');
      } finally {
        evil.server.close();
      }
      expect((await desk.core.client().users.status()).needsSetup).toBe(true);
      await page.goto(desk.url);
      await expect(page.getByRole('heading', { name: 'Set up BayDesk' })).toBeVisible();
    });
  });

  test('cannot lock a user out with five wrong passwords', async ({ page, desk }) => {
    const wrong = Array.from({ length: 5 }, (_, i) => ({ username: 'advisor', password: `wrong-${i + 1}` }));
    const evil = await servePage(attackPage(desk.url, 'users/login', wrong));
    try {
      await page.goto(evil.url);
      await expect(page).toHaveTitle('done');
    } finally {
      evil.server.close();
    }
    // Fifteen wrong passwords were sent three ways; none reached the core, so the advisor signs in as usual.
    await signInAs(page, desk, 'advisor');
  });
});
