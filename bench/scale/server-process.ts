/**
 * The core and its HTTP shell in a process of their own over the given database file, as browser mode runs it, so
 * the concurrency case calls it over real HTTP and a blocked event loop shows as it would at a desk. Run with
 * `node --import tsx bench/scale/server-process.ts <file>`. Prints `BAYDESK_URL <url>` once it listens; exits when
 * its stdin closes, so it never outlives the bench.
 */
import { openCore } from '../../electron/core/core';
import { startHttpServer } from '../../electron/server/http-server';

async function main(): Promise<void> {
  // The bench times every call itself; the core's own slow-call lines would only bury its report.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[core] slow procedure')) return;
    warn(...args);
  };
  const file = process.argv[2];
  if (!file) throw new Error('usage: node --import tsx bench/scale/server-process.ts <database file>');
  const core = await openCore({ file });
  const server = await startHttpServer({ core, port: 0, staticDir: null });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  process.stdout.write(`BAYDESK_URL ${server.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
