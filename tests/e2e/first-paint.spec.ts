import { expect, signInAs, test } from './fixtures';

/**
 * Issue 17 item 14: browser mode sends the renderer compressed (the build's .br and .gz beside each file), and a
 * screen's code arrives only when the screen is opened (its own chunk, renderer/src/app/Screens.tsx).
 */
test('the main script is served compressed and a screen loads its own chunk when opened', async ({ page, desk }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  const main = page.waitForResponse((response) => /\/assets\/index-[^/]+\.js$/.test(response.url()));
  await signInAs(page, desk, 'manager');
  const mainResponse = await main;
  expect(await mainResponse.headerValue('content-encoding')).toBe('br');

  // The first chunk holds the login and the shell, not the screens: the users screen's code is not loaded yet.
  expect(scripts.some((path) => /\/UsersScreen-[^/]+\.js$/.test(path))).toBe(false);
  const chunk = page.waitForResponse((response) => /\/assets\/UsersScreen-[^/]+\.js$/.test(response.url()));
  await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
  const chunkResponse = await chunk;
  expect(chunkResponse.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  // A browser that accepts only gzip gets gzip; one that accepts nothing gets the file as it is.
  const path = new URL(mainResponse.url()).pathname;
  const gzip = await page.request.get(`${desk.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await page.request.get(`${desk.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.body()).length).toBeGreaterThan(Number(gzip.headers()['content-length'] ?? 0));
});
