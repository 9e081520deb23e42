/**
 * npm run bench (last), or: tsx bench/first-paint.bench.ts [--runs 7] [--json]
 *
 * The login screen's first paint in browser mode (issue 17 item 14). Serves the built renderer (out/renderer: run
 * `npx electron-vite build` first) from the HTTP shell over a demo database, opens the login in Debian's Chromium
 * (BAYDESK_CHROMIUM or /usr/bin/chromium) --runs times, each in a fresh browser context (an empty cache, as a desk's
 * first visit), and prints the median and worst first contentful paint against the 0.5 s target, then the first
 * chunk (the script index.html names: the login and the shell) raw and as served (brotli, gzip), and how many chunks
 * the build holds. Always exits 0: it is a report; FAIL lines say what missed.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startCore } from '../electron/core/startup';
import { startHttpServer } from '../electron/server/http-server';

const TARGET_MS = 500;
const RENDERER = join(__dirname, '..', 'out', 'renderer');
const CHROMIUM = process.env.BAYDESK_CHROMIUM ?? '/usr/bin/chromium';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** The first chunk: the module script index.html loads, with its size raw and as the server sends it. */
function firstChunk(): { file: string; raw: number; br: number; gz: number; precompressed: boolean; chunks: number } {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no module script');
  const path = join(RENDERER, src);
  const body = readFileSync(path);
  const precompressed = existsSync(`${path}.br`) && existsSync(`${path}.gz`);
  const br = precompressed ? statSync(`${path}.br`).size : brotliCompressSync(body).length;
  const gz = precompressed ? statSync(`${path}.gz`).size : gzipSync(body, { level: 9 }).length;
  const chunks = readdirSync(join(RENDERER, 'assets')).filter((f) => f.endsWith('.js')).length;
  return { file: src, raw: body.length, br, gz, precompressed, chunks };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, json: { type: 'boolean' } } });
  const runs = Number(values.runs ?? 7);
  if (!existsSync(join(RENDERER, 'index.html'))) {
    console.log('FAIL: no built renderer in out/renderer (run `npx electron-vite build` first)');
    return;
  }
  console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
  const dir = mkdtempSync(join(tmpdir(), 'baydesk-bench-paint-'));
  const core = await startCore({ file: join(dir, 'baydesk.sqlite'), demo: true });
  const server = await startHttpServer({ core, staticDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const paints: number[] = [];
  let encoding = '';
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const main = page.waitForResponse((r) => /\/assets\/index-[^/]+\.js$/.test(r.url()));
      await page.goto(server.url);
      encoding = (await (await main).headerValue('content-encoding')) ?? 'none';
      await page.getByRole('button').first().waitFor();
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
      // The first load warms Chromium itself (its disk cache of compiled code is per context, but not its processes).
      if (i > 0) paints.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...paints].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const worst = sorted[sorted.length - 1]!;
  const chunk = firstChunk();
  const verdict = median <= TARGET_MS ? 'ok' : 'FAIL';
  console.log(
    `login first contentful paint over ${runs} cold loads: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms`,
  );
  console.log(`target median <= ${TARGET_MS} ms: ${verdict}`);
  console.log(
    `first chunk ${chunk.file}: ${kb(chunk.raw)} raw, ${kb(chunk.br)} brotli, ${kb(chunk.gz)} gzip` +
      ` (${chunk.precompressed ? 'precompressed at build' : 'NOT precompressed: sizes computed here'}); served as ${encoding}`,
  );
  console.log(`chunks in the build: ${chunk.chunks}`);
  if (values.json) console.log(JSON.stringify({ fcpMedianMs: median, fcpWorstMs: worst, encoding, ...chunk }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
